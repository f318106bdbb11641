import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { JOB_STATUSES, type Job, type JobStatus } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField } from '../../components/form-fields';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { JobProgress } from './job-progress';
import { jobKindLabel, jobResultSummary, jobWentWrong } from './job-text';
import { jobKeys, jobResultHref, useJobs } from './jobs.api';

const PAGE_SIZE = 20;
const ENDED: JobStatus[] = JOB_STATUSES.filter((s) => s !== 'queued' && s !== 'running');

/** Who started a job and when, in words. */
function StartedBy({ job }: { job: Job }) {
  const { t } = useTranslation();
  return <>{job.requestedByName ?? t('jobsPage.system')}</>;
}

function RunningJobs({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const running = useJobs(districtId, { finished: 'false' }, { limit: 50, offset: 0 });
  // A job that leaves this list has ended: the finished list below gets it at once.
  const queryClient = useQueryClient();
  const count = running.data?.items.length ?? 0;
  const last = useRef(count);
  useEffect(() => {
    if (count < last.current) void queryClient.invalidateQueries({ queryKey: jobKeys.ofDistrict(districtId) });
    last.current = count;
  }, [count, districtId, queryClient]);
  return (
    <section aria-labelledby="jobs-running">
      <h2 id="jobs-running">{t('jobsPage.running')}</h2>
      <QueryView
        query={running}
        loadingLabel={t('jobsPage.loading')}
        errorHeading={t('jobsPage.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={<p>{t('jobsPage.noneRunning')}</p>}
      >
        {(page) => (
          <ul className="usa-list usa-list--unstyled">
            {page.items.map((job) => (
              <li key={job.id} className="border-bottom-1px border-base-lighter padding-y-2">
                <JobProgress job={job} canCancel={can('job.cancel')} />
                <p className="margin-y-1 font-body-2xs text-base">
                  {t('jobsPage.startedByAt', {
                    name: job.requestedByName ?? t('jobsPage.system'),
                    at: formatDateTime(job.createdAt, i18n.language),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function StatusFilter({ value, onApply }: { value: JobStatus | undefined; onApply: (s: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string>(value ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <Form onSubmit={submit} noValidate className="maxw-full site-filters" aria-label={t('jobsPage.filtersLabel')}>
      <div className="grid-row grid-gap flex-align-end">
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <SelectField
            id="jobs-status"
            label={t('jobsPage.status')}
            isOptional
            placeholder={t('jobsPage.allStatuses')}
            options={ENDED.map((s) => ({ value: s, label: t(`jobs.statuses.${s}`) }))}
            value={draft}
            onChange={setDraft}
          />
        </div>
        <div className="tablet:grid-col-auto">
          <Button type="submit">{t('jobsPage.apply')}</Button>
        </div>
      </div>
    </Form>
  );
}

function FinishedJobs({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const raw = search.get('status');
  const status = ENDED.find((s) => s === raw);
  const page = pageFromSearch(search, PAGE_SIZE);
  const jobs = useJobs(districtId, { finished: 'true', ...(status && { status }) }, page);
  return (
    <section aria-labelledby="jobs-finished" className="margin-top-4">
      <h2 id="jobs-finished">{t('jobsPage.finished')}</h2>
      <StatusFilter
        key={status ?? ''}
        value={status}
        onApply={(s) => setSearch(s ? new URLSearchParams({ status: s }) : new URLSearchParams())}
      />
      <QueryView
        query={jobs}
        loadingLabel={t('jobsPage.loading')}
        errorHeading={t('jobsPage.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          jobs.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={status ? t('jobsPage.noMatchHeading') : t('jobsPage.emptyHeading')}>
              <p className="margin-0">{status ? t('jobsPage.noMatch') : t('jobsPage.empty')}</p>
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <DataTable
              captionId="jobs-caption"
              caption={t('jobsPage.caption', {
                from: p.offset + 1,
                to: p.offset + p.items.length,
                total: p.total,
              })}
            >
              <thead>
                <tr>
                  <th scope="col">{t('jobsPage.columns.kind')}</th>
                  <th scope="col">{t('jobsPage.columns.startedBy')}</th>
                  <th scope="col">{t('jobsPage.columns.when')}</th>
                  <th scope="col">{t('jobsPage.columns.status')}</th>
                  <th scope="col">{t('jobsPage.columns.result')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((job) => (
                  <tr key={job.id}>
                    <th scope="row">{jobKindLabel(job.kind, t)}</th>
                    <td>
                      <StartedBy job={job} />
                    </td>
                    <td>{formatDateTime(job.finishedAt ?? job.createdAt, i18n.language)}</td>
                    <td>
                      <span className={jobWentWrong(job) ? 'text-secondary-dark text-bold' : undefined}>
                        {t(`jobs.statuses.${job.status}`)}
                      </span>
                    </td>
                    <td>
                      <p className="margin-0">{jobResultSummary(job, t)}</p>
                      {job.status === 'done' && job.resultFile && (
                        <a href={jobResultHref(job.id)} download={job.resultFile.name}>
                          {t('jobsPage.download', { name: job.resultFile.name })}
                        </a>
                      )}
                      {job.status === 'failed' && job.error?.message && (
                        <details className="margin-top-1">
                          <summary>{t('jobsPage.serverWords')}</summary>
                          <p className="margin-y-1" lang="en">
                            {job.error.message}
                          </p>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('jobsPage.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** /app/jobs: what is running, and what ran, for the people allowed to see each kind of job. */
export function JobsPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  return (
    <section className="usa-section">
      <PageTitle>{t('jobsPage.title')}</PageTitle>
      <p className="usa-intro">{t('jobsPage.intro')}</p>
      <RunningJobs districtId={district.id} />
      <FinishedJobs districtId={district.id} />
      <p className="margin-top-4">
        <Link to="/app">{t('staff.backToDashboard')}</Link>
      </p>
    </section>
  );
}
