import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_MAX, type RoleDrift } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { formatDate, formatNumber } from '../../components/format';
import { SelectField } from '../../components/form-fields';
import { HelpOrPolice } from '../referrals/help-or-police';
import { OutsideSummary } from './outside-summary';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { NativeField } from '../incidents/choice-fields';
import { BarChart } from './bar-chart';
import { CountsTable, KindsTable, percent } from './drift-tables';
import { defaultRange, useRoleDrift, type DriftRange } from './role-drift.api';

/**
 * The role-drift dashboard: how often officers are pulled into routine discipline, and every action
 * outside the signed MOU, by month, school and officer. Built from the monthly aggregates the
 * server keeps in step with every incident.
 */
export function RoleDriftPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const fallback = defaultRange(district.timeZone);
  const range: DriftRange = {
    from: search.get('from') ?? fallback.from,
    to: search.get('to') ?? fallback.to,
    ...(search.get('schoolId') ? { schoolId: search.get('schoolId')! } : {}),
  };
  const drift = useRoleDrift(district.id, range);
  const schools = useSchools(district.id, { limit: PAGE_SIZE_MAX, offset: 0 });
  return (
    <section className="usa-section">
      <PageTitle>{t('drift.title')}</PageTitle>
      <p className="usa-intro">{t('drift.intro')}</p>
      <RangeForm
        key={search.toString()}
        value={range}
        schools={schools.data?.items ?? []}
        error={drift.error}
        onApply={(r) => setSearch(new URLSearchParams(Object.entries(r).filter(([, v]) => v) as [string, string][]))}
      />
      <QueryView query={drift} loadingLabel={t('drift.loading')} errorHeading={t('drift.loadError')}>
        {(data) => <DriftView data={data} />}
      </QueryView>
    </section>
  );
}

function RangeForm({
  value,
  schools,
  error,
  onApply,
}: {
  value: DriftRange;
  schools: { id: string; name: string }[];
  error: unknown;
  onApply: (r: DriftRange) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ from: value.from, to: value.to, schoolId: value.schoolId ?? '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ from: draft.from, to: draft.to, ...(draft.schoolId ? { schoolId: draft.schoolId } : {}) });
  };
  return (
    <Form
      onSubmit={submit}
      noValidate
      className="maxw-full site-filters site-no-print"
      aria-label={t('drift.rangeLabel')}
    >
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-4">
          <NativeField
            id="drift-from"
            type="month"
            label={t('drift.from')}
            hint={t('drift.monthHint')}
            value={draft.from}
            onChange={(v) => setDraft((d) => ({ ...d, from: v }))}
            error={issueOf(error, 'querystring.from')}
          />
        </div>
        <div className="tablet:grid-col-4">
          <NativeField
            id="drift-to"
            type="month"
            label={t('drift.to')}
            hint={t('drift.monthHint')}
            value={draft.to}
            onChange={(v) => setDraft((d) => ({ ...d, to: v }))}
            error={issueOf(error, 'querystring.to')}
          />
        </div>
        <div className="tablet:grid-col-4">
          <SelectField
            id="drift-school"
            label={t('drift.school')}
            isOptional
            placeholder={t('drift.allSchools')}
            value={draft.schoolId}
            onChange={(v) => setDraft((d) => ({ ...d, schoolId: v }))}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </div>
      </div>
      <Button type="submit" className="margin-top-2">
        {t('drift.apply')}
      </Button>
    </Form>
  );
}

/** Nothing happened in these months: no officer contact, no action, no referral or arrest from outside. */
const isQuiet = (d: RoleDrift) =>
  d.totals.contacts + d.totals.violations + d.totals.arrests + d.totals.referrals === 0 &&
  d.outside.staffReferrals + d.outside.outsideArrests === 0;

/** An empty dashboard says what to do next instead of zeros and an empty chart. */
function DriftEmpty() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Alert type="info" heading={t('todos.driftEmpty.heading')}>
      <p className="margin-0">{t('todos.driftEmpty.body')}</p>
      <ul className="margin-bottom-0">
        {can('incident.create') && (
          <li>
            <Link to="/app/incidents/new">{t('todos.driftEmpty.logIncident')}</Link>
          </li>
        )}
        {can('incident.list') && (
          <li>
            <Link to="/app/incidents">{t('todos.driftEmpty.seeIncidents')}</Link>
          </li>
        )}
        <li>{t('todos.driftEmpty.otherMonths')}</li>
      </ul>
    </Alert>
  );
}

