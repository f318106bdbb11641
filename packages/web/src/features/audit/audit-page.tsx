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
import { useAuditEvents, useVerifyAudit, type AuditFilters } from './audit.api';

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
      <AuditFiltersForm key={search.toString()} value={filters} onApply={apply} error={events.error} />
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
            ? t('audit.verifyBrokenAt', {
                chain: result.firstBroken.chain,
                seq: result.firstBroken.seq,
                reason: result.firstBroken.reason,
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
  const roleLabel = (role: string | null) => (role ? t(`roles.${role}`, { defaultValue: role }) : t('audit.system'));
  return (
    <DataTable captionId="audit-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('audit.seq')}</th>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('audit.event')}</th>
          <th scope="col">{t('audit.actor')}</th>
          <th scope="col">{t('audit.details')}</th>
          <th scope="col">{t('audit.hash')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.chain}:${e.seq}`}>
            <td>{e.seq}</td>
            <td className="text-no-wrap">{formatDateTime(e.at, i18n.language)}</td>
            <th scope="row">{kindLabel(e.kind)}</th>
            <td>
              {roleLabel(e.actorRole)}
              {e.actorId && <div className="font-mono-3xs text-base-dark">{e.actorId}</div>}
            </td>
            <td>
              <code className="font-mono-3xs site-payload">{JSON.stringify(e.payload)}</code>
            </td>
            <td>
              <code className="font-mono-3xs">{e.hash.slice(0, 12)}…</code>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
