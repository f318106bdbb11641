import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { useStateDistricts } from './state.api';

export function StateDistrictsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [search] = useSearchParams();
  const districts = useStateDistricts(pageFromSearch(search, PAGE_SIZE_DEFAULT));
  return (
    <section className="usa-section">
      <PageTitle>{t('state.title')}</PageTitle>
      <p className="usa-intro">{t('state.intro', { state: me.user.state ?? '' })}</p>
      <QueryView
        query={districts}
        loadingLabel={t('state.loading')}
        errorHeading={t('state.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          districts.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('state.emptyHeading')}>
              {t('state.empty')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <DataTable
              captionId="state-caption"
              caption={t('state.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            >
              <thead>
                <tr>
                  <th scope="col">{t('fields.districtName')}</th>
                  <th scope="col">{t('fields.ncesLeaId')}</th>
                  <th scope="col">{t('fields.state')}</th>
                  <th scope="col">{t('state.suppression')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/districts/${encodeURIComponent(d.id)}`}>{d.name}</Link>
                    </th>
                    <td className="font-mono-xs">{d.ncesLeaId}</td>
                    <td>{d.state}</td>
                    <td>{d.suppressionMinN}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('state.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}
