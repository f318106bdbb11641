import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT, type User } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { InvitationsList } from './invitations-list';
import { InviteForm } from './invite-form';
import { useUsers } from './users.api';

export function PeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search] = useSearchParams();
  const users = useUsers(district.id, pageFromSearch(search, PAGE_SIZE_DEFAULT));

  return (
    <section className="usa-section">
      <PageTitle>{t('people.title')}</PageTitle>
      <p className="usa-intro">{t('people.intro', { district: district.name })}</p>
      <QueryView
        query={users}
        loadingLabel={t('people.loading')}
        errorHeading={t('people.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          users.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('people.emptyHeading')}>
              {t('people.empty')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <UsersTable
              users={p.items}
              caption={t('people.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('people.pagerLabel')} />
          </>
        )}
      </QueryView>
      {can('user.invite') && <InviteForm districtId={district.id} />}
      {can('invitation.list') && <InvitationsList districtId={district.id} canRevoke={can('invitation.revoke')} />}
    </section>
  );
}

function UsersTable({ users, caption }: { users: User[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId="people-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('fields.displayName')}</th>
          <th scope="col">{t('fields.email')}</th>
          <th scope="col">{t('fields.role')}</th>
          <th scope="col">{t('people.status')}</th>
          <th scope="col">{t('people.lastSignIn')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <th scope="row">
              <Link to={`/app/people/${encodeURIComponent(u.id)}`}>{u.displayName}</Link>
            </th>
            <td>{u.email}</td>
            <td>
              {t(`roles.${u.role}`)}
              {u.profession && <span className="text-base-dark"> ({t(`professions.${u.profession}`)})</span>}
            </td>
            <td>{statusOf(u, t)}</td>
            <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, i18n.language) : t('people.never')}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function statusOf(user: User, t: (key: string) => string): string {
  if (user.disabled) return t('people.statusDisabled');
  if (!user.mfaEnabled) return t('people.statusNoMfa');
  return t('people.statusActive');
}
