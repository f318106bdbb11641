import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { PAGE_SIZE_DEFAULT, type Officer } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { AddOfficerForm } from './add-officer-form';
import { ComplianceBadge } from './compliance-badge';
import { type OfficerQuery, useOfficers } from './officers.api';

const STATUSES = ['all', 'active', 'inactive'] as const;
const COMPLIANCE = ['compliant', 'expiring', 'not_compliant'] as const;

/** The SRO roster: officers with or without an account, their schools today and their training status. */
export function OfficersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const schoolId = search.get('school') ?? '';
  const status = (search.get('status') ?? 'all') as OfficerQuery['status'];
  const compliance = (search.get('compliance') ?? '') as NonNullable<OfficerQuery['compliance']> | '';
  const [draft, setDraft] = useState(q);
  const schools = useSchools(district.id, { limit: 200, offset: 0 });
  const officers = useOfficers(district.id, {
    ...pageFromSearch(search, PAGE_SIZE_DEFAULT),
    status,
    ...(q && { q }),
    ...(schoolId && { schoolId }),
    ...(compliance && { compliance }),
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
  const filtered = Boolean(q || schoolId || compliance || status !== 'all');

  return (
    <section className="usa-section">
      <PageTitle>{t('officers.title')}</PageTitle>
      <p className="usa-intro">{t('officers.intro', { district: district.name })}</p>
      <p>
        <Link to="/app/training/exceptions">{t('officers.exceptionsLink')}</Link>
      </p>
      <form
        className="grid-row grid-gap-2 flex-align-end margin-bottom-2"
        role="search"
        aria-label={t('officers.searchLabel')}
        onSubmit={onSearch}
      >
        <div className="grid-col-12 tablet:grid-col-3">
          <TextField
            id="officer-q"
            enterKeyHint="search"
            label={t('officers.search')}
            hint={t('officers.searchHint')}
            isOptional
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={100}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-3">
          <SelectField
            id="officer-school"
            label={t('officers.school')}
            isOptional
            value={schoolId}
            onChange={(v) => update({ school: v })}
            placeholder={t('officers.allSchools')}
            options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </div>
        <div className="grid-col-6 tablet:grid-col-2">
          <SelectField
            id="officer-status"
            label={t('officers.status')}
            value={status ?? 'all'}
            onChange={(v) => update({ status: v === 'all' ? '' : v })}
            options={STATUSES.map((s) => ({ value: s, label: t(`officers.statuses.${s}`) }))}
          />
        </div>
        <div className="grid-col-6 tablet:grid-col-2">
          <SelectField
            id="officer-compliance"
            label={t('officers.complianceLabel')}
            isOptional
            value={compliance}
            onChange={(v) => update({ compliance: v })}
            placeholder={t('officers.anyCompliance')}
            options={COMPLIANCE.map((c) => ({ value: c, label: t(`officers.compliance.${c}`) }))}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-2">
          <Button type="submit" className="margin-bottom-1">
            {t('officers.searchButton')}
          </Button>
        </div>
      </form>
      <QueryView
        query={officers}
        loadingLabel={t('officers.loading')}
        errorHeading={t('officers.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          officers.data?.total ? (
            <PageOutOfRange />
          ) : filtered ? (
            <Alert type="info" heading={t('officers.noMatchHeading')}>
              {t('officers.noMatch')}
            </Alert>
          ) : (
            <Alert type="info" heading={t('officers.emptyHeading')}>
              {can('officer.write') ? t('officers.emptyAdd') : t('officers.emptyAsk')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <OfficersTable
              officers={p.items}
              caption={t('officers.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('officers.pagerLabel')} />
          </>
        )}
      </QueryView>
      {can('officer.write') && <AddOfficerForm districtId={district.id} />}
    </section>
  );
}

function OfficersTable({ officers, caption }: { officers: Officer[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <DataTable captionId="officers-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('officers.name')}</th>
          <th scope="col">{t('officers.agency')}</th>
          <th scope="col">{t('officers.badge')}</th>
          <th scope="col">{t('officers.schools')}</th>
          <th scope="col">{t('officers.status')}</th>
          <th scope="col">{t('officers.complianceLabel')}</th>
        </tr>
      </thead>
      <tbody>
        {officers.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              <Link to={`/app/officers/${o.id}`}>{o.name}</Link>
            </th>
            <td>{o.agency}</td>
            <td>{o.badgeNumber}</td>
            <td>{o.schools.map((s) => s.name).join(', ') || t('officers.notAssigned')}</td>
            <td>{t(`officers.statuses.${o.status}`)}</td>
            <td>
              <ComplianceBadge compliance={o.compliance} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
