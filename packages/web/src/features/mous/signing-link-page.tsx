import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { Checkbox, Grid } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { SigningDocument, SigningLinkView } from '@forefront/contract';
import { isApiError, issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { TextField } from '../../components/form-fields';
import { formatDate, formatDateTime } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { SigningErrorAlert } from './signature-how';
import { useSendSigningCode, useSignByLink, useSigningLink, useVerifySigningCode } from './signatures.api';

/**
 * The page a one-time signing link opens, for a signatory without a Forefront account: ask for a
 * code sent to the address the link went to, enter it, read the exact version with its
 * fingerprint, type one's name and sign.
 */
export function SigningLinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const view = useSigningLink(token);
  return (
    <div className="usa-section">
      <Grid row>
        <Grid col={12} desktop={{ col: 10 }}>
          <PageTitle>{t('signatures.link.title')}</PageTitle>
          {view.isPending && <Loading />}
          {view.isError && <SigningErrorAlert error={view.error} heading={t('signatures.link.unavailable')} />}
          {view.data && <SigningSteps token={token} view={view.data} />}
        </Grid>
      </Grid>
    </div>
  );
}

function SigningSteps({ token, view }: { token: string; view: SigningLinkView }) {
  const { t, i18n } = useTranslation();
  const sendCode = useSendSigningCode(token);
  const verify = useVerifySigningCode(token);
  const [code, setCode] = useState('');
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(code.trim());
  };
  return (
    <>
      <p className="usa-intro">
        {t('signatures.link.intro', {
          district: view.districtName,
          name: view.signatoryName,
          title: view.signatoryTitle,
          mou: view.mouTitle,
          version: view.version,
          agency: view.agencyName,
        })}
      </p>
      <p>{t('signatures.link.expires', { at: formatDateTime(view.expiresAt, i18n.language) })}</p>
      {!verify.data && (
        <>
          <h2>{t('signatures.link.step1')}</h2>
          <p>{t('signatures.link.codeIntro', { email: view.emailHint })}</p>
          {sendCode.isError && <SigningErrorAlert error={sendCode.error} />}
          {sendCode.data && (
            <Alert type="success" live slim>
              {t('signatures.link.codeSent', {
                email: view.emailHint,
                at: formatDateTime(sendCode.data.codeExpiresAt, i18n.language),
              })}
            </Alert>
          )}
          <button
            type="button"
            className={`usa-button${sendCode.data || view.codeSent ? ' usa-button--outline' : ''}`}
            disabled={sendCode.isPending}
            onClick={() => sendCode.mutate()}
          >
            {sendCode.data || view.codeSent ? t('signatures.link.resendCode') : t('signatures.link.sendCode')}
          </button>
          <form className="usa-form margin-top-3" onSubmit={submitCode} noValidate aria-labelledby="code-heading">
            <h2 id="code-heading">{t('signatures.link.step2')}</h2>
            {verify.isError && <SigningErrorAlert error={verify.error} />}
            <TextField
              id="signing-code"
              label={t('signatures.link.codeLabel')}
              hint={t('signatures.link.codeHint')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={issueOf(verify.error, 'code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
            />
            <button type="submit" className="usa-button" disabled={verify.isPending}>
              {t('signatures.link.verify')}
            </button>
          </form>
        </>
      )}
      {verify.data && (
        <ReadAndSign
          token={token}
          code={code.trim()}
          view={view}
          doc={verify.data}
          onRestart={() => {
            // Back to steps 1 and 2 for a fresh code; the link itself is still good.
            setCode('');
            sendCode.reset();
            verify.reset();
          }}
        />
      )}
    </>
  );
}

function ReadAndSign({
  token,
  code,
  view,
  doc,
  onRestart,
}: {
  token: string;
  code: string;
  view: SigningLinkView;
  doc: SigningDocument;
  onRestart: () => void;
}) {
  const { t, i18n } = useTranslation();
  const sign = useSignByLink(token);
  const [typed, setTyped] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirmed) return;
    sign.mutate({ code, contentHash: doc.contentHash, signedName: typed });
  };
  if (sign.data)
    return (
      <Alert type="success" heading={t('signatures.link.doneHeading')} live>
        <p className="margin-0">
          {t('signatures.link.done', {
            name: sign.data.signedName,
            version: sign.data.version,
            at: formatDateTime(sign.data.signedAt, i18n.language),
          })}
        </p>
        <p className="margin-0 font-mono-3xs text-wrap" style={{ overflowWrap: 'anywhere' }}>
          {t('signatures.link.fingerprint')}: {sign.data.contentHash}
        </p>
      </Alert>
    );
  return (
    <>
      <h2>{t('signatures.link.step3', { version: doc.version })}</h2>
      <p>{t('signatures.link.readIntro')}</p>
      <dl className="site-facts">
        <dt>{t('signatures.link.fingerprint')}</dt>
        <dd className="font-mono-3xs" style={{ overflowWrap: 'anywhere' }} data-testid="content-hash">
          {doc.contentHash}
        </dd>
        <dt>{t('mous.fields.effectiveDate')}</dt>
        <dd>{formatDate(doc.effectiveDate, i18n.language)}</dd>
        <dt>{t('mous.fields.reviewDate')}</dt>
        <dd>{formatDate(doc.reviewDate, i18n.language)}</dd>
      </dl>
      <p className="text-bold" data-testid="mou-signed-language">
        {t('mouLanguage.signedIn', { language: t(`mouLanguage.languages.${doc.language}`) })}
      </p>
      {i18n.language !== doc.language && <p className="font-body-3xs">{t('signatures.link.originalLanguage')}</p>}
      {doc.clauses.map((c, i) => (
        <section key={c.key} aria-labelledby={`clause-${c.key}`}>
          <h3 id={`clause-${c.key}`}>
            {i + 1}. {c.title}
          </h3>
          <p className="measure-6" style={{ whiteSpace: 'pre-line' }} lang={doc.language}>
            {c.text}
          </p>
        </section>
      ))}
      <DataTable captionId="signing-rules-caption" caption={t('signatures.link.rulesCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('signatures.link.behavior')}</th>
            <th scope="col">{t('signatures.link.handler')}</th>
            <th scope="col">{t('signatures.link.review')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.roleRulesPlain.categories.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td>{c.value}</td>
              <td>{c.review}</td>
            </tr>
          ))}
          {doc.roleRulesPlain.general.map((g) => (
            <tr key={g.label}>
              <th scope="row">{g.label}</th>
              <td colSpan={2}>{g.value}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <form
        className="usa-form usa-form--large border-1px border-base-lighter padding-2 margin-y-3"
        onSubmit={submit}
        aria-labelledby="link-sign-heading"
      >
        <h2 id="link-sign-heading">{t('signatures.link.signHeading', { version: doc.version })}</h2>
        {sign.isError &&
          (isApiError(sign.error) && ['signing_code_expired', 'too_many_requests'].includes(sign.error.code) ? (
            <Alert type="warning" live>
              <p className="margin-0">{t('signatures.link.codeLapsed')}</p>
              <button type="button" className="usa-button margin-top-1" onClick={onRestart}>
                {t('signatures.link.newCode')}
              </button>
            </Alert>
          ) : (
            <SigningErrorAlert error={sign.error} />
          ))}
        <TextField
          id="link-sign-name"
          label={t('mous.signing.typeName', { name: view.signatoryName })}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={issueOf(sign.error, 'signedName')}
          autoComplete="off"
        />
        <Checkbox
          id="link-sign-confirm"
          name="confirm"
          className="margin-y-2"
          label={t('signatures.link.confirm', {
            name: view.signatoryName,
            version: doc.version,
            hash: doc.contentHash.slice(0, 16),
          })}
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        <button type="submit" className="usa-button" disabled={!confirmed || sign.isPending}>
          {t('mous.signing.submit')}
        </button>
      </form>
    </>
  );
}
