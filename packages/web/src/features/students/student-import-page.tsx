import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, FormGroup, Label } from '@trussworks/react-uswds';
import type { StudentImportInput, StudentImportReport } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { importRowMessage } from '../../api/error-messages';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { DateField, FieldError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { useCurrentMe } from '../staff/me-context';
import { useImportStudents } from './students.api';

type FileKey = 'users' | 'demographics' | 'orgs' | 'flags';
const FILES: { key: FileKey; required: boolean }[] = [
  { key: 'users', required: true },
  { key: 'demographics', required: true },
  { key: 'orgs', required: false },
  { key: 'flags', required: false },
];

/**
 * Upload OneRoster users.csv and demographics.csv (plus the optional orgs and flags files). The
 * server checks every row first and writes nothing unless all are valid; the page shows either
 * the counts or each invalid value with its file, row, column and reason.
 */
export function StudentImportPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [files, setFiles] = useState<Partial<Record<FileKey, File>>>({});
  const [asOf, setAsOf] = useState('');
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [missing, setMissing] = useState<FileKey[]>([]);
  const [progress, setProgress] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const upload = useImportStudents(district.id, setProgress);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const absent = FILES.filter((f) => f.required && !files[f.key]).map((f) => f.key);
    setMissing(absent);
    if (absent.length) {
      form.current?.querySelector<HTMLInputElement>(`#import-${absent[0]}`)?.focus();
      return;
    }
    setProgress(0);
    const text = async (k: FileKey) => (files[k] ? await files[k].text() : undefined);
    const input: StudentImportInput = { users: (await text('users'))!, demographics: (await text('demographics'))! };
    const orgs = await text('orgs');
    const flags = await text('flags');
    if (orgs !== undefined) input.orgs = orgs;
    if (flags !== undefined) input.flags = flags;
    if (asOf) input.asOf = asOf;
    if (deactivateMissing) input.deactivateMissing = true;
    upload.mutate(input);
  };

  return (
    <section className="usa-section">
      <p>
        <Link to="/app/students">{t('studentImport.back')}</Link>
      </p>
      <PageTitle>{t('studentImport.title')}</PageTitle>
      <p className="usa-intro">{t('studentImport.intro', { district: district.name })}</p>
      <details className="margin-bottom-3">
        <summary>{t('studentImport.formatSummary')}</summary>
        <ul className="usa-list">
          {FILES.map((f) => (
            <li key={f.key}>
              <strong>{`${f.key}.csv`}</strong>: {t(`studentImport.format.${f.key}`)}
            </li>
          ))}
        </ul>
      </details>
      <form ref={form} className="usa-form usa-form--large" onSubmit={(e) => void onSubmit(e)} noValidate>
        {FILES.map((f) => {
          const error = missing.includes(f.key) ? t('studentImport.required') : undefined;
          return (
            <FormGroup key={f.key} error={!!error}>
              <Label htmlFor={`import-${f.key}`} error={!!error}>
                {t(`studentImport.file.${f.key}`)}
                {!f.required && <span className="text-base-dark"> {t('common.optional')}</span>}
              </Label>
              <div className="usa-hint" id={`import-${f.key}-hint`}>
                {t(`studentImport.hint.${f.key}`)}
              </div>
              {error && <FieldError id={`import-${f.key}-error`}>{error}</FieldError>}
              <input
                id={`import-${f.key}`}
                name={f.key}
                type="file"
                accept=".csv,text/csv"
                className="usa-file-input"
                aria-describedby={`import-${f.key}-hint${error ? ` import-${f.key}-error` : ''}`}
                aria-invalid={error ? true : undefined}
                onChange={(e) => setFiles((prev) => ({ ...prev, [f.key]: e.target.files?.[0] }))}
              />
            </FormGroup>
          );
        })}
        <DateField
          id="import-as-of"
          label={t('studentImport.asOf')}
          hint={t('studentImport.asOfHint')}
          isOptional
          value={asOf}
          onChange={setAsOf}
        />
        <Checkbox
          id="import-deactivate"
          name="deactivateMissing"
          label={t('studentImport.deactivate')}
          labelDescription={t('studentImport.deactivateHint')}
          checked={deactivateMissing}
          onChange={(e) => setDeactivateMissing(e.target.checked)}
        />
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? t('studentImport.uploading') : t('studentImport.submit')}
        </Button>
      </form>
      {upload.isPending && (
        <div className="margin-top-3">
          <label htmlFor="import-progress">
            {progress < 1 ? t('studentImport.progressUpload') : t('studentImport.progressCheck')}
          </label>
          <progress
            id="import-progress"
            className="display-block width-full"
            max={1}
            value={progress < 1 ? progress : undefined}
          >
            {Math.round(progress * 100)}%
          </progress>
        </div>
      )}
      {upload.isError && <ApiErrorAlert error={upload.error} heading={t('studentImport.failed')} />}
      {upload.data && <ImportResult report={upload.data} />}
    </section>
  );
}

function ImportResult({ report }: { report: StudentImportReport }) {
  const { t } = useTranslation();
  if (report.accepted)
    return (
      <Alert type="success" heading={t('studentImport.doneHeading')} live>
        <p>{t('studentImport.done', { students: report.students, asOf: report.asOf })}</p>
        <ul className="usa-list">
          <li>{t('studentImport.created', { count: report.created })}</li>
          <li>{t('studentImport.updated', { count: report.updated })}</li>
          <li>{t('studentImport.unchanged', { count: report.unchanged })}</li>
          <li>{t('studentImport.deactivated', { count: report.deactivated })}</li>
          <li>{t('studentImport.history', { count: report.demographicChanges })}</li>
        </ul>
      </Alert>
    );
  return (
    <>
      <Alert type="error" heading={t('studentImport.rejectedHeading')} live>
        {t('studentImport.rejected', { count: report.errorCount })}
      </Alert>
      <DataTable
        captionId="import-errors-caption"
        caption={t('studentImport.errorsCaption', { shown: report.errors.length, total: report.errorCount })}
      >
        <thead>
          <tr>
            <th scope="col">{t('studentImport.errorFile')}</th>
            <th scope="col">{t('studentImport.errorRow')}</th>
            <th scope="col">{t('studentImport.errorColumn')}</th>
            <th scope="col">{t('studentImport.errorReason')}</th>
          </tr>
        </thead>
        <tbody>
          {report.errors.map((e, i) => (
            <tr key={i}>
              <td>{e.file}</td>
              <td>{e.row}</td>
              <td>{e.column ?? '—'}</td>
              {/* Reasons are sentences: let them wrap instead of widening the scrolling table. */}
              <td style={{ whiteSpace: 'normal', minWidth: '16rem' }}>{importRowMessage(e, t)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
