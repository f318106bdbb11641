import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SUPPRESSED, type Cell, type PublicDistrict } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatNumber, gradeRange } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { BenchmarkSection } from '../transparency/benchmark-section';
import { sectionTextBase, sectionsFor } from '../transparency/section-defs';
import { useTransparencyIndex, useTransparencyReport } from '../transparency/transparency.api';
import { TransparencyView } from '../transparency/transparency-view';
import { chooseYear } from '../transparency/year';
import './public-extras.css';
import { DistrictMou } from './district-mou';
import { DistrictTraining } from './district-training';
import { DistrictEquity } from './district-equity';
import { NotFoundPage } from './not-found-page';
import { usePublicDistrict } from './public.api';

export function DistrictPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const district = usePublicDistrict(id);

  if (district.isPending) return <Loading label={t('district.loading')} />;
  if (isApiError(district.error, 404)) return <NotFoundPage />;
  if (district.isError)
    return (
      <section className="usa-section">
        <PageTitle>{t('district.errorTitle')}</PageTitle>
        <ApiErrorAlert error={district.error} />
      </section>
    );
  return <DistrictView district={district.data} />;
}

/**
 * A district's public page is a column of sections, each with its own h2, so later sections
 * (training compliance, staffing, costs) slot in without reworking the page. The published
 * figures (transparency/section-defs.ts lists their sections) follow "About".
 */
function DistrictView({ district }: { district: PublicDistrict }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const year = params.get('year');
  // School links keep the chosen year, so a reader compares the same year on both pages.
  const schoolPath = (schoolId: string) =>
    `/districts/${encodeURIComponent(district.id)}/schools/${encodeURIComponent(schoolId)}${year ? `?year=${encodeURIComponent(year)}` : ''}`;
  const enrollment = district.schools.reduce((sum, s) => sum + s.enrollment, 0);
  // The same queries as the figures below (shared by key): the table of contents lists the
  // published sections only when they are shown, and "About" uses the published enrollment.
  const index = useTransparencyIndex(district.id);
  const shownYear = index.isSuccess ? chooseYear(index.data.years, year) : null;
  const report = useTransparencyReport({ kind: 'district', id: district.id }, shownYear);
  const published = report.isSuccess ? report.data : null;
  return (
    <div className="padding-bottom-6">
      <div className="usa-section padding-bottom-2">
        <PageTitle>{district.name}</PageTitle>
        <p className="usa-intro">{t('district.intro', { state: district.state })}</p>
      </div>

      <div className="grid-row grid-gap-lg">
        <PageContents withFigures={published !== null} />
        <div className="desktop:grid-col-9 ff-page-body">
          <DistrictSection id="about" title={t('district.aboutHeading')}>
            <AboutFacts
              district={district}
              schoolsTotal={enrollment}
              year={published?.year ?? null}
              published={published ? published.highlights.enrolled : undefined}
            />
          </DistrictSection>

          <TransparencyView districtId={district.id} scope={{ kind: 'district', id: district.id }} />

          <DistrictSection id="training" title={t('publicTraining.heading')}>
            <DistrictTraining districtId={district.id} />
          </DistrictSection>

          <DistrictSection id="equity" title={t('equity.public.heading')}>
            <DistrictEquity districtId={district.id} />
          </DistrictSection>

          <DistrictSection id="schools" title={t('district.schoolsHeading')}>
            {district.schools.length === 0 ? (
              <p>{t('district.schoolsEmpty')}</p>
            ) : (
              <DataTable
                captionId="schools-caption"
                caption={t('district.schoolsCaption', { district: district.name })}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('schools.name')}</th>
                    <th scope="col">{t('schools.ncesSchoolId')}</th>
                    <th scope="col">{t('schools.grades')}</th>
                    <th scope="col" className="text-right">
                      {t('schools.enrollment')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...district.schools]
                    .sort((a, b) => a.name.localeCompare(b.name))
                    .map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link to={schoolPath(s.id)}>{s.name}</Link>
                        </th>
                        <td className="font-mono-xs">{s.ncesSchoolId}</td>
                        <td>{gradeRange(s.gradeLow, s.gradeHigh, t)}</td>
                        <td className="text-right">{formatNumber(s.enrollment, i18n.language)}</td>
                      </tr>
                    ))}
                </tbody>
              </DataTable>
            )}
          </DistrictSection>

          <DistrictSection id="mou" title={t('mous.public.heading')}>
            <DistrictMou districtId={district.id} districtName={district.name} />
          </DistrictSection>

          <BenchmarkSection districtId={district.id} state={district.state} />
        </div>
      </div>
    </div>
  );
}

