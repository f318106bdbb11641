import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, FormGroup, Label, TextInput } from '@trussworks/react-uswds';
import { CrdcLoadedSchema } from '@forefront/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { FieldError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useStartJob, useStartStateJob } from '../incident-import/import-jobs.api';
import { JobBar } from '../jobs/job-progress';
import { useJob } from '../jobs/jobs.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { RequireAction } from '../staff/require-action';

const loadedKey = ['crdc', 'loaded'] as const;
const FILE_ERRORS = new Set(['crdc_no_year', 'crdc_bad_value', 'crdc_wrong_state', 'crdc_not_crdc_file']);

/**
 * Issue 13: the federal CRDC public-use school file of one's own state, loaded from the browser
 * with its progress. A district administrator loads it as the district's job (crdc.import), a state
 * viewer as the state's job (crdc.import.state); either way only that state's rows are accepted.
 * The table shows what is loaded (public federal data).
 */
export function CrdcFilesPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const can = useCan();
  const asState = me.district === null && can('crdc.import.state');
  const state = me.district?.state ?? me.user.state ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState('');
  const [missing, setMissing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const startDistrict = useStartJob(me.district?.id ?? '');
  const startState = useStartStateJob();
  const start = asState ? startState : startDistrict;
  const job = useJob(jobId);
  const queryClient = useQueryClient();
  const loaded = useQuery({
    queryKey: loadedKey,
    queryFn: ({ signal }) => api.get('/api/public/crdc', CrdcLoadedSchema, undefined, signal),
  });
  const input = useRef<HTMLInputElement>(null);
  const status = job.data?.status;
  const running = start.isPending || (jobId !== null && (!status || status === 'queued' || status === 'running'));

  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: loadedKey });
  }, [status, queryClient]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    setJobId(null);
    const body = { csv: await file.text(), fileName: file.name, ...(year.trim() && { year: year.trim() }) };
    const started = await start
      .mutateAsync({ kind: asState ? 'crdc.import.state' : 'crdc.import', input: body })
      .catch(() => null);
    if (started) setJobId(started.id);
  };

  const result = status === 'done' ? (job.data?.result as { year?: string; rows?: number } | null) : null;
  const errorCode = status === 'failed' ? job.data?.error?.code : undefined;

  return (
    <section className="usa-section">
      <p>
        <Link to="/app">{t('staff.backToDashboard')}</Link>
      </p>
      <PageTitle>{t('crdcFiles.title')}</PageTitle>
      <p className="usa-intro">{t('crdcFiles.intro', { state })}</p>
      <p>
        <a href="https://civilrightsdata.ed.gov/data">{t('crdcFiles.source')}</a>
      </p>
      <QueryView query={loaded}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('crdcFiles.none')}</p>
          ) : (
            <DataTable captionId="crdc-loaded-caption" caption={t('crdcFiles.loadedCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('crdcFiles.state')}</th>
                  <th scope="col">{t('crdcFiles.year')}</th>
                  <th scope="col">{t('crdcFiles.schools')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={`${r.state}-${r.year}`}>
                    <td>{r.state}</td>
                    <td>{r.year}</td>
                    <td>{r.schools}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </QueryView>
      <h2>{t('crdcFiles.loadHeading')}</h2>
      <form className="usa-form usa-form--large" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormGroup error={missing}>
          <Label htmlFor="crdc-file" error={missing}>
            {t('crdcFiles.file')}
          </Label>
          <div className="usa-hint" id="crdc-file-hint">
            {t('crdcFiles.fileHint', { state })}
          </div>
          {missing && <FieldError id="crdc-file-error">{t('crdcFiles.required')}</FieldError>}
          <input
            ref={input}
            id="crdc-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="usa-file-input"
            aria-describedby={`crdc-file-hint${missing ? ' crdc-file-error' : ''}`}
            aria-invalid={missing ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="crdc-year">
            {t('crdcFiles.yearField')} <span className="text-base-dark">{t('common.optional')}</span>
          </Label>
          <div className="usa-hint" id="crdc-year-hint">
            {t('crdcFiles.yearHint')}
          </div>
          <TextInput
            id="crdc-year"
            name="year"
            type="text"
            className="maxw-card"
            aria-describedby="crdc-year-hint"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </FormGroup>
        <Button type="submit" disabled={running}>
          {t('crdcFiles.submit')}
        </Button>
      </form>
      {start.isError && <ApiErrorAlert error={start.error} heading={t('crdcFiles.failed')} />}
      {jobId && <JobBar job={job.data} label={t('crdcFiles.loading')} />}
      {result && (
        <Alert type="success" heading={t('crdcFiles.doneHeading')} live>
          {t('crdcFiles.done', { rows: result.rows ?? 0, year: result.year ?? '', state })}
        </Alert>
      )}
      {status && status !== 'done' && status !== 'queued' && status !== 'running' && (
        <Alert type="error" heading={t('crdcFiles.failed')} live>
          {errorCode && FILE_ERRORS.has(errorCode)
            ? t(`crdcFiles.errors.${errorCode}`, { state })
            : t(`jobs.errors.${errorCode ?? 'job_failed'}`, t('jobs.errors.job_failed'))}
        </Alert>
      )}
    </section>
  );
}

/** Either of two actions opens the page (a district's load, a state's load); others see the usual refusal. */
export function CrdcFilesRoute() {
  const can = useCan();
  const me = useCurrentMe();
  if ((me.district !== null && can('crdc.import')) || can('crdc.import.state')) return <CrdcFilesPage />;
  return (
    <RequireAction action="crdc.import" needsDistrict>
      <CrdcFilesPage />
    </RequireAction>
  );
}
