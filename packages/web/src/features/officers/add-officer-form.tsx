import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Form } from '@trussworks/react-uswds';
import { OfficerCreateInputSchema, type OfficerCreateInput } from '@forefront/contract';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { issueOf } from '../../api/client';
import { useCreateOfficer } from './officers.api';

const EMPTY = { name: '', agency: '', badgeNumber: '', email: '' };

/** Adds an officer to the roster; many never sign in, so an account is optional (linked on their page). */
export function AddOfficerForm({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOfficer(districtId);
  const [draft, setDraft] = useState(EMPTY);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? create.error;
  useFocusFirstError(form, error);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: OfficerCreateInput = {
      name: draft.name,
      agency: draft.agency,
      badgeNumber: draft.badgeNumber,
      ...(draft.email.trim() && { email: draft.email }),
    };
    if (check(OfficerCreateInputSchema, input))
      create.mutate(input, { onSuccess: (o) => void navigate(`/app/officers/${o.id}`) });
  };

  return (
    <section aria-labelledby="add-officer-heading" className="margin-top-4">
      <h2 id="add-officer-heading">{t('officers.addHeading')}</h2>
      <ApiErrorAlert error={error} shownFields={['name', 'agency', 'badgeNumber', 'email']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="officer-name"
          label={t('officers.name')}
          value={draft.name}
          onChange={set('name')}
          maxLength={200}
          error={issueOf(error, 'name')}
        />
        <TextField
          id="officer-agency"
          label={t('officers.agency')}
          hint={t('officers.agencyHint')}
          value={draft.agency}
          onChange={set('agency')}
          maxLength={200}
          error={issueOf(error, 'agency')}
        />
        <TextField
          id="officer-badge"
          label={t('officers.badge')}
          value={draft.badgeNumber}
          onChange={set('badgeNumber')}
          maxLength={40}
          error={issueOf(error, 'badgeNumber')}
        />
        <TextField
          id="officer-email"
          type="email"
          label={t('officers.email')}
          hint={t('officers.emailHint')}
          isOptional
          value={draft.email}
          onChange={set('email')}
          maxLength={254}
          error={issueOf(error, 'email')}
        />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('officers.addButton')}
        </Button>
      </Form>
    </section>
  );
}
