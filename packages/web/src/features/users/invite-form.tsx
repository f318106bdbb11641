import { useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { InviteUserInputSchema, type InviteUserInput } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { RoleFields, roleAssignmentOf, type RoleDraft } from './role-fields';
import { InvitationSent } from './invitation-sent';
import { useInviteUser } from './users.api';

const emptyRole: RoleDraft = { role: '', profession: '', schoolIds: [], accessExpiresAt: '' };
const FIELDS = ['email', 'displayName', 'role', 'profession', 'schoolIds', 'accessExpiresAt'];

export function InviteForm({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const invite = useInviteUser(districtId);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState(emptyRole);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? invite.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: InviteUserInput = { email, displayName, ...roleAssignmentOf(role) };
    if (!check(InviteUserInputSchema, input)) return;
    invite.mutate(input, {
      onSuccess: () => {
        setEmail('');
        setDisplayName('');
        setRole(emptyRole);
      },
    });
  };

  return (
    <section aria-labelledby="invite-heading" className="margin-top-6">
      <h2 id="invite-heading">{t('people.inviteHeading')}</h2>
      <p>{t('people.inviteIntro')}</p>
      {invite.isSuccess && !invalid && <InvitationSent invitation={invite.data} />}
      <ApiErrorAlert error={error} heading={t('people.inviteFailed')} shownFields={FIELDS} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="invite-email"
          type="email"
          label={t('fields.email')}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={issueOf(error, 'email')}
        />
        <TextField
          id="invite-displayName"
          label={t('fields.displayName')}
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={issueOf(error, 'displayName')}
        />
        <RoleFields idPrefix="invite" districtId={districtId} draft={role} onChange={setRole} error={error} />
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? t('people.inviting') : t('people.invite')}
        </Button>
      </Form>
    </section>
  );
}
