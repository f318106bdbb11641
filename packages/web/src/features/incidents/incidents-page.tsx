import './incidents.css';
import { Link, useSearchParams } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type IncidentSummary } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { IncidentFiltersForm } from './incident-filters';
import { StateTag } from './incident-badges';
import { useIncidents, type IncidentFilters } from './incidents.api';

const FILTER_KEYS = ['schoolId', 'state', 'from', 'to', 'behavior', 'flagged'] as const;

export function IncidentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const filters: IncidentFilters = Object.fromEntries(
    FILTER_KEYS.map((k): [string, string | undefined] => [k, search.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const incidents = useIncidents(district.id, filters, pageFromSearch(search, PAGE_SIZE_DEFAULT));
  const schools = useSchools(district.id, { limit: PAGE_SIZE_MAX, offset: 0 });
  const filtered = Object.keys(filters).length > 0;

  return (
    <section className="usa-section">
      <PageTitle>{t('incidents.list.title')}</PageTitle>
      <p className="usa-intro">{t('incidents.list.intro')}</p>
      {can('incident.create') && (
        <p className="site-no-print">
          <Link className="usa-button" to="/app/incidents/new">
            {t('incidents.list.logIncident')}
          </Link>
        </p>
      )}
      <IncidentFiltersForm
        key={search.toString()}
        value={filters}
        schools={schools.data?.items ?? []}
        error={incidents.error}
        onApply={(f) => setSearch(new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]))}
      />
      <QueryView
        query={incidents}
        loadingLabel={t('incidents.list.loading')}
        errorHeading={t('incidents.list.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          incidents.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert
              type="info"
              heading={filtered ? t('incidents.list.noMatchHeading') : t('incidents.list.emptyHeading')}
            >
              {filtered ? t('incidents.list.noMatch') : t('incidents.list.empty')}
            </Alert>
          )
        }
      >
        {(p) => {
          const caption = t('incidents.list.caption', {
            from: p.offset + 1,
            to: p.offset + p.items.length,
            total: p.total,
          });
          return (
            <>
              <IncidentTable items={p.items} caption={caption} />
              <IncidentCards items={p.items} label={caption} />
              <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('incidents.list.pagerLabel')} />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

const outcomeOf = (i: IncidentSummary, t: TFunction) =>
  i.arrest ? t('incidents.list.arrest') : i.referral ? t('incidents.list.referral') : '—';

function FlagCount({ count }: { count: number }) {
  return count > 0 ? <span className="usa-tag bg-secondary-dark">{count}</span> : <>0</>;
}

/**
 * Wide screens: a table whose every column fits at 1280 px (number and time share the first
 * column; long words wrap). Narrow screens get the cards below instead (incidents.css).
 */
function IncidentTable({ items, caption }: { items: IncidentSummary[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="site-incident-table">
      <DataTable captionId="incidents-caption" caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t('incidents.fields.number')}</th>
            <th scope="col">{t('incidents.fields.school')}</th>
            <th scope="col">{t('incidents.fields.behaviors')}</th>
            <th scope="col">{t('incidents.fields.state')}</th>
            <th scope="col">{t('incidents.list.students')}</th>
            <th scope="col">{t('incidents.list.outcome')}</th>
            <th scope="col">{t('incidents.list.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <Link to={`/app/incidents/${encodeURIComponent(i.id)}`}>{i.number}</Link>
                <span className="display-block font-sans-3xs text-normal">
                  {formatDateTime(i.occurredAt, i18n.language)}
                </span>
              </th>
              <td>{i.schoolName}</td>
              <td>{i.behaviors.map((b) => t(`incidents.behaviors.${b}`)).join(', ') || '—'}</td>
              <td>
                <StateTag state={i.state} />
              </td>
              <td>{i.studentCount}</td>
              <td>{outcomeOf(i, t)}</td>
              <td>
                <FlagCount count={i.flagCount} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}

/** Phones: the same incidents as a list of cards, each with what the table's columns say. */
function IncidentCards({ items, label }: { items: IncidentSummary[]; label: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="usa-card-group site-incident-cards" aria-label={label}>
      {items.map((i) => (
        <li key={i.id} className="usa-card">
          <div className="usa-card__container">
            <div className="usa-card__header">
              <h2 className="usa-card__heading">
                <Link to={`/app/incidents/${encodeURIComponent(i.id)}`}>{i.number}</Link>
              </h2>
              <p className="margin-y-05 font-sans-3xs">
                {formatDateTime(i.occurredAt, i18n.language)} · {i.schoolName}
              </p>
            </div>
            <div className="usa-card__body">
              <p className="margin-top-0">
                <StateTag state={i.state} />
              </p>
              <p>{i.behaviors.map((b) => t(`incidents.behaviors.${b}`)).join(', ') || '—'}</p>
              <dl className="site-incident-card__facts">
                <dt>{t('incidents.list.students')}</dt>
                <dd>{i.studentCount}</dd>
                <dt>{t('incidents.list.outcome')}</dt>
                <dd>{outcomeOf(i, t)}</dd>
                <dt>{t('incidents.list.flags')}</dt>
                <dd>
                  <FlagCount count={i.flagCount} />
                </dd>
              </dl>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
