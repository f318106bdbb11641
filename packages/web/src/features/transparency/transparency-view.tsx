import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TransparencyReport } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { sectionsFor } from './section-defs';
import { SECTION_COMPONENTS } from './sections';
import { reportFileUrl, useTransparencyIndex, useTransparencyReport, type Scope } from './transparency.api';
import { chooseYear } from './year';
import './transparency.css';

/**
 * The published figures of a district or one of its schools, for the year in the address
 * (`?year=2024-25`; the newest when absent). The district's list of published years drives the
 * selector on both pages, so moving between a district and its schools keeps the year.
 */
export function TransparencyView({ districtId, scope }: { districtId: string; scope: Scope }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const index = useTransparencyIndex(districtId);
  const years = index.data?.years ?? [];
  const year = chooseYear(years, params.get('year'));
  const report = useTransparencyReport(scope, index.isSuccess ? year : null);
  const emptyText = scope.kind === 'district' ? t('transparency.emptyDistrict') : t('transparency.emptySchool');

  if (index.isPending) return <Loading label={t('transparency.loading')} />;
  if (isApiError(index.error, 404) || (index.isSuccess && year === null)) return <EmptyState text={emptyText} />;
  if (index.isError) return <ApiErrorAlert error={index.error} heading={t('transparency.loadError')} />;
  const shownYear = year as string;

  const selectYear = (next: string) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        out.set('year', next);
        return out;
      },
      { preventScrollReset: true },
    );

  return (
    <>
      <section id="tp-figures" className="margin-bottom-4" aria-labelledby="tp-figures-heading">
        <h2 id="tp-figures-heading">{t('transparency.heading')}</h2>
        <p className="measure-6">{t('transparency.intro')}</p>
        <YearSelect years={years} value={shownYear} onChange={selectYear} />
        {report.isSuccess && <ReportDownloads scope={scope} year={shownYear} />}
      </section>
      {report.isPending ? (
        <Loading label={t('transparency.loading')} />
      ) : isApiError(report.error, 404) ? (
        <p>{t('transparency.yearMissing', { year: shownYear })}</p>
      ) : report.isError ? (
        <ApiErrorAlert error={report.error} heading={t('transparency.loadError')} />
      ) : (
        <ReportSections report={report.data} scope={scope} districtId={districtId} />
      )}
    </>
  );
}

function ReportSections({
  report,
  scope,
  districtId,
}: {
  report: TransparencyReport;
  scope: Scope;
  districtId: string;
}) {
  return (
    <>
      {sectionsFor(scope.kind).map((def) => {
        const Section = SECTION_COMPONENTS[def.kind];
        return <Section key={def.id} def={def} report={report} scope={scope} districtId={districtId} />;
      })}
    </>
  );
}

function EmptyState({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <section id="tp-figures" className="margin-bottom-4" aria-labelledby="tp-figures-heading">
      <h2 id="tp-figures-heading">{t('transparency.heading')}</h2>
      <p>{text}</p>
    </section>
  );
}

/** A USWDS select of the published years; choosing one updates the address, which drives the page. */
function YearSelect({ years, value, onChange }: { years: string[]; value: string; onChange: (year: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="usa-form-group site-no-print">
      <label className="usa-label" htmlFor={id}>
        {t('transparency.yearLabel')}
      </label>
      <select id={id} className="usa-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The whole year's report: JSON for programs, the PDF in the language the page is read in. */
function ReportDownloads({ scope, year }: { scope: Scope; year: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="site-no-print">
      {t('transparency.downloadReport', { year })}{' '}
      <a href={reportFileUrl(scope, year, 'pdf', i18n.language)} download>
        {t('transparency.reportPdf')}
      </a>
      {' · '}
      <a href={reportFileUrl(scope, year, 'json', i18n.language)} download>
        {t('transparency.reportJson')}
      </a>
    </p>
  );
}
