import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { usePublicDistricts } from './public.api';

export function LandingPage() {
  const { t } = useTranslation();
  const districts = usePublicDistricts();
  return (
    <>
      <section className="usa-section padding-bottom-2">
        <PageTitle documentTitle={t('landing.documentTitle')}>{t('landing.title')}</PageTitle>
        <p className="usa-intro">{t('landing.intro')}</p>
        <ul className="usa-list">
          <li>{t('landing.pointRoles')}</li>
          <li>{t('landing.pointRecords')}</li>
          <li>{t('landing.pointPublic')}</li>
        </ul>
      </section>

      <section className="padding-bottom-4" aria-labelledby="districts-heading">
        <h2 id="districts-heading">{t('landing.districtsHeading')}</h2>
        <QueryView
          query={districts}
          loadingLabel={t('landing.districtsLoading')}
          errorHeading={t('landing.districtsError')}
          isEmpty={(list) => list.length === 0}
          empty={<p>{t('landing.districtsEmpty')}</p>}
        >
          {(list) => (
            <ul className="usa-list usa-list--unstyled site-link-list">
              {[...list]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((d) => (
                  <li key={d.id}>
                    <Link to={`/districts/${encodeURIComponent(d.id)}`}>{d.name}</Link>{' '}
                    <span className="text-base-dark">({d.state})</span>
                  </li>
                ))}
            </ul>
          )}
        </QueryView>
      </section>

      <section className="padding-bottom-6" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t('landing.staffHeading')}</h2>
        <p>{t('landing.staffBody')}</p>
        <Link className="usa-button" to="/sign-in">
          {t('landing.staffSignIn')}
        </Link>
      </section>
    </>
  );
}
