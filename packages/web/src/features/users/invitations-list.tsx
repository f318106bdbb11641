import { useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT, type Invitation } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useInvitations, useRevokeInvitation } from './users.api';

export function InvitationsList({ districtId, canRevoke }: { districtId: string; canRevoke: boolean }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const invitations = useInvitations(districtId, pageFromSearch(search, PAGE_SIZE_DEFAULT, 'invitationsPage'));
  const revoke = useRevokeInvitation(districtId);

  return (
    <section aria-labelledby="invitations-heading" className="margin-top-6">
      <h2 id="invitations-heading">{t('people.invitationsHeading')}</h2>
      <ApiErrorAlert error={revoke.error} heading={t('people.revokeFailed')} />
      <QueryView
        query={invitations}
        loadingLabel={t('people.invitationsLoading')}
        errorHeading={t('people.invitationsLoadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          invitations.data?.total ? <PageOutOfRange param="invitationsPage" /> : <p>{t('people.invitationsEmpty')}</p>
        }
      >
        {(p) => (
          <>
            <InvitationsTable
              invitations={p.items}
              canRevoke={canRevoke}
              onRevoke={(id) => revoke.mutate(id)}
              revokingId={revoke.isPending ? revoke.variables : undefined}
            />
            <Pager
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              param="invitationsPage"
              label={t('people.invitationsPagerLabel')}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

interface TableProps {
  invitations: Invitation[];
  canRevoke: boolean;
  onRevoke: (id: string) => void;
  revokingId?: string;
}

function InvitationsTable({ invitations, canRevoke, onRevoke, revokingId }: TableProps) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId="invitations-caption" caption={t('people.invitationsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('fields.displayName')}</th>
          <th scope="col">{t('fields.email')}</th>
          <th scope="col">{t('fields.role')}</th>
          <th scope="col">{t('people.invitationStatus')}</th>
          {canRevoke && <th scope="col">{t('people.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {invitations.map((inv) => {
          const isOpen = !inv.acceptedAt && !inv.revokedAt && Date.parse(inv.expiresAt) > Date.now();
          return (
            <tr key={inv.id}>
              <th scope="row">{inv.displayName}</th>
              <td>{inv.email}</td>
              <td>{t(`roles.${inv.role}`)}</td>
              <td>{invitationStatus(inv, t, i18n.language)}</td>
              {canRevoke && (
                <td>
                  {isOpen && (
                    <Button type="button" unstyled disabled={revokingId === inv.id} onClick={() => onRevoke(inv.id)}>
                      {t('people.revoke')}
                      <span className="usa-sr-only"> {inv.email}</span>
                    </Button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

function invitationStatus(
  inv: Invitation,
  t: (key: string, options?: Record<string, string>) => string,
  lang: string,
): string {
  if (inv.acceptedAt) return t('people.invitationAccepted', { date: formatDateTime(inv.acceptedAt, lang) });
  if (inv.revokedAt) return t('people.invitationRevoked', { date: formatDateTime(inv.revokedAt, lang) });
  if (Date.parse(inv.expiresAt) <= Date.now()) return t('people.invitationExpired');
  return t('people.invitationPending', { date: formatDateTime(inv.expiresAt, lang) });
}
