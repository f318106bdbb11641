import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '@trussworks/react-uswds';
import { PAGE_SIZE_DEFAULT, type CaseSummary } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField } from '../../components/form-fields';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { CaseCountsView } from './case-counts';
import { type CaseQuery, useCases } from './threat.api';

const STATUSES = ['open', 'closed', 'all'] as const;

/**
 * The cases open to the reader (their teams', or all for the coordinator and the auditor), overdue
 * first; and for those who may see counts, the district's numbers without a single case.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentMe();
  const district = me.district!;
  const [search, setSearch] = useSearchParams();
  const status = (search.get('status') ?? 'open') as (typeof STATUSES)[number];
  const schoolId = search.get('school') ?? '';
  const overdue = search.get('overdue') === 'true';
  const canList = can('case.list');
  const query: CaseQuery = {
    ...pageFromSearch(search, PAGE_SIZE_DEFAULT),
    ...(status !== 'all' && { status }),
    ...(schoolId && { schoolId }),
    ...(overdue && { overdue: 'true' as const }),
  };
  const cases = useCases(district.id, query, canList);
  const schools = useSchools(district.id, { limit: 200, offset: 0 });
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    next.delete('page');
    setSearch(next);
  };
  const filtered = Boolean(schoolId || overdue || status !== 'open');
  // Everyone but the coordinator and the auditor sees only their own teams' cases.
  const teamOnly = me.user.role !== 'threat_coordinator' && me.user.role !== 'auditor';

  return (
    <section className="usa-section">
      <PageTitle>{t('threat.cases.title')}</PageTitle>
      <p className="usa-intro">{teamOnly ? t('threat.cases.introTeam') : t('threat.cases.introAll')}</p>
      {can('case.report') && (
        <p>
          <Link to="/app/threat/report">{t('threat.cases.reportLink')}</Link>
        </p>
      )}
      {canList && (
        <>
          <form className="grid-row grid-gap-2 flex-align-end margin-bottom-2" aria-label={t('threat.cases.filters')}>
            <div className="grid-col-6 tablet:grid-col-3">
              <SelectField
                id="case-status"
                label={t('threat.cases.status')}
                value={status}
                onChange={(v) => update({ status: v === 'open' ? '' : v })}
                options={STATUSES.map((s) => ({ value: s, label: t(`threat.cases.statuses.${s}`) }))}
              />
            </div>
            <div className="grid-col-6 tablet:grid-col-4">
              <SelectField
                id="case-school"
                label={t('threat.cases.school')}
                isOptional
                value={schoolId}
                onChange={(v) => update({ school: v })}
                placeholder={t('threat.cases.allSchools')}
                options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </div>
            <div className="grid-col-12 tablet:grid-col-4">
              <Checkbox
                id="case-overdue"
                name="overdue"
                checked={overdue}
                onChange={(e) => update({ overdue: e.target.checked ? 'true' : '' })}
                label={t('threat.cases.overdueOnly')}
              />
            </div>
          </form>
          <QueryView
            query={cases}
            loadingLabel={t('threat.cases.loading')}
            errorHeading={t('threat.loadError')}
            isEmpty={(p) => p.items.length === 0}
            empty={
              cases.data?.total ? (
                <PageOutOfRange />
              ) : filtered ? (
                <Alert type="info" heading={t('threat.cases.noMatchHeading')}>
                  {t('threat.cases.noMatch')}
                </Alert>
              ) : (
                <Alert type="info" heading={t('threat.cases.emptyHeading')}>
                  {teamOnly ? t('threat.cases.emptyTeam') : t('threat.cases.emptyAll')}
                </Alert>
              )
            }
          >
            {(p) => (
              <>
                <CasesTable
                  cases={p.items}
                  caption={t('threat.cases.caption', {
                    from: p.offset + 1,
                    to: p.offset + p.items.length,
                    total: p.total,
                  })}
                />
                <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('threat.cases.pagerLabel')} />
              </>
            )}
          </QueryView>
        </>
      )}
      {can('case.counts') && <CaseCountsView districtId={district.id} teamOnly={teamOnly} />}
    </section>
  );
}

function CasesTable({ cases, caption }: { cases: CaseSummary[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId="cases-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('threat.cases.number')}</th>
          <th scope="col">{t('threat.cases.student')}</th>
          <th scope="col">{t('threat.cases.school')}</th>
          <th scope="col">{t('threat.cases.step')}</th>
          <th scope="col">{t('threat.cases.classification')}</th>
          <th scope="col">{t('threat.cases.overdue')}</th>
          <th scope="col">{t('threat.cases.nextDue')}</th>
          <th scope="col">{t('threat.cases.opened')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <Link to={`/app/threat/cases/${encodeURIComponent(c.id)}`}>{c.number}</Link>
            </th>
            <td>{c.studentName}</td>
            <td>
              {c.schoolName}
              <br />
              <span className="text-base-dark">{c.teamName}</span>
            </td>
            <td>{c.status === 'closed' ? t('threat.cases.statuses.closed') : t(`threat.steps.${c.step}`)}</td>
            <td>
              {c.classification ? t(`threat.classifications.${c.classification}`) : t('threat.cases.unclassified')}
            </td>
            <td>
              {c.overdue > 0 ? (
                <span className="usa-tag bg-secondary-dark">
                  {t('threat.cases.overdueCount', { count: c.overdue })}
                </span>
              ) : (
                t('threat.cases.none')
              )}
            </td>
            <td>{formatDate(c.nextDueOn, i18n.language)}</td>
            <td>{formatDate(c.openedAt, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
