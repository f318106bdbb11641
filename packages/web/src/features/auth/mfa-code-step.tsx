import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { MfaCodeInputSchema } from '@forefront/contract';
import { isApiError, issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { useMe, useSignOut, useVerifyMfa } from './auth.api';

/** Second step of sign-in: a code from the authenticator app, or a single-use recovery code. */
export function MfaCodeStep({ onSignedIn, onRestart }: { onSignedIn: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  // Reads the session (and its CSRF token) so this step also works after a page reload.
  const me = useMe();
  const verify = useVerifyMfa();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? verify.error;
  useFocusFirstError(form, error);

  const noSession = isApiError(me.error, 401);
  const alreadySignedIn = me.data && !me.data.mfaPending;
  useEffect(() => {
    if (noSession) onRestart();
    else if (alreadySignedIn) onSignedIn();
  }, [noSession, alreadySignedIn, onRestart, onSignedIn]);
  // The step replaces the password form: put the cursor where the code goes.
  useEffect(() => {
    if (!me.isPending) input.current?.focus();
  }, [me.isPending]);

  if (me.isPending) return <Loading />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check(MfaCodeInputSchema, { code })) verify.mutate(code, { onSuccess: onSignedIn });
  };
  const restart = () => signOut.mutate(undefined, { onSettled: onRestart });

  return (
    <>
      <p className="usa-intro">{t('signIn.codeIntro')}</p>
      <ApiErrorAlert
        error={error ?? (noSession ? null : me.error)}
        heading={t('signIn.codeFailed')}
        shownFields={['code']}
      />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          ref={input}
          id="code"
          label={t('fields.mfaCode')}
          hint={t('signIn.codeHint')}
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={9}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={issueOf(error, 'code')}
        />
        <Button type="submit" disabled={verify.isPending}>
          {verify.isPending ? t('signIn.verifying') : t('signIn.verify')}
        </Button>
        <Button type="button" unstyled className="margin-top-2" onClick={restart}>
          {t('signIn.useAnotherAccount')}
        </Button>
      </Form>
    </>
  );
}
