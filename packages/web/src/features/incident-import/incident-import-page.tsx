import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, FormGroup, Label } from '@trussworks/react-uswds';
import {
  type IncidentImportJobInput,
  type IncidentImportReport,
  IncidentImportReportSchema,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { useCurrentMe } from '../staff/me-context';
import { JobBar } from '../jobs/job-progress';
import { useJob } from '../jobs/jobs.api';
import { useStartJob } from './import-jobs.api';
import { ImportErrors } from './import-report';

type Step = { mode: 'check' | 'import'; jobId: string; text: string; fileName: string };

const reportOf = (result: unknown): IncidentImportReport | null => {
  const parsed = IncidentImportReportSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
};

/**
 * Issue 13: a district administrator imports incidents from a CSV without a shell. The file is
 * checked first (the `incident.import` job with `dryRun`: every row checked, nothing written) and
 * the report says, row by row, what is wrong, with the valid values of a wrong code; then Import
 * runs the same job for real, all or nothing, with its progress.
 */
export function IncidentImportPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  const start = useStartJob(district.id);
  const job = useJob(step?.jobId ?? null);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  const running = start.isPending || (step !== null && (!job.data || ['queued', 'running'].includes(job.data.status)));
  const finished = step !== null && job.data && !['queued', 'running'].includes(job.data.status) ? job.data : null;
  const report = finished?.status === 'done' ? reportOf(finished.result) : null;

  // Move the reader to the outcome once the job ends (the alert is also announced as it appears).
  useEffect(() => {
    if (finished) result.current?.focus();
  }, [finished]);

  const run = async (mode: Step['mode'], text: string, fileName: string) => {
    const body: IncidentImportJobInput = { csv: text, fileName, ...(mode === 'check' && { dryRun: true }) };
    const started = await start.mutateAsync({ kind: 'incident.import', input: body });
    setStep({ mode, jobId: started.id, text, fileName });
  };

  const onCheck = async (e: FormEvent) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    setStep(null);
    await run('check', await file.text(), file.name).catch(() => undefined);
  };

  return (
    <section className="usa-section">
      <p>
        <Link to="/app/incidents">{t('incidentImport.back')}</Link>
      </p>
      <PageTitle>{t('incidentImport.title')}</PageTitle>
      <p className="usa-intro">{t('incidentImport.intro', { district: district.name })}</p>
      <p>
        <Link to="/app/incidents/import/columns">{t('incidentImport.columnsLink')}</Link>
      </p>
      <form className="usa-form usa-form--large" onSubmit={(e) => void onCheck(e)} noValidate>
        <FormGroup error={missing}>
          <Label htmlFor="import-file" error={missing}>
            {t('incidentImport.file')}
          </Label>
          <div className="usa-hint" id="import-file-hint">
            {t('incidentImport.fileHint')}
          </div>
          {missing && <FieldError id="import-file-error">{t('incidentImport.required')}</FieldError>}
          <input
            ref={input}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="usa-file-input"
            aria-describedby={`import-file-hint${missing ? ' import-file-error' : ''}`}
            aria-invalid={missing ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep(null);
            }}
          />
        </FormGroup>
        <Button type="submit" disabled={running}>
          {t('incidentImport.check')}
        </Button>
      </form>
      {start.isError && <ApiErrorAlert error={start.error} heading={t('incidentImport.failed')} />}
      {/* Kept once the job ends, at 100%: the bar says the work ran to its end. */}
      {step && (
        <JobBar
          job={job.data}
          label={step.mode === 'check' ? t('incidentImport.checking') : t('incidentImport.importing')}
        />
      )}
      <div ref={result} tabIndex={-1} className="margin-top-3">
        {finished && finished.status !== 'done' && (
          <Alert type="error" heading={t('incidentImport.failed')} live>
            {finished.error ? t(`jobs.errors.${finished.error.code}`, t('jobs.errors.job_failed')) : null}
          </Alert>
        )}
        {step && report && step.mode === 'check' && report.accepted && (
          <>
            <Alert type="success" heading={t('incidentImport.checkedHeading')} live>
              {t('incidentImport.checked', {
                rows: report.rows,
                count: report.incidents,
                flags: report.flags,
              })}
            </Alert>
            <Button
              type="button"
              className="margin-top-2"
              disabled={running}
              onClick={() => void run('import', step.text, step.fileName).catch(() => undefined)}
            >
              {t('incidentImport.import', { count: report.incidents })}
            </Button>
          </>
        )}
        {step && report && step.mode === 'import' && report.accepted && (
          <Alert type="success" heading={t('incidentImport.doneHeading')} live>
            <p>
              {t('incidentImport.done', {
                count: report.incidents,
                first: report.numbers?.first ?? '',
                last: report.numbers?.last ?? '',
              })}
            </p>
            <p>
              <Link to="/app/incidents">{t('incidentImport.toList')}</Link>
            </p>
          </Alert>
        )}
        {report && !report.accepted && (
          <>
            <Alert type="error" heading={t('incidentImport.rejectedHeading')} live>
              {report.dryRun
                ? t('incidentImport.rejectedDry', { count: report.errorCount })
                : t('incidentImport.rejected', { count: report.errorCount })}
            </Alert>
            <ImportErrors report={report} />
          </>
        )}
      </div>
    </section>
  );
}