/**
 * The page's table of contents: a column beside the sections on wide screens that stays in view
 * while reading (sticky), a list above them on narrow ones. The published figures' sections are
 * listed only when a report is shown.
 */
function PageContents({ withFigures }: { withFigures: boolean }) {
  const { t } = useTranslation();
  const items: [string, string][] = [
    ['about-heading', t('district.aboutHeading')],
    ['tp-figures', t('transparency.heading')],
    ...(withFigures
      ? sectionsFor('district').map((def): [string, string] => [`tp-${def.id}`, t(`${sectionTextBase(def)}.title`)])
      : []),
    ['training-heading', t('publicTraining.heading')],
    ['equity-heading', t('equity.public.heading')],
    ['schools-heading', t('district.schoolsHeading')],
    ['mou-heading', t('mous.public.heading')],
    ['benchmarks', t('benchmarks.heading')],
  ];
  return (
    <nav className="desktop:grid-col-3 ff-toc site-no-print" aria-labelledby="ff-toc-heading">
      <h2 id="ff-toc-heading" className="ff-toc__heading">
        {t('publicExtras.toc.heading')}
      </h2>
      <ul className="usa-list usa-list--unstyled">
        {items.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The district's facts. Enrollment is the published figure of the year shown below (the roster on
 * its snapshot date), so "About" and the year at a glance agree; when that figure is withheld or
 * was not published, the schools' own total is shown with a sentence saying why, and when the
 * schools report another total it is shown beside, named as such.
 */
function AboutFacts({
  district,
  schoolsTotal,
  year,
  published,
}: {
  district: PublicDistrict;
  schoolsTotal: number;
  year: string | null;
  published: Cell | undefined;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const rosterCount = typeof published === 'number' ? published : null;
  let note: string | null = null;
  if (year !== null && rosterCount === null)
    note =
      published === SUPPRESSED
        ? t('publicExtras.enrollment.withheld', { year })
        : t('publicExtras.enrollment.notPublished', { year });
  else if (year !== null && rosterCount !== null && rosterCount !== schoolsTotal && schoolsTotal > 0)
    note = t('publicExtras.enrollment.differs', { year });
  return (
    <>
      <dl className="site-facts">
        <dt>{t('district.state')}</dt>
        <dd>{district.state}</dd>
        <dt>{t('district.ncesLeaId')}</dt>
        <dd>{district.ncesLeaId}</dd>
        <dt>{t('district.schoolCount')}</dt>
        <dd>{n(district.schools.length)}</dd>
        {rosterCount !== null ? (
          <>
            <dt>{t('publicExtras.enrollment.roster', { year })}</dt>
            <dd data-testid="about-enrollment">{n(rosterCount)}</dd>
            {rosterCount !== schoolsTotal && schoolsTotal > 0 && (
              <>
                <dt>{t('publicExtras.enrollment.schoolsReport')}</dt>
                <dd>{n(schoolsTotal)}</dd>
              </>
            )}
          </>
        ) : (
          <>
            <dt>{year !== null ? t('publicExtras.enrollment.schoolsReport') : t('district.enrollment')}</dt>
            <dd data-testid="about-enrollment">{n(schoolsTotal)}</dd>
          </>
        )}
      </dl>
      {note && <p className="measure-6 font-body-2xs">{note}</p>}
    </>
  );
}

function DistrictSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="margin-bottom-5" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
