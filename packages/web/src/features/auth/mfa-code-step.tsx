import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { isApiError, issueOf } from '../../api/client';
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
  useFocusFirstError(form, verify.error);

  const noSession = isApiError(me.error, 401);
  const alreadySignedIn = me.data && !me.data.mfaPending;
  useEffect(() => {
    if (noSession) onRestart();
    else if (alreadySignedIn) onSignedIn();
  }, [noSession, alreadySignedIn, onRestart, onSignedIn]);
  useEffect(() => input.current?.focus(), []);

  if (me.isPending) return <Loading />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate(code, { onSuccess: onSignedIn });
  };
  const restart = () => signOut.mutate(undefined, { onSettled: onRestart });

  return (
    <>
      <p className="usa-intro">{t('signIn.codeIntro')}</p>
      <ApiErrorAlert error={verify.error ?? (noSession ? null : me.error)} heading={t('signIn.codeFailed')} shownFields={['code']} />
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
          error={issueOf(verify.error, 'code')}
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
