import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { useQueryClient } from '@tanstack/react-query';
import {
  type Job,
  type PreviewScope,
  type TransparencyPreview,
  TransparencyPreviewSchema,
  PublishTransparencyResultSchema,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { useCurrentMe } from '../staff/me-context';
import { CellNotesContext, type CellNotes, placeKey } from '../transparency/cell-notes';
import type { Translate } from '../transparency/labels';
import { sectionsFor } from '../transparency/section-defs';
import { SECTION_COMPONENTS } from '../transparency/sections';
import '../transparency/transparency.css';
import { PreviewChanges, ReasonsUsed } from './preview-parts';
import { ReleaseHistory } from './release-history';
import { JobBar } from '../jobs/job-progress';
import { isJobActive, useJob } from '../jobs/jobs.api';
import { publishKeys, useReleases, useStartJob } from './publish.api';
import './publish.css';

/**
 * Publishing the public report from the browser (issue 13, "Publish"), for the district
 * administrator: choose a school year, preview exactly what the public will see (the district's
 * report and each school's, every withheld figure with its reason, what changed since the last
 * release), publish with a progress bar, and read who published what and when. The preview and
 * the publication are jobs (the suppression engine takes seconds on a large district); the
 * preview's job id and the school are in the address, so each school's preview has its own URL.
 */
export function PublishPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const releases = useReleases(district.id);
  const [params, setParams] = useSearchParams();
  const previewId = params.get('preview');
  const previewJob = useJob(previewId);
  const startPreview = useStartJob(district.id, 'transparency.preview');
  const startPublish = useStartJob(district.id, 'transparency.publish');
  const [publishId, setPublishId] = useState<string | null>(null);
  const publishJob = useJob(publishId);
  const published = publishJob.data?.status === 'done';
  const queryClient = useQueryClient();
  // A publication changes the release history: read it again once the job is done.
  useEffect(() => {
    if (published) void queryClient.invalidateQueries({ queryKey: publishKeys.all });
  }, [published, queryClient]);
  const [year, setYear] = useState('');
  const yearId = useId();

  const preview = useMemo(() => {
    const parsed = TransparencyPreviewSchema.safeParse(previewJob.data?.result);
    return previewJob.data?.status === 'done' && parsed.success ? parsed.data : null;
  }, [previewJob.data]);

  const title = <PageTitle>{t('publish.title')}</PageTitle>;
  if (releases.isPending) return <Loading />;
  if (releases.isError)
    return (
      <section className="usa-section">
        {title}
        <ApiErrorAlert error={releases.error} />
      </section>
    );

  const years = [...releases.data.yearsWithFigures].reverse();
  const chosen = year || preview?.year || years[0] || '';

  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    setPublishId(null);
    startPreview.mutate(
      { year: chosen },
      { onSuccess: (job) => setParams(new URLSearchParams({ preview: job.id }), { replace: false }) },
    );
  };

  return (
    <section className="usa-section">
      {title}
      <p className="usa-intro measure-6">{t('publish.intro', { district: district.name })}</p>
      {years.length === 0 ? (
        <Alert type="info" heading={t('publish.emptyHeading')}>
          <p>{t('publish.emptyBody')}</p>
          <p>
            <Link to="/app/incidents">{t('publish.emptyLink')}</Link>
          </p>
        </Alert>
      ) : (
        <form className="usa-form" onSubmit={onPreview}>
          <label className="usa-label" htmlFor={yearId}>
            {t('publish.yearLabel')}
          </label>
          <select id={yearId} className="usa-select" value={chosen} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <Button
            type="submit"
            className="margin-top-2"
            disabled={startPreview.isPending || isJobActive(previewJob.data)}
          >
            {t('publish.previewButton')}
          </Button>
        </form>
      )}
      {startPreview.isError && <ApiErrorAlert error={startPreview.error} heading={t('publish.previewFailed')} />}
      {previewJob.isError && <ApiErrorAlert error={previewJob.error} heading={t('publish.previewFailed')} />}
      {previewJob.data && previewJob.data.status !== 'done' && (
        <JobState job={previewJob.data} label={t('publish.previewProgress')} failed={t('publish.previewFailed')} />
      )}
      {preview && (
        <PreviewView
          preview={preview}
          schoolId={params.get('school')}
          schoolHref={(id) =>
            `/app/publish?${new URLSearchParams({ preview: previewId ?? '', school: id }).toString()}`
          }
          onScope={(id) => {
            const next = new URLSearchParams({ preview: previewId ?? '' });
            if (id) next.set('school', id);
            setParams(next);
          }}
          publish={
            <PublishBlock
              year={preview.year}
              job={publishJob.data}
              starting={startPublish.isPending}
              error={startPublish.error ?? publishJob.error}
              districtId={district.id}
              onPublish={() =>
                startPublish.mutate({ year: preview.year }, { onSuccess: (job) => setPublishId(job.id) })
              }
            />
          }
        />
      )}
      <ReleaseHistory releases={releases.data.releases} />
    </section>
  );
}

