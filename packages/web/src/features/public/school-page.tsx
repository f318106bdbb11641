import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicDistrict } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatNumber, gradeRange } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { TransparencyView } from '../transparency/transparency-view';
import { NotFoundPage } from './not-found-page';
import { usePublicDistrict } from './public.api';
import './public-extras.css';

/**
 * One school's public page (/districts/:id/schools/:schoolId): the same published figures as the
 * district's page, for this school alone, with a way back to the district (keeping the year).
 */
export function SchoolPage() {
  const { id = '', schoolId = '' } = useParams();
  const { t } = useTranslation();
  const district = usePublicDistrict(id);

  if (district.isPending) return <Loading label={t('schoolPage.loading')} />;
  if (isApiError(district.error, 404)) return <NotFoundPage />;
  if (district.isError)
    return (
      <section className="usa-section">
        <PageTitle>{t('schoolPage.errorTitle')}</PageTitle>
        <ApiErrorAlert error={district.error} />
      </section>
    );
  const school = district.data.schools.find((s) => s.id === schoolId);
  if (!school) return <NotFoundPage />;
  return <SchoolView district={district.data} school={school} />;
}

function SchoolView({ district, school }: { district: PublicDistrict; school: PublicDistrict['schools'][number] }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const year = params.get('year');
  const back = `/districts/${encodeURIComponent(district.id)}${year ? `?year=${encodeURIComponent(year)}` : ''}`;
  return (
    <div className="padding-bottom-6">
      <div className="usa-section padding-bottom-2">
        <p className="site-no-print margin-top-0">
          <Link to={back}>{t('schoolPage.back', { district: district.name })}</Link>
        </p>
        <PageTitle>{school.name}</PageTitle>
        <p className="usa-intro">{t('schoolPage.intro', { district: district.name })}</p>
      </div>

      <section className="margin-bottom-5" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('schoolPage.aboutHeading')}</h2>
        <dl className="site-facts">
          <dt>{t('schoolPage.district')}</dt>
          <dd>{district.name}</dd>
          <dt>{t('schools.ncesSchoolId')}</dt>
          <dd>{school.ncesSchoolId}</dd>
          <dt>{t('schools.grades')}</dt>
          <dd>{gradeRange(school.gradeLow, school.gradeHigh, t)}</dd>
          <dt>{t('schools.enrollment')}</dt>
          <dd>{formatNumber(school.enrollment, i18n.language)}</dd>
        </dl>
      </section>

      <TransparencyView districtId={district.id} scope={{ kind: 'school', id: school.id }} />
    </div>
  );
}
