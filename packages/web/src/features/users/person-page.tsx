import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { UpdateUserInputSchema, type UpdateUserInput, type User } from '@forefront/contract';
import { isApiError, issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDate, formatDateTime } from '../../components/format';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { NotFoundPage } from '../public/not-found-page';
import { useCan, useCurrentMe } from '../staff/me-context';
import { RoleFields, roleAssignmentOf, type RoleDraft } from './role-fields';
import { useUpdateUser, useUser } from './users.api';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser(id);
  if (user.isPending) return <Loading />;
  if (isApiError(user.error, 404)) return <NotFoundPage homeTo="/app" />;
  if (user.isError)
    return (
      <section className="usa-section">
        <PageTitle>{t('person.title')}</PageTitle>
        <ApiErrorAlert error={user.error} />
      </section>
    );
  return <Person key={user.data.id} user={user.data} />;
}

const roleDraftOf = (u: User): RoleDraft => ({
  role: u.role,
  profession: u.profession ?? '',
  schoolIds: u.schoolIds,
  accessExpiresAt: u.accessExpiresAt?.slice(0, 10) ?? '',
});

function Person({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  return (
    <section className="usa-section">
      <p>
        <Link to="/app/people">{t('person.back')}</Link>
      </p>
      <PageTitle>{user.displayName}</PageTitle>
      <dl className="site-facts">
        <dt>{t('fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('fields.role')}</dt>
        <dd>
          {t(`roles.${user.role}`)}
          {user.profession && ` (${t(`professions.${user.profession}`)})`}
        </dd>
        <dt>{t('person.mfa')}</dt>
        <dd>{user.mfaEnabled ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('person.disabled')}</dt>
        <dd>{user.disabled ? t('common.yes') : t('common.no')}</dd>
        {user.accessExpiresAt && (
          <>
            <dt>{t('fields.accessExpiresAt')}</dt>
            <dd>{formatDate(user.accessExpiresAt, i18n.language)}</dd>
          </>
        )}
        <dt>{t('people.lastSignIn')}</dt>
        <dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, i18n.language) : t('people.never')}</dd>
      </dl>
      {can('user.update') && user.role !== 'state_viewer' && user.districtId && (
        <PersonForm user={user} districtId={user.districtId} />
      )}
    </section>
  );
}

function PersonForm({ user, districtId }: { user: User; districtId: string }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  // Nobody changes their own role or locks themselves out; the server refuses it too.
  const isSelf = useCurrentMe().user.id === user.id;
  const [displayName, setDisplayName] = useState(user.displayName);
  const [disabled, setDisabled] = useState(user.disabled);
  const [role, setRole] = useState(() => roleDraftOf(user));
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? update.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: UpdateUserInput = {};
    if (displayName !== user.displayName) input.displayName = displayName;
    if (disabled !== user.disabled) input.disabled = disabled;
    // The role's requirements are checked together, so any change to them sends all of them.
    if (JSON.stringify(roleAssignmentOf(role)) !== JSON.stringify(roleAssignmentOf(roleDraftOf(user))))
      Object.assign(input, roleAssignmentOf(role));
    if (Object.keys(input).length > 0 && check(UpdateUserInputSchema, input)) update.mutate(input);
  };

  return (
    <section aria-labelledby="edit-person-heading" className="margin-top-4">
      <h2 id="edit-person-heading">{t('person.editHeading')}</h2>
      {update.isSuccess && !invalid && <Alert type="success" heading={t('common.saved')} live slim />}
      <ApiErrorAlert
        error={error}
        shownFields={['displayName', 'disabled', 'role', 'profession', 'schoolIds', 'accessExpiresAt']}
      />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="person-displayName"
          label={t('fields.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={issueOf(error, 'displayName')}
        />
        {isSelf ? (
          <p>{t('person.selfNote')}</p>
        ) : (
          <>
            <RoleFields idPrefix="person" districtId={districtId} draft={role} onChange={setRole} error={error} />
            <Checkbox
              id="person-disabled"
              name="disabled"
              label={t('person.disableLabel')}
              labelDescription={t('person.disableHint')}
              checked={disabled}
              onChange={(e) => setDisabled(e.target.checked)}
            />
          </>
        )}
        <Button type="submit" className="margin-top-3" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </Button>
      </Form>
    </section>
  );
}
