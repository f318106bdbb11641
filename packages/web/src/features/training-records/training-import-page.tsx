import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, FormGroup, Label } from '@trussworks/react-uswds';
import {
  TRAINING_IMPORT_COLUMNS,
  type TrainingImportJobInput,
  type TrainingImportReport,
  TrainingImportReportSchema,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { useStartJob } from '../incident-import/import-jobs.api';
import { JobBar } from '../jobs/job-progress';
import { useJob } from '../jobs/jobs.api';
import { useCurrentMe } from '../staff/me-context';
import { TranscriptErrors } from './import-report';

type Step = { mode: 'check' | 'import'; jobId: string; text: string; fileName: string };

const reportOf = (result: unknown): TrainingImportReport | null => {
  const parsed = TrainingImportReportSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
};

/**
 * /app/training/import: an agency's training transcript. "Check file" runs the `training.import`
 * job as a dry run (every row checked, nothing written); "Import" runs it for real, all or nothing,
 * with its progress bar.
 */
export function TrainingImportPage() {
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

  useEffect(() => {
    if (finished) result.current?.focus();
  }, [finished]);

  const run = async (mode: Step['mode'], text: string, fileName: string) => {
    const body: TrainingImportJobInput = { csv: text, fileName, ...(mode === 'check' && { dryRun: true }) };
    const started = await start.mutateAsync({ kind: 'training.import', input: body });
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
      <PageTitle>{t('trainingRecords.import.title')}</PageTitle>
      <p className="usa-intro">{t('trainingRecords.import.intro')}</p>
      <form className="usa-form usa-form--large" onSubmit={(e) => void onCheck(e)} noValidate>
        <FormGroup error={missing}>
          <Label htmlFor="transcript-file" error={missing}>
            {t('trainingRecords.import.file')}
          </Label>
          <div className="usa-hint" id="transcript-file-hint">
            {t('trainingRecords.import.fileHint')}
          </div>
          {missing && <FieldError id="transcript-file-error">{t('trainingRecords.import.required')}</FieldError>}
          <input
            ref={input}
            id="transcript-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="usa-file-input"
            aria-describedby={`transcript-file-hint${missing ? ' transcript-file-error' : ''}`}
            aria-invalid={missing ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep(null);
            }}
          />
        </FormGroup>
        <Button type="submit" disabled={running}>
          {t('trainingRecords.import.check')}
        </Button>
      </form>
      {start.isError && <ApiErrorAlert error={start.error} heading={t('trainingRecords.import.failed')} />}
      {step && (
        <JobBar
          job={job.data}
          label={step.mode === 'check' ? t('trainingRecords.import.checking') : t('trainingRecords.import.importing')}
        />
      )}
      <div ref={result} tabIndex={-1} className="margin-top-3">
        {finished && finished.status !== 'done' && (
          <Alert type="error" heading={t('trainingRecords.import.failed')} live>
            {finished.error ? t(`jobs.errors.${finished.error.code}`, t('jobs.errors.job_failed')) : null}
          </Alert>
        )}
        {step && report && report.dryRun && report.errorCount === 0 && (
          <>
            <Alert type="success" heading={t('trainingRecords.import.checkedHeading')} live>
              {t('trainingRecords.import.checked', {
                rows: report.rows,
                count: report.records,
                officers: report.officers,
              })}
            </Alert>
            <Button
              type="button"
              className="margin-top-2"
              disabled={running}
              onClick={() => void run('import', step.text, step.fileName).catch(() => undefined)}
            >
              {t('trainingRecords.import.import', { count: report.records })}
            </Button>
          </>
        )}
        {step && report && !report.dryRun && report.accepted && (
          <Alert type="success" heading={t('trainingRecords.import.doneHeading')} live>
            {t('trainingRecords.import.done', { count: report.records, officers: report.officers })}
          </Alert>
        )}
        {report && report.errorCount > 0 && (
          <>
            <Alert type="error" heading={t('trainingRecords.import.rejectedHeading')} live>
              {report.dryRun
                ? t('trainingRecords.import.rejectedDry', { count: report.errorCount })
                : t('trainingRecords.import.rejected', { count: report.errorCount })}
            </Alert>
            <TranscriptErrors report={report} />
          </>
        )}
      </div>
      <section className="margin-top-5" aria-labelledby="transcript-columns">
        <h2 id="transcript-columns">{t('trainingRecords.import.columnsHeading')}</h2>
        <p>{t('trainingRecords.import.columnsIntro')}</p>
        <dl>
          {TRAINING_IMPORT_COLUMNS.map((c) => (
            <div key={c} className="margin-bottom-1">
              <dt>
                <code>{c}</code>
              </dt>
              <dd className="margin-left-2">{t(`trainingRecords.import.columns.${c}`)}</dd>
            </div>
          ))}
        </dl>
        <p>
          <Link to="/app/training/records">{t('trainingRecords.import.toQueue')}</Link>
        </p>
      </section>
    </section>
  );
}
