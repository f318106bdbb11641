import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { PROVIDER_KINDS, type Provider, type ProviderInput, ProviderInputSchema } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { useCan } from '../staff/me-context';
import { useUsers } from '../users/users.api';
import { useSaveProvider } from './referrals.api';

const draftOf = (p: Provider | null) => ({
  kind: p?.kind ?? 'counselor',
  name: p?.name ?? '',
  organization: p?.organization ?? '',
  userId: p?.userId ?? '',
  phone: p?.phone ?? '',
  email: p?.email ?? '',
  spanish: p?.languages.includes('es') ?? false,
  active: p?.active ?? true,
});

/** Adds a provider, or edits the one chosen in the table. A linked account makes the caseload theirs. */
export function ProviderForm({
  districtId,
  provider,
  onDone,
}: {
  districtId: string;
  provider: Provider | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const save = useSaveProvider(districtId);
  const users = useUsers(districtId, { limit: 200, offset: 0 });
  const staff = can('user.list') ? (users.data?.items ?? []).filter((u) => u.role === 'support_staff') : [];
  const [draft, setDraft] = useState(draftOf(provider));
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? save.error;
  useFocusFirstError(form, error);
  const text = (k: 'name' | 'organization' | 'phone' | 'email') => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: ProviderInput = {
      kind: draft.kind,
      name: draft.name,
      organization: draft.organization.trim() || null,
      userId: draft.userId || null,
      phone: draft.phone.trim() || null,
      email: draft.email.trim() || null,
      languages: draft.spanish ? ['en', 'es'] : ['en'],
      active: draft.active,
    };
    if (check(ProviderInputSchema, input))
      save.mutate(
        { id: provider?.id ?? null, input },
        {
          onSuccess: () => {
            if (!provider) setDraft(draftOf(null));
            onDone();
          },
        },
      );
  };
  const heading = provider ? t('referrals.editHeading', { name: provider.name }) : t('referrals.addHeading');

  return (
    <section aria-labelledby="provider-form-heading" className="margin-top-4">
      <h2 id="provider-form-heading">{heading}</h2>
      {save.isSuccess && (
        <Alert type="success" live slim>
          {t('referrals.providerSaved')}
        </Alert>
      )}
      <ApiErrorAlert error={error} shownFields={['kind', 'name', 'organization', 'userId', 'phone', 'email']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="provider-name"
          label={t('referrals.providerName')}
          value={draft.name}
          onChange={text('name')}
          maxLength={200}
          error={issueOf(error, 'name')}
        />
        <SelectField
          id="provider-kind"
          label={t('referrals.kind')}
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: v as ProviderInput['kind'] })}
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`referrals.services.${k}`) }))}
        />
        <TextField
          id="provider-organization"
          label={t('referrals.organization')}
          isOptional
          value={draft.organization}
          onChange={text('organization')}
          maxLength={200}
          error={issueOf(error, 'organization')}
        />
        {staff.length > 0 && (
          <SelectField
            id="provider-user"
            label={t('referrals.linkedAccount')}
            hint={t('referrals.linkedAccountHint')}
            isOptional
            value={draft.userId}
            onChange={(v) => setDraft({ ...draft, userId: v })}
            placeholder={t('referrals.noAccount')}
            options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
            error={issueOf(error, 'userId')}
          />
        )}
        <TextField
          id="provider-phone"
          type="tel"
          label={t('referrals.phone')}
          isOptional
          value={draft.phone}
          onChange={text('phone')}
          maxLength={40}
          error={issueOf(error, 'phone')}
        />
        <TextField
          id="provider-email"
          type="email"
          label={t('referrals.email')}
          isOptional
          value={draft.email}
          onChange={text('email')}
          maxLength={254}
          error={issueOf(error, 'email')}
        />
        <Checkbox
          id="provider-spanish"
          name="provider-spanish"
          label={t('referrals.speaksSpanish')}
          checked={draft.spanish}
          onChange={(e) => setDraft({ ...draft, spanish: e.target.checked })}
        />
        <Checkbox
          id="provider-active"
          name="provider-active"
          label={t('referrals.activeHint')}
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
        />
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : provider ? t('common.save') : t('referrals.addButton')}
        </Button>
        {provider && (
          <Button type="button" outline onClick={onDone}>
            {t('referrals.cancelEdit')}
          </Button>
        )}
      </Form>
    </section>
  );
}
