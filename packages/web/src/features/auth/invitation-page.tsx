import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { AcceptInvitationInputSchema, type InvitationPreview } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { useAcceptInvitation, useInvitationPreview } from './auth.api';

export function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const preview = useInvitationPreview(token);
  return (
    <div className="usa-section">
      <Grid row>
        <Grid col={12} tablet={{ col: 8 }} desktop={{ col: 6 }}>
          <PageTitle>{t('invitation.title')}</PageTitle>
          {preview.isPending && <Loading />}
          {preview.isError && <ApiErrorAlert error={preview.error} heading={t('invitation.unavailable')} />}
          {preview.data && <AcceptForm token={token} preview={preview.data} />}
        </Grid>
      </Grid>
    </div>
  );
}

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? accept.error;
  useFocusFirstError(form, error ?? (mismatch || null));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The only check the server cannot make: that the person typed what they meant, twice.
    if (password !== confirm) return setMismatch(true);
    setMismatch(false);
    if (!check(AcceptInvitationInputSchema, { password })) return;
    accept.mutate(password, {
      onSuccess: (result) => {
        if (result.status === 'mfa_enrolment_required') void navigate('/mfa/enrol');
        else if (result.status === 'mfa_required') void navigate('/sign-in?step=mfa');
        else void navigate('/app');
      },
    });
  };

  return (
    <>
      <p className="usa-intro">
        {t('invitation.intro', {
          name: preview.displayName,
          district: preview.districtName,
          role: t(`roles.${preview.role}`),
        })}
      </p>
      {preview.mfaRequired && <p>{t('invitation.mfaNotice')}</p>}
      <ApiErrorAlert error={error} heading={t('invitation.failed')} shownFields={['password']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="email"
          type="email"
          label={t('fields.email')}
          value={preview.email}
          readOnly
          autoComplete="username"
        />
        <TextField
          id="password"
          type="password"
          label={t('fields.newPassword')}
          hint={t('hints.passwordLength', { min: preview.minPasswordLength })}
          autoComplete="new-password"
          minLength={preview.minPasswordLength}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={issueOf(error, 'password')}
        />
        <TextField
          id="password-confirm"
          type="password"
          label={t('fields.confirmPassword')}
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? t('invitation.mismatch') : undefined}
        />
        <Button type="submit" disabled={accept.isPending}>
          {accept.isPending ? t('invitation.submitting') : t('invitation.submit')}
        </Button>
      </Form>
    </>
  );
}
