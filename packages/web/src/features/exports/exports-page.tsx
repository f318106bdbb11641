import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { Job } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatNumber } from '../../components/format';
import { SelectField } from '../../components/form-fields';
import {
  DisclosureFields,
  type DisclosureErrors,
  type DisclosureValue,
  EMPTY_DISCLOSURE,
  disclosureBody,
  validateDisclosure,
} from '../disclosures/disclosure-fields';
import { PageTitle } from '../../components/page-title';
import { RadioGroup } from '../incidents/choice-fields';
import { ProgressBar } from '../jobs/job-progress';
import { jobPercent, jobResultHref, useJob } from '../jobs/jobs.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { recentSchoolYears } from './export-years';
import { EXPORT_KINDS, type ExportKind, RELEASES_RECORDS, useStartExport } from './exports.api';

/** i18next reads dots as nesting: each kind's words live under a plain key. */
const KIND_KEYS: Record<ExportKind, string> = {
  'incident.export.csv': 'csv',
  'incident.export.edfi': 'edfi',
  'crdc.export': 'crdc',
  'crdc.export.layout': 'crdcLayout',
};

type Errors = DisclosureErrors & { kind?: string };

/**
 * Exports started from the app (issue 13): the incident CSV and Ed-Fi JSON release student
 * records, so each first records a FERPA 99.32 disclosure (recipient, purpose, legal basis); the
 * CRDC files are counts and ask nothing. Each runs as a job; its file downloads when it is done.
 */
export function ExportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const jobId = search.get('job');
  const start = useStartExport(district.id);
  const years = recentSchoolYears(district);

  const kinds = EXPORT_KINDS.filter((k) => can(k.startsWith('crdc') ? 'crdc.export' : 'incident.export'));
  const [kind, setKind] = useState<ExportKind | ''>('');
  const [year, setYear] = useState('');
  const [disclosure, setDisclosure] = useState<DisclosureValue>(EMPTY_DISCLOSURE);
  const [errors, setErrors] = useState<Errors>({});

  const releases = kind !== '' && RELEASES_RECORDS.includes(kind);
  const isCrdc = kind === 'crdc.export' || kind === 'crdc.export.layout';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = releases ? validateDisclosure(disclosure, t, 'exports.errors') : {};
    if (kind === '') next.kind = t('exports.errors.kind');
    setErrors(next);
    if (kind === '' || Object.keys(next).length > 0) return;
    const chosenYear = year || (isCrdc ? years[0] : undefined);
    const input = releases
      ? {
          ...(chosenYear && { year: chosenYear }),
          ...disclosureBody(disclosure),
        }
      : { ...(chosenYear && { year: chosenYear }) };
    start.mutate(
      { kind, input },
      {
        onSuccess: (job) => {
          const params = new URLSearchParams(search);
          params.set('job', job.id);
          setSearch(params);
        },
      },
    );
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('exports.title')}</PageTitle>
      <p className="usa-intro">{t('exports.intro')}</p>
      {jobId && <ExportJob key={jobId} jobId={jobId} />}
      <h2>{t('exports.formHeading')}</h2>
      <Form onSubmit={submit} large aria-label={t('exports.formLabel')} noValidate>
        <RadioGroup<ExportKind>
          id="export-kind"
          legend={t('exports.kindLegend')}
          value={kind}
          tile
          error={errors.kind}
          onChange={(k) => {
            setKind(k);
            setYear('');
          }}
          options={kinds.map((k) => ({
            value: k,
            label: t(`exports.kinds.${KIND_KEYS[k]}.label`),
            hint: t(`exports.kinds.${KIND_KEYS[k]}.hint`),
          }))}
        />
        {kind !== '' && (
          <SelectField
            id="export-year"
            label={t('exports.year')}
            hint={isCrdc ? t('exports.yearHintCrdc') : t('exports.yearHint')}
            isOptional={!isCrdc}
            value={year || (isCrdc ? years[0]! : '')}
            onChange={setYear}
            placeholder={isCrdc ? undefined : t('exports.allYears')}
            options={years.map((y) => ({ value: y, label: y }))}
          />
        )}
        {releases && (
          <DisclosureFields value={disclosure} onChange={setDisclosure} errors={errors} words="exports.disclosure" />
        )}
        <ApiErrorAlert error={start.error} heading={t('exports.startFailed')} />
        <Button type="submit" disabled={start.isPending}>
          {releases ? t('exports.submitWithDisclosure') : t('exports.submit')}
        </Button>
      </Form>
    </section>
  );
}

/** The export started: its progress bar while it works, then its file to download (or what went wrong). */
function ExportJob({ jobId }: { jobId: string }) {
  const { t, i18n } = useTranslation();
  const job = useJob(jobId);
  if (job.isError) return <ApiErrorAlert error={job.error} heading={t('exports.job.loadError')} />;
  const data = job.data;
  const percent = jobPercent(data);
  const percentText = t('exports.job.percent', { percent: formatNumber(percent, i18n.language) });
  return (
    <section aria-labelledby="export-job-heading" className="margin-y-4">
      <h2 id="export-job-heading">{t('exports.job.heading')}</h2>
      {data && (
        <div className="margin-y-2">
          <ProgressBar value={percent} label={t('exports.job.progressLabel')} valueText={percentText} />
          <p className="margin-top-1 text-base-dark" aria-live="polite">
            {t(`exports.job.status.${data.status}`)} {percentText}
          </p>
        </div>
      )}
      {data && <ExportOutcome job={data} />}
    </section>
  );
}

function ExportOutcome({ job }: { job: Job }) {
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
        <a className="usa-button margin-top-1" href={jobResultHref(job.id)} download={job.resultFile.name}>
          {t('exports.job.download', { name: job.resultFile.name })}
        </a>
      )}
    </Alert>
  );
}
