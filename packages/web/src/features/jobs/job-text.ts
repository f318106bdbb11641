import type { TFunction } from 'i18next';
import type { Job } from '@forefront/contract';

/**
 * A job in words, in the reader's language: its kind, what it is doing, its result and its error.
 * The server sends codes and numbers (kind names, phases, result fields, error codes); only the words
 * are made here.
 */

/** i18next reads dots as nesting: "incident.export.csv" is looked up as "incident_export_csv". */
const keyOf = (name: string) => name.replace(/[.-]/g, '_');

export function jobKindLabel(kind: string, t: TFunction): string {
  return t(`jobsPage.kinds.${keyOf(kind)}`, { defaultValue: t('jobsPage.kinds.other') });
}

/** "importing", "publishing 2025-26", "recording disclosure": the phase's words, with its school year if any. */
export function jobPhaseLabel(phase: string | null, t: TFunction): string {
  if (!phase) return '';
  const year = /\b(\d{4}-\d{2})$/.exec(phase)?.[1];
  const words = (year ? phase.slice(0, -year.length) : phase).trim();
  return t(`jobsPage.phases.${keyOf(words.replace(/\s+/g, '_'))}`, {
    year: year ?? '',
    defaultValue: t('jobsPage.phases.working'),
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** One sentence saying what a finished job did, from the summary its kind returns. */
export function jobResultSummary(job: Job, t: TFunction): string {
  if (job.status === 'cancelled') return t('jobsPage.result.cancelled');
  if (job.status === 'failed') return jobErrorText(job, t);
  if (job.status !== 'done') return '';
  const r = obj(job.result);
  switch (job.kind) {
    case 'incident.import':
      return r.accepted === false
        ? t('jobsPage.result.importRefused', { count: num(r.errorCount) })
        : t('jobsPage.result.incidentImport', { count: num(r.incidents), rows: num(r.rows) });
    case 'student.import':
      return r.accepted === false
        ? t('jobsPage.result.importRefused', { count: num(r.errorCount) })
        : t('jobsPage.result.studentImport', {
            count: num(r.students),
            created: num(r.created),
            updated: num(r.updated),
            deactivated: num(r.deactivated),
          });
    case 'crdc.import':
      return t('jobsPage.result.crdcImport', { count: num(r.rows), linked: num(r.linked), year: str(r.year) });
    case 'incident.export.csv':
    case 'incident.export.edfi':
      return t('jobsPage.result.incidentExport', { count: num(r.records) });
    case 'crdc.export':
      return t('jobsPage.result.crdcExport', { year: str(r.schoolYear), count: num(r.schools) });
    case 'transparency.publish': {
      const years = Array.isArray(r.years) ? r.years.map((y) => str(obj(y).year)).filter(Boolean) : [];
      return years.length
        ? t('jobsPage.result.published', { years: years.join(', ') })
        : t('jobsPage.result.nothingToPublish');
    }
    default:
      return t('jobsPage.result.done');
  }
}

/** Did the job end without doing its work (failed, or an import that refused its file)? */
export const jobWentWrong = (job: Job) =>
  job.status === 'failed' || (job.status === 'done' && obj(job.result).accepted === false);

/** The error of a failed job in the reader's language; the server's own words stay one click away. */
export function jobErrorText(job: Job, t: TFunction): string {
  const code = job.error?.code ?? 'job_failed';
  return t(`jobs.errors.${code}`, {
    defaultValue: t(`jobsPage.errors.${code}`, { defaultValue: t('jobsPage.errors.other') }),
  });
}