/** A running job's bar, or why it failed; a cancelled job says so. */
function JobState({ job, label, failed }: { job: Job; label: string; failed: string }) {
  const { t } = useTranslation();
  if (job.status === 'failed' || job.status === 'cancelled')
    return (
      <Alert type="error" heading={failed} live>
        {job.error ? jobErrorText(job.error, t) : t('jobs.statuses.cancelled')}
      </Alert>
    );
  return <JobBar job={job} label={label} />;
}

export function jobErrorText(error: { code: string; message: string }, t: Translate) {
  return t(`publish.errors.${error.code}`, {
    defaultValue: t(`jobs.errors.${error.code}`, { defaultValue: error.message }),
  });
}

function PublishBlock({
  year,
  job,
  starting,
  error,
  districtId,
  onPublish,
}: {
  year: string;
  job: Job | undefined;
  starting: boolean;
  error: unknown;
  districtId: string;
  onPublish: () => void;
}) {
  const { t } = useTranslation();
  const result = job?.status === 'done' ? PublishTransparencyResultSchema.safeParse(job.result) : null;
  const row = result?.success ? result.data.years.find((y) => y.year === year) : undefined;
  return (
    <div className="margin-y-3">
      <p className="measure-6">{t('publish.publishExplain', { year })}</p>
      <Button type="button" onClick={onPublish} disabled={starting || isJobActive(job)}>
        {t('publish.publishButton', { year })}
      </Button>
      {error ? <ApiErrorAlert error={error} heading={t('publish.publishFailed')} /> : null}
      {job && <JobState job={job} label={t('publish.publishProgress', { year })} failed={t('publish.publishFailed')} />}
      {job?.status === 'done' && (
        <Alert type="success" heading={t('publish.publishedHeading', { year })} live>
          {row && (
            <p>
              {t(row.changed ? 'publish.publishedChanged' : 'publish.publishedUnchanged', {
                published: row.published,
                suppressed: row.suppressed,
              })}
            </p>
          )}
          <p>
            <Link to={`/districts/${encodeURIComponent(districtId)}?year=${encodeURIComponent(year)}`}>
              {t('publish.publicLink')}
            </Link>
          </p>
        </Alert>
      )}
    </div>
  );
}

function PreviewView({
  preview,
  schoolId,
  schoolHref,
  onScope,
  publish,
}: {
  preview: TransparencyPreview;
  schoolId: string | null;
  schoolHref: (id: string) => string;
  onScope: (schoolId: string | null) => void;
  publish: ReactNode;
}) {
  const { t } = useTranslation();
  const scopeId = useId();
  const scope: PreviewScope =
    preview.scopes.find((s) => s.report.school?.id === schoolId) ??
    preview.scopes.find((s) => s.report.school === null)!;
  const notes = useMemo<CellNotes>(() => {
    const reasons = new Map(scope.withheld.map((w) => [placeKey(w.table, w.row, w.dimension, w.column), w.reason]));
    return { reasonAt: (...p) => reasons.get(placeKey(...p)), schoolHref, minN: preview.minN };
  }, [scope, schoolHref, preview.minN]);
  const report = scope.report;
  const name = report.school?.name ?? report.district.name;
  return (
    <>
      <h2 id="preview-heading">{t('publish.previewHeading', { year: preview.year })}</h2>
      <Alert type="warning" heading={t('publish.notPublicHeading')}>
        {t('publish.notPublicBody', { n: preview.minN })}
      </Alert>
      {publish}
      <div className="usa-form margin-bottom-3">
        <label className="usa-label" htmlFor={scopeId}>
          {t('publish.scopeLabel')}
        </label>
        <select
          id={scopeId}
          className="usa-select"
          value={report.school?.id ?? ''}
          onChange={(e) => onScope(e.target.value || null)}
        >
          {preview.scopes.map((s) => (
            <option key={s.report.school?.id ?? ''} value={s.report.school?.id ?? ''}>
              {s.report.school
                ? t('publish.schoolOption', { name: s.report.school.name })
                : t('publish.districtOption', { name: s.report.district.name })}
            </option>
          ))}
        </select>
      </div>
      <PreviewChanges scope={scope} name={name} />
      <ReasonsUsed scope={scope} name={name} minN={preview.minN} />
      <div className="pub-preview border-top-1px border-base-lighter padding-top-3">
        <p className="usa-tag">{t('publish.previewTag', { name })}</p>
        <CellNotesContext.Provider value={notes}>
          {sectionsFor(report.school ? 'school' : 'district').map((def) => {
            const Section = SECTION_COMPONENTS[def.kind];
            const kind = report.school ? 'school' : 'district';
            return (
              <Section
                key={def.id}
                def={def}
                report={report}
                scope={{ kind, id: report.school?.id ?? report.district.id }}
                districtId={report.district.id}
              />
            );
          })}
        </CellNotesContext.Provider>
      </div>
    </>
  );
}
