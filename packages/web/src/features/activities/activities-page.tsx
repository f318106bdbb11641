import { useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { type Activity, PAGE_SIZE_DEFAULT } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { DateField, SelectField } from '../../components/form-fields';
import { formatDate, formatNumber } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { useActivities, useActivitySummary, useDeleteActivity } from './activities.api';
import { ActivityForm } from './activity-form';
import { ActivitySummaryView } from './activity-summary';

/**
 * /app/activities: officers' time outside incidents (issue 14 item 4). An SRO logs their own time;
 * principals and administrators read their schools' or district's log and summary, filtered by
 * officer, school and dates (kept in the address, so a filtered view can be bookmarked).
 */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(
    (['officerId', 'schoolId', 'from', 'to'] as const).flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])),
  ) as { officerId?: string; schoolId?: string; from?: string; to?: string };
  const page = pageFromSearch(search, PAGE_SIZE_DEFAULT);
  const list = useActivities(district.id, { ...filters, ...page });
  const summary = useActivitySummary(district.id, filters);
  const schools = useSchools(district.id, { limit: 100, offset: 0 });
  const schoolList = (schools.data?.items ?? []).map((s) => ({ id: s.id, name: s.name }));
  const officers = list.data?.officers ?? [];
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setSearch(next);
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('activities.title')}</PageTitle>
      <p className="usa-intro">{t('activities.intro')}</p>
      {can('activity.write') &&
        list.data &&
        schools.data &&
        (officers.length ? (
          <ActivityForm officers={officers} schools={schoolList} />
        ) : (
          <Alert type="info" heading={t('activities.noOfficerHeading')}>
            <p className="margin-0">{t('activities.noOfficer')}</p>
          </Alert>
        ))}

      <h2>{t('activities.filtersHeading')}</h2>
      <div className="grid-row grid-gap">
        {officers.length > 1 && (
          <div className="tablet:grid-col-3">
            <SelectField
              id="filter-officer"
              label={t('activities.filters.officer')}
              isOptional
              placeholder={t('activities.filters.all')}
              value={filters.officerId ?? ''}
              onChange={(v) => setFilter('officerId', v)}
              options={officers.map((o) => ({ value: o.id, label: o.name }))}
            />
          </div>
        )}
        {schoolList.length > 1 && (
          <div className="tablet:grid-col-3">
            <SelectField
              id="filter-school"
              label={t('activities.filters.school')}
              isOptional
              placeholder={t('activities.filters.all')}
              value={filters.schoolId ?? ''}
              onChange={(v) => setFilter('schoolId', v)}
              options={schoolList.map((s) => ({ value: s.id, label: s.name }))}
            />
          </div>
        )}
        <div className="tablet:grid-col-3">
          <DateField
            id="filter-from"
            label={t('activities.filters.from')}
            isOptional
            value={filters.from ?? ''}
            onChange={(v) => setFilter('from', v)}
          />
        </div>
        <div className="tablet:grid-col-3">
          <DateField
            id="filter-to"
            label={t('activities.filters.to')}
            isOptional
            value={filters.to ?? ''}
            onChange={(v) => setFilter('to', v)}
          />
        </div>
      </div>

      <h2>{t('activities.summaryHeading')}</h2>
      <QueryView query={summary} loadingLabel={t('activities.loadingSummary')} errorHeading={t('activities.loadError')}>
        {(s) => <ActivitySummaryView summary={s} />}
      </QueryView>

      <h2>{t('activities.listHeading')}</h2>
      <QueryView
        query={list}
        loadingLabel={t('activities.loading')}
        errorHeading={t('activities.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          list.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('activities.emptyHeading')}>
              <p className="margin-0">
                {can('activity.write') ? t('activities.emptyWriter') : t('activities.emptyReader')}
              </p>
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <ActivityTable
              items={p.items}
              caption={t('activities.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('activities.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function ActivityTable({ items, caption }: { items: Activity[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const district = useCurrentMe().district!;
  const remove = useDeleteActivity(district.id);
  return (
    <>
      <ApiErrorAlert error={remove.error} heading={t('activities.deleteFailed')} />
      <DataTable captionId="activities-caption" caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t('activities.columns.date')}</th>
            <th scope="col">{t('activities.columns.officer')}</th>
            <th scope="col">{t('activities.columns.kind')}</th>
            <th scope="col">{t('activities.columns.school')}</th>
            <th scope="col" className="text-right">
              {t('activities.columns.hours')}
            </th>
            <th scope="col">{t('activities.columns.note')}</th>
            <th scope="col">
              <span className="usa-sr-only">{t('activities.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{formatDate(a.activityOn, i18n.language)}</td>
              <td>{a.officerName}</td>
              <td>{t(`activities.kinds.${a.kind}`)}</td>
              <td>{a.schoolName ?? t('activities.noSchool')}</td>
              <td className="text-right">{formatNumber(a.hours, i18n.language)}</td>
              <td>{a.note ?? ''}</td>
              <td>
                {a.deletable && (
                  <Button
                    type="button"
                    unstyled
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(a.id)}
                    aria-label={t('activities.deleteLabel', {
                      kind: t(`activities.kinds.${a.kind}`),
                      date: formatDate(a.activityOn, i18n.language),
                    })}
                  >
                    {t('activities.delete')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
