import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicDistrict } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatNumber, gradeRange } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { BenchmarkSection } from '../transparency/benchmark-section';
import { TransparencyView } from '../transparency/transparency-view';
import { DistrictMou } from './district-mou';
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
  return (
    <div className="padding-bottom-6">
      <div className="usa-section padding-bottom-2">
        <PageTitle>{district.name}</PageTitle>
        <p className="usa-intro">{t('district.intro', { state: district.state })}</p>
      </div>

      <DistrictSection id="about" title={t('district.aboutHeading')}>
        <dl className="site-facts">
          <dt>{t('district.state')}</dt>
          <dd>{district.state}</dd>
          <dt>{t('district.ncesLeaId')}</dt>
          <dd>{district.ncesLeaId}</dd>
          <dt>{t('district.schoolCount')}</dt>
          <dd>{formatNumber(district.schools.length, i18n.language)}</dd>
          <dt>{t('district.enrollment')}</dt>
          <dd>{formatNumber(enrollment, i18n.language)}</dd>
        </dl>
      </DistrictSection>

      <TransparencyView districtId={district.id} scope={{ kind: 'district', id: district.id }} />

      <DistrictSection id="schools" title={t('district.schoolsHeading')}>
        {district.schools.length === 0 ? (
          <p>{t('district.schoolsEmpty')}</p>
        ) : (
          <DataTable captionId="schools-caption" caption={t('district.schoolsCaption', { district: district.name })}>
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