function DriftView({ data }: { data: RoleDrift }) {
  const { t, i18n } = useTranslation();
  if (isQuiet(data)) return <DriftEmpty />;
  const n = (v: number) => formatNumber(v, i18n.language);
  const months = data.byMonth.map((m) => ({ key: m.month, label: monthLabel(m.month, i18n.language) }));
  const byMonth = new Map(data.byMonth.map((m) => [m.month, m]));
  const cr = data.classroomResponse;
  return (
    <>
      <h2>{t('drift.summary')}</h2>
      <ul className="usa-card-group">
        {[
          { key: 'violations', value: n(data.totals.violations), label: t('drift.cards.violations') },
          {
            key: 'routine',
            value: percent(data.totals.routineDisciplineContacts, data.totals.contacts, i18n.language),
            label: t('drift.cards.routineShare', {
              routine: n(data.totals.routineDisciplineContacts),
              contacts: n(data.totals.contacts),
            }),
          },
          { key: 'arrests', value: n(data.totals.arrests), label: t('drift.cards.arrests') },
          { key: 'referrals', value: n(data.totals.referrals), label: t('drift.cards.referrals') },
        ].map((c) => (
          <li key={c.key} className="usa-card tablet:grid-col-6 desktop:grid-col-3">
            <div className="usa-card__container">
              <div className="usa-card__body padding-top-2">
                <p className="font-sans-2xl text-bold margin-0">{c.value}</p>
                <p className="margin-top-05">{c.label}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>

      <section aria-labelledby="drift-bjs-heading" className="usa-summary-box margin-y-3">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading" id="drift-bjs-heading">
            {t('drift.bjs.heading')}
          </h2>
          <div className="usa-summary-box__text">
            <p className="font-sans-xl text-bold margin-y-1">
              {cr.share === null ? '—' : percent(cr.withClassroomResponse, cr.activeOfficers, i18n.language)}
            </p>
            <p>
              {t('drift.bjs.value', {
                with: n(cr.withClassroomResponse),
                active: n(cr.activeOfficers),
                date: formatDate(cr.asOf, i18n.language),
              })}
            </p>
            <p className="margin-bottom-0">{t('drift.bjs.explain')}</p>
          </div>
        </div>
      </section>

      <OutsideSummary outside={data.outside} />
      <HelpOrPolice groups={data.referralsByGroup} />

      <section aria-labelledby="drift-month-heading">
        <h2 id="drift-month-heading">{t('drift.byMonth')}</h2>
        {months.length === 0 ? (
          <p>{t('drift.empty')}</p>
        ) : (
          <>
            <BarChart
              title={t('drift.chartTitle')}
              description={t('drift.chartDescription')}
              categories={months}
              series={[
                { key: 'violations', label: t('drift.columns.violations'), colour: '#d83933' },
                { key: 'routine', label: t('drift.columns.routine'), colour: '#005ea2' },
                { key: 'arrests', label: t('drift.columns.arrests'), colour: '#1b1b1b' },
              ]}
              value={(month, s) => {
                const m = byMonth.get(month);
                if (!m) return 0;
                return s === 'violations' ? m.violations : s === 'routine' ? m.routineDisciplineContacts : m.arrests;
              }}
            />
            <CountsTable
              id="drift-month"
              caption={t('drift.byMonthCaption')}
              rowHeader={t('drift.columns.month')}
              rows={data.byMonth}
              name={(r) => monthLabel(r.month, i18n.language)}
            />
          </>
        )}
      </section>

      <section aria-labelledby="drift-kinds-heading">
        <h2 id="drift-kinds-heading">{t('drift.byKind')}</h2>
        <KindsTable byKind={data.totals.byKind} />
      </section>

      <section aria-labelledby="drift-school-heading">
        <h2 id="drift-school-heading">{t('drift.bySchool')}</h2>
        {data.items.length === 0 ? (
          <p>{t('drift.empty')}</p>
        ) : (
          <CountsTable
            id="drift-school"
            caption={t('drift.bySchoolCaption')}
            rowHeader={t('drift.columns.school')}
            rows={data.items}
            name={(r) => r.schoolName}
          />
        )}
      </section>

      <section aria-labelledby="drift-officer-heading">
        <h2 id="drift-officer-heading">{t('drift.byOfficer')}</h2>
        {data.byOfficer.length === 0 ? (
          <p>{t('drift.empty')}</p>
        ) : (
          <CountsTable
            id="drift-officer"
            caption={t('drift.byOfficerCaption')}
            rowHeader={t('drift.columns.officer')}
            rows={data.byOfficer}
            name={(r) => r.officerName}
          />
        )}
      </section>
    </>
  );
}

function monthLabel(month: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}
