import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatNumber } from '../../components/format';
import { jobResultUrl, useJob } from './exports.api';

/** A running export: a progress bar while it works, then its file to download (or what went wrong). */
export function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  if (job.isError) return <ApiErrorAlert error={job.error} heading={t('exports.job.loadError')} />;
  const data = job.data;
  return (
    <section aria-labelledby="export-job-heading" className="margin-y-4">
      <h2 id="export-job-heading">{t('exports.job.heading')}</h2>
      {data && <ProgressBar job={data} />}
      {data && <JobOutcome job={data} />}
    </section>
  );
}

function ProgressBar({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const percent = job.status === 'done' ? 100 : job.percent;
  return (
    <div className="margin-y-2">
      <div
        role="progressbar"
        aria-label={t('exports.job.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('exports.job.percent', { percent: formatNumber(percent, i18n.language) })}
        className="bg-base-lighter radius-md height-2 overflow-hidden"
      >
        <div className="bg-primary height-full" style={{ width: `${percent}%`, transition: 'width 0.3s' }} />
      </div>
      <p className="margin-top-1 text-base-dark" aria-live="polite">
        {t(`exports.job.status.${job.status}`)}{' '}
        {t('exports.job.percent', { percent: formatNumber(percent, i18n.language) })}
      </p>
    </div>
  );
}

function JobOutcome({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  if (job.status === 'failed')
    return (
      <Alert type="error" heading={t('exports.job.failed')} live>
        {job.error && t(`exports.job.errors.${job.error.code}`, { defaultValue: job.error.message })}
      </Alert>
    );
  if (job.status === 'cancelled') return <Alert type="warning" heading={t('exports.job.cancelled')} live />;
  if (job.status !== 'done') return null;
  const result = (job.result ?? {}) as { disclosureId?: string; records?: number; schools?: number };
  return (
    <Alert type="success" heading={t('exports.job.done')} live>
      {result.disclosureId && (
        <p className="margin-top-0">
          {t('exports.job.disclosureRecorded', { records: formatNumber(result.records ?? 0, i18n.language) })}{' '}
          <Link to="/app/disclosures">{t('exports.job.openLog')}</Link>
        </p>
      )}
      {result.schools !== undefined && (
        <p className="margin-top-0">
          {t('exports.job.schools', { schools: formatNumber(result.schools, i18n.language) })}
        </p>
      )}
      {job.resultFile && (
        <a className="usa-button margin-top-1" href={jobResultUrl(job.id)} download={job.resultFile.name}>
          {t('exports.job.download', { name: job.resultFile.name })}
        </a>
      )}
    </Alert>
  );
}
