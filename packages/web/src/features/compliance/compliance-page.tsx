import './compliance.css';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import type { ComplianceDashboard, OfficerComplianceRow } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCurrentMe } from '../staff/me-context';
import { useCompliance } from './compliance.api';
import { complianceWords, dayWords } from '../officers/compliance-words';

const PAGE_SIZE = 50;
const STATUSES = ['compliant', 'expiring', 'not_compliant'] as const;

/**
 * Issue 14 item 3: who meets the district's training standard, who will soon stop meeting it, and
 * who does not, with the reasons in the reader's language. Filters live in the address (bookmarks,
 * back button); "expiring soon" is the status filter. Prints as a clean list.
 */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') ?? '';
  const schoolId = search.get('school') ?? '';
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const [draft, setDraft] = useState(q);
  const schools = useSchools(district.id, { limit: 200, offset: 0 });
  const result = useCompliance(district.id, {
    page,
    pageSize: PAGE_SIZE,
    ...(status && { status }),
    ...(schoolId && { schoolId }),
    ...(q && { q }),
  });
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    next.delete('page');
    setSearch(next);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() });
  };

  return (
    <section className="usa-section compliance-page">
      <PageTitle>{t('compliance.title')}</PageTitle>
      <p className="usa-intro">{t('compliance.intro', { district: district.name })}</p>
      {result.data && <Tiles data={result.data} lang={lang} />}
      <form
        className="grid-row grid-gap-2 flex-align-end margin-bottom-2 site-no-print"
        role="search"
        aria-label={t('compliance.searchLabel')}
        onSubmit={onSearch}
      >
        <div className="grid-col-12 tablet:grid-col-3">
          <SelectField
            id="compliance-status"
            label={t('compliance.status')}
            isOptional
            value={status}
            onChange={(v) => update({ status: v })}
            placeholder={t('compliance.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: t(`compliance.statuses.${s}`) }))}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-3">
          <SelectField
            id="compliance-school"
            label={t('compliance.school')}
            isOptional
            value={schoolId}
            onChange={(v) => update({ school: v })}
            placeholder={t('compliance.allSchools')}
            options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-4">
          <TextField
            id="compliance-q"
            enterKeyHint="search"
            label={t('compliance.search')}
            hint={t('compliance.searchHint')}
            isOptional
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={100}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-2">
          <Button type="submit" className="margin-bottom-1">
            {t('compliance.searchButton')}
          </Button>
        </div>
      </form>
      <p className="site-no-print">
        <Button type="button" outline onClick={() => window.print()}>
          {t('compliance.print')}
        </Button>
      </p>
      <QueryView
        query={result}
        loadingLabel={t('compliance.loading')}
        errorHeading={t('compliance.loadError')}
        isEmpty={(d) => d.items.length === 0}
        empty={
          result.data?.total ? (
            <PageOutOfRange />
          ) : status || schoolId || q ? (
            <Alert type="info" heading={t('compliance.noMatchHeading')}>
              {t('compliance.noMatch')}
            </Alert>
          ) : (
            <Alert type="info" heading={t('compliance.emptyHeading')}>
              {t('compliance.empty')}
            </Alert>
          )
        }
      >
        {(d) => (
          <>
            <ComplianceTable data={d} lang={lang} />
            <Pager
              total={d.total}
              limit={d.pageSize}
              offset={(d.page - 1) * d.pageSize}
              label={t('compliance.pagerLabel')}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

function Tiles({ data, lang }: { data: ComplianceDashboard; lang: string }) {
  const { t } = useTranslation();
  const pct = (n: number) =>
    new Intl.NumberFormat(lang === 'es' ? 'es-US' : 'en-US', { style: 'percent' }).format(
      data.summary.total ? n / data.summary.total : 0,
    );
  return (
    <ul
      className="compliance-tiles usa-list--unstyled grid-row grid-gap-2 margin-bottom-3"
      aria-label={t('compliance.summary')}
    >
      {STATUSES.map((s) => (
        <li key={s} className={`grid-col-12 tablet:grid-col-4 compliance-tile compliance-tile--${s}`}>
          <span className="compliance-tile__count">{data.summary[s]}</span>{' '}
          <span className="compliance-tile__label">{t(`compliance.tiles.${s}`)}</span>{' '}
          <span className="compliance-tile__pct">({pct(data.summary[s])})</span>
        </li>
      ))}
      <li className="grid-col-12 text-base">
        {t('compliance.asOf', { date: dayWords(data.asOf, lang), total: data.summary.total })}
      </li>
    </ul>
  );
}

export function StatusBadge({ status }: { status: OfficerComplianceRow['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`usa-tag compliance-badge compliance-badge--${status}`}>{t(`compliance.statuses.${status}`)}</span>
  );
}

function ComplianceTable({ data, lang }: { data: ComplianceDashboard; lang: string }) {
  const { t } = useTranslation();
  const from = (data.page - 1) * data.pageSize + 1;
  return (
    <DataTable
      captionId="compliance-caption"
      caption={t('compliance.caption', { from, to: from + data.items.length - 1, total: data.total })}
    >
      <thead>
        <tr>
          <th scope="col">{t('compliance.officer')}</th>
          <th scope="col">{t('compliance.schools')}</th>
          <th scope="col">{t('compliance.status')}</th>
          <th scope="col">{t('compliance.reasons')}</th>
          <th scope="col">{t('compliance.nextLapse')}</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((o) => (
          <tr key={o.officerId}>
            <th scope="row">
              <Link to={`/app/officers/${encodeURIComponent(o.officerId)}`}>{o.name}</Link>
              <div className="font-sans-3xs">
                {o.agency} · {o.badgeNumber}
              </div>
            </th>
            <td>{o.schools.length ? o.schools.map((s) => s.name).join(', ') : t('compliance.unassigned')}</td>
            <td>
              <StatusBadge status={o.status} />
            </td>
            <td>
              {o.reasons.length === 0 ? (
                t('compliance.noReasons')
              ) : (
                <ul className="usa-list margin-0">
                  {o.reasons.map((r, i) => (
                    <li key={`${r.rule}-${i}`}>{complianceWords(r, t, lang, data.credentials)}</li>
                  ))}
                </ul>
              )}
            </td>
            <td>{o.nextLapse ? dayWords(o.nextLapse, lang) : t('compliance.never')}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
