import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { SignInInputSchema, type SignInResult } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { safeNext, useSignIn } from './auth.api';
import { MfaCodeStep } from './mfa-code-step';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // `?step=mfa` resumes the second step after a reload: the half-signed-in session is still there.
  const [step, setStep] = useState<'password' | 'code'>(params.get('step') === 'mfa' ? 'code' : 'password');

  const onResult = (result: SignInResult) => {
    if (result.status === 'signed_in') void navigate(next);
    else if (result.status === 'mfa_required') setStep('code');
    else void navigate('/mfa/enrol');
  };

  return (
    <div className="usa-section">
      <Grid row>
        <Grid col={12} tablet={{ col: 8 }} desktop={{ col: 6 }}>
          <PageTitle>{step === 'password' ? t('signIn.title') : t('signIn.codeTitle')}</PageTitle>
          {step === 'password' ? (
            <PasswordStep onResult={onResult} />
          ) : (
            <MfaCodeStep onSignedIn={() => void navigate(next)} onRestart={() => setStep('password')} />
          )}
        </Grid>
      </Grid>
    </div>
  );
}

function PasswordStep({ onResult }: { onResult: (result: SignInResult) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? signIn.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check(SignInInputSchema, { email, password })) signIn.mutate({ email, password }, { onSuccess: onResult });
  };

  return (
    <>
      <p className="usa-intro">{t('signIn.intro')}</p>
      <ApiErrorAlert error={error} heading={t('signIn.failed')} shownFields={['email', 'password']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="email"
          type="email"
          label={t('fields.email')}
          autoComplete="email"
          autoCapitalize="off"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={issueOf(error, 'email')}
        />
        <TextField
          id="password"
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={issueOf(error, 'password')}
        />
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </Form>
      <p className="margin-top-4">
        {t('signIn.noAccount')} <Link to="/">{t('signIn.publicPages')}</Link>
      </p>
    </>
  );
}
