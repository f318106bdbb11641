import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { MfaCodeInputSchema } from '@forefront/contract';
import { isApiError, issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { useConfirmMfaEnrolment, useMe, useStartMfaEnrolment } from './auth.api';
import { RecoveryCodes } from './recovery-codes';

type Enrolment = NonNullable<ReturnType<typeof useStartMfaEnrolment>['data']>;

export function MfaEnrolPage() {
  const { t } = useTranslation();
  // Loads the session first: it proves there is one and restores the CSRF token after a reload.
  const me = useMe();
  const start = useStartMfaEnrolment();
  const confirm = useConfirmMfaEnrolment();
  const started = useRef(false);
  const needsEnrolment = me.data ? !me.data.user.mfaEnabled : false;

  useEffect(() => {
    // Each start issues a new secret; guard so StrictMode's double effect does not show a stale one.
    if (!needsEnrolment || started.current) return;
    started.current = true;
    start.mutate();
  }, [needsEnrolment, start]);

  let body;
  if (confirm.data) body = <RecoveryCodes codes={confirm.data.recoveryCodes} />;
  else if (me.isPending || (needsEnrolment && start.isPending)) body = <Loading />;
  else if (isApiError(me.error, 401))
    body = (
      <Alert type="warning" heading={t('mfaEnrol.signInFirst')}>
        <Link to="/sign-in">{t('mfaEnrol.goToSignIn')}</Link>
      </Alert>
    );
  else if (me.isError) body = <ApiErrorAlert error={me.error} />;
  else if (!needsEnrolment)
    body = (
      <Alert type="info" heading={t('mfaEnrol.alreadyDone')}>
        <Link to="/app">{t('mfaEnrol.continue')}</Link>
      </Alert>
    );
  else if (start.isError) body = <ApiErrorAlert error={start.error} />;
  else if (start.data) body = <EnrolmentSteps enrolment={start.data} confirm={confirm} />;

  return (
    <div className="usa-section">
      <Grid row>
        <Grid col={12} tablet={{ col: 10 }} desktop={{ col: 8 }}>
          <PageTitle>{t('mfaEnrol.title')}</PageTitle>
          {!confirm.data && <p className="usa-intro">{t('mfaEnrol.intro')}</p>}
          {body}
        </Grid>
      </Grid>
    </div>
  );
}

function EnrolmentSteps({
  enrolment,
  confirm,
}: {
  enrolment: Enrolment;
  confirm: ReturnType<typeof useConfirmMfaEnrolment>;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? confirm.error;
  useFocusFirstError(form, error);
  // The SVG comes from our server's QR encoder; showing it as an image (not inline markup) means
  // nothing inside it can ever run as script, whatever the string holds.
  const qrSrc = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check(MfaCodeInputSchema, { code })) confirm.mutate(code);
  };

  return (
    <ol className="usa-process-list">
      <li className="usa-process-list__item">
        <h2 className="usa-process-list__heading">{t('mfaEnrol.scanHeading')}</h2>
        <p>{t('mfaEnrol.scanBody')}</p>
        <div role="img" aria-label={t('mfaEnrol.qrLabel')} className="site-qr">
          <img src={qrSrc} alt="" width={200} height={200} />
        </div>
        <p>{t('mfaEnrol.manualBody')}</p>
        <p>
          {t('mfaEnrol.secretLabel')}{' '}
          <code className="site-secret">{enrolment.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
        </p>
      </li>
      <li className="usa-process-list__item">
        <h2 className="usa-process-list__heading">{t('mfaEnrol.confirmHeading')}</h2>
        <ApiErrorAlert error={error} heading={t('signIn.codeFailed')} shownFields={['code']} />
        <Form ref={form} onSubmit={submit} noValidate>
          <TextField
            id="code"
            label={t('fields.mfaCode')}
            hint={t('mfaEnrol.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={issueOf(error, 'code')}
          />
          <Button type="submit" disabled={confirm.isPending}>
            {confirm.isPending ? t('mfaEnrol.confirming') : t('mfaEnrol.confirm')}
          </Button>
        </Form>
      </li>
    </ol>
  );
}
