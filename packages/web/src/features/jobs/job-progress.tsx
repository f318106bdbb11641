import { useId } from 'react';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { jobErrorText, jobKindLabel, jobPhaseLabel, jobResultSummary, jobWentWrong } from './job-text';
import { isJobActive, jobResultHref, useCancelJob } from './jobs.api';
import './jobs.css';

/** An accessible progress bar: role=progressbar with its value, named by `label`. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className="job-progress__track"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={`${pct}%`}
    >
      <div className="job-progress__bar" style={{ width: `${pct}%` }} />
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
