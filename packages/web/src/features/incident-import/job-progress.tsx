import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';

/**
 * A running job's progress as a WAI-ARIA progressbar: its label says what runs, aria-valuenow how
 * far (0-100), so a screen reader announces it and a test can read it. USWDS has no progress bar
 * component; the bar is drawn with its utility classes.
 */
export function JobProgress({ job, label }: { job: Job | undefined; label: string }) {
  const { t } = useTranslation();
  const percent = job?.status === 'done' ? 100 : (job?.percent ?? 0);
  const status = job ? t(`jobs.statuses.${job.status}`) : t('jobs.statuses.queued');
  return (
    <div className="margin-top-3 maxw-tablet">
      <div className="display-flex flex-justify">
        <span id="job-progress-label">{label}</span>
        <span aria-live="polite">{`${status}: ${percent}%`}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="job-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        className="bg-base-lighter radius-md height-2 margin-top-1 overflow-hidden"
      >
        <div className="bg-primary height-full" style={{ width: `${percent}%`, transition: 'width 0.3s' }} />
      </div>
    </div>
  );
}
