import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';

/**
 * A job's progress as a bar: role=progressbar with its value for assistive technology, the
 * percent written out beside it, styled with USWDS's tokens (there is no USWDS progress component).
 */
export function JobProgress({ job, label }: { job: Job; label: string }) {
  const { t } = useTranslation();
  const percent = job.status === 'done' ? 100 : job.percent;
  const state = t(`jobs.statuses.${job.status}`);
  return (
    <div className="margin-y-2">
      <p className="margin-bottom-1" id={`progress-${job.id}`}>
        {label}: <strong>{state}</strong> ({percent}%)
      </p>
      <div
        role="progressbar"
        aria-labelledby={`progress-${job.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% ${state}`}
        className="pub-progress bg-base-lighter radius-md height-2 maxw-tablet"
      >
        <div className="pub-progress__bar bg-primary radius-md height-full" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
