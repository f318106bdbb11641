import { useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENT_KINDS, PAGE_SIZE_DEFAULT, type AuditEntry } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { AuditFiltersForm } from './audit-filters';
import { useAuditEvents, useAuditPeople, useVerifyAudit, type AuditFilters } from './audit.api';
import { actorOf, auditSentence } from './audit-sentence';

const FILTER_KEYS = ['kind', 'actorId', 'from', 'to'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(
    FILTER_KEYS.map((k): [string, string | undefined] => [k, search.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const events = useAuditEvents(district.id, filters, pageFromSearch(search, PAGE_SIZE_DEFAULT));
  const hasFilters = Object.keys(filters).length > 0;
  const people = useAuditPeople(district.id);

  const apply = (next: AuditFilters) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) params.set(key, next[key]);
    setSearch(params); // back to page 1 whenever the filters change
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('audit.title')}</PageTitle>
      <p className="usa-intro">{t('audit.intro')}</p>
      {can('audit.verify') && <VerifyChain districtId={district.id} />}
      <h2>{t('audit.filtersHeading')}</h2>
      {people.isError && <Alert type="warning">{t('auditLog.peopleError')}</Alert>}
      <AuditFiltersForm
        key={`${search.toString()}:${people.data ? 'people' : ''}`}
        value={filters}
        onApply={apply}
        error={events.error}
        people={people.data?.items ?? []}
      />
      <h2>{t('audit.eventsHeading')}</h2>
      <QueryView
        query={events}
        loadingLabel={t('audit.loading')}
        errorHeading={t('audit.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          events.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('audit.emptyHeading')}>
              {hasFilters ? t('audit.emptyFiltered') : t('audit.empty')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <AuditTable
              entries={p.items}
              caption={t('audit.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('audit.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function VerifyChain({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const verify = useVerifyAudit(districtId);
  const result = verify.data;
  return (
    <div className="margin-y-3">
      <p>{t('audit.verifyIntro')}</p>
      <Button type="button" outline onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? t('audit.verifying') : t('audit.verify')}
      </Button>
      <ApiErrorAlert error={verify.error} heading={t('audit.verifyFailed')} />
      {result?.ok && (
        <Alert type="success" heading={t('audit.verifyOk')} live>
          {t('audit.verifyOkBody', { checked: formatNumber(result.checked, i18n.language) })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert type="error" heading={t('audit.verifyBroken')} live>
          {result.firstBroken
            ? t('auditLog.verifyBrokenAt', {
                seq: result.firstBroken.seq,
                what: t(`auditLog.breaks.${result.firstBroken.code}`),
                checked: formatNumber(result.checked, i18n.language),
              })
            : t('audit.verifyBrokenUnknown')}
        </Alert>
      )}
    </div>
  );
}

function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const kindLabel = (kind: string) =>
    (AUDIT_EVENT_KINDS as string[]).includes(kind) ? t(`audit.kinds.${kind}`) : kind;
  const roleLabel = (role: string | null) => (role ? t(`roles.${role}`, { defaultValue: role }) : null);
  return (
    <DataTable captionId="audit-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('audit.seq')}</th>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('auditLog.whatHappened')}</th>
          <th scope="col">{t('auditLog.who')}</th>
          <th scope="col">{t('auditLog.record')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.chain}:${e.seq}`}>
            <td>{e.seq}</td>
            <td className="text-no-wrap">{formatDateTime(e.at, i18n.language)}</td>
            <th scope="row">
              <span className="display-block">{auditSentence(e, t, i18n.language)}</span>
              <span className="display-block font-sans-3xs text-base-dark">{kindLabel(e.kind)}</span>
            </th>
            <td>
              <span className="display-block">{actorOf(e, t)}</span>
              {e.actorName && (
                <span className="display-block font-sans-3xs text-base-dark">{roleLabel(e.actorRole)}</span>
              )}
            </td>
            <td className="site-audit-record">
              <details>
                <summary aria-label={t('auditLog.rawRecordOf', { seq: e.seq })}>{t('auditLog.rawRecord')}</summary>
                <pre className="font-mono-3xs site-payload">{rawRecord(e)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The entry as stored in the chain: ids, not names (the words above are looked up when read). */
function rawRecord(e: AuditEntry): string {
  const { seq, chain, at, actorId, actorRole, kind, payload, hash } = e;
  return JSON.stringify({ seq, chain, at, actorId, actorRole, kind, payload, hash }, null, 2);
}
