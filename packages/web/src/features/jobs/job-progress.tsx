import { useId } from 'react';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { jobErrorText, jobKindLabel, jobPhaseLabel, jobResultSummary, jobWentWrong } from './job-text';
import { isJobActive, jobPercent, jobResultHref, useCancelJob } from './jobs.api';
import './jobs.css';

type BarName = { label: string; labelledBy?: never } | { labelledBy: string; label?: never };

/**
 * The one progress bar of the app (USWDS has none): role=progressbar with its value 0-100, named by
 * `label` (aria-label) or by the id of a visible text (`labelledBy`). `valueText` is what assistive
 * technology reads for the value (default "40%").
 */
export function ProgressBar({ value, valueText, ...name }: { value: number; valueText?: string } & BarName) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className="job-progress__track"
      role="progressbar"
      aria-label={name.label}
      aria-labelledby={name.labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={valueText ?? `${pct}%`}
    >
      <div className="job-progress__bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

/**
 * A page's job as a named bar: "Publishing 2025-26: Running (40%)" above it, the bar named by that
 * line. The bar stays once the job ended, at 100% when it is done, so the reader sees the work ran
 * to its end; the page says the outcome. `job` is undefined until its first answer (shown queued).
 */
export function JobBar({ job, label }: { job: Job | undefined; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const percent = jobPercent(job);
  const status = t(`jobs.statuses.${job?.status ?? 'queued'}`);
  return (
    <div className="margin-y-2">
      <p className="margin-bottom-1" id={id}>
        {label}: <strong aria-live="polite">{status}</strong> ({percent}%)
      </p>
      <ProgressBar value={percent} labelledBy={id} valueText={`${percent}% ${status}`} />
    </div>
  );
}

/**
 * A job as it runs and once it ended: its progress bar while queued or running (with a cancel button
 * when `canCancel`), then its result, its error, or a link to its file. Use with useJob(jobId):
 *
 *   const job = useJob(jobId);
 *   {job.data && <JobProgress job={job.data} canCancel={can('job.cancel')} />}
 */
export function JobProgress({ job, label, canCancel }: { job: Job; label?: string; canCancel?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const cancel = useCancelJob();
  const name = label ?? jobKindLabel(job.kind, t);
  const active = isJobActive(job);
  return (
    <div className="job-progress" aria-labelledby={headingId} role="group">
      <p id={headingId} className="margin-y-1">
        <span className="text-bold">{name}</span>
        {' · '}
        <span>{t(`jobs.statuses.${job.status}`)}</span>
        {active && job.phase && <span>{` · ${jobPhaseLabel(job.phase, t)}`}</span>}
      </p>
      {active && (
        <>
          <ProgressBar value={job.percent} label={t('jobsPage.progressLabel', { name })} />
          <p className="margin-y-1 font-body-2xs" aria-hidden="true">
            {t('jobsPage.percent', { percent: job.percent })}
          </p>
          {job.cancelRequested && <p className="margin-y-1">{t('jobsPage.cancelRequested')}</p>}
          {canCancel && !job.cancelRequested && (
            <Button type="button" secondary onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>
              {t('jobsPage.cancel')}
            </Button>
          )}
          <ApiErrorAlert error={cancel.error} />
        </>
      )}
      {!active && (
        <div aria-live="polite">
          {job.status === 'done' && !jobWentWrong(job) && (
            <Alert type="success" slim>
              {jobResultSummary(job, t)}
              {job.resultFile && (
                <>
                  {' '}
                  <a href={jobResultHref(job.id)} download={job.resultFile.name}>
                    {t('jobsPage.download', { name: job.resultFile.name })}
                  </a>
                </>
              )}
            </Alert>
          )}
          {jobWentWrong(job) && (
            <Alert type="error" slim>
              {job.status === 'failed' ? jobErrorText(job, t) : jobResultSummary(job, t)}
            </Alert>
          )}
          {job.status === 'cancelled' && (
            <Alert type="info" slim>
              {t('jobsPage.result.cancelled')}
            </Alert>
          )}
        </div>
      )}
    </div>
  );
}
