import { Checkbox } from '@trussworks/react-uswds';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MouDetail, MouParty, MouSignatory } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-fields';
import { useCan, useCurrentMe } from '../staff/me-context';
import { useAddSignatory, useSign, useUpdateSignatory } from './mous.api';
import { PaperSignatureForm } from './paper-signature-form';
import { SignatureHow, SigningErrorAlert } from './signature-how';
import { signatureScanUrl, useSendSigningLink } from './signatures.api';

/** Who must sign, who has signed the latest version, and the signing flow (typed name + confirmation). */
export function MouSigning({ mou }: { mou: MouDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const latest = mou.versions[0]!;
  const update = useUpdateSignatory(mou.id);
  const me = useCurrentMe();
  const sendLink = useSendSigningLink(mou.id);
  const [signing, setSigning] = useState<MouSignatory | null>(null);
  const [onPaper, setOnPaper] = useState<MouSignatory | null>(null);
  const [linkSentTo, setLinkSentTo] = useState<{ name: string; email: string; delivered: boolean } | null>(null);
  // A staff member signs only as themselves: the signatory whose address is their account's.
  const isMe = (s: MouSignatory) => !!s.email && s.email.toLowerCase() === me.user.email.toLowerCase();
  const signatureOf = (s: MouSignatory) =>
    mou.signatures.find((x) => x.signatoryId === s.id && x.version === latest.version && x.valid);
  return (
    <>
      <h2>{t('mous.signing.heading', { version: latest.version })}</h2>
      <p>{t('mous.signing.intro')}</p>
      {mou.signatories.length === 0 ? (
        <p>{t('mous.signing.none')}</p>
      ) : (
        <DataTable captionId="signatories-caption" caption={t('mous.signing.caption', { version: latest.version })}>
          <thead>
            <tr>
              <th scope="col">{t('mous.signing.name')}</th>
              <th scope="col">{t('mous.signing.party')}</th>
              <th scope="col">{t('mous.signing.signature')}</th>
              <th scope="col">{t('mous.fields.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {mou.signatories.map((s) => {
              const sig = signatureOf(s);
              return (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name}
                    <div className="font-body-3xs text-base-dark">{s.title}</div>
                  </th>
                  <td>{t(`mous.parties.${s.party}`)}</td>
                  <td>
                    {!s.active ? (
                      t('mous.signing.inactive')
                    ) : sig ? (
                      <>
                        <SignatureHow sig={sig} />
                        {sig.hasScan && (
                          <>
                            {' '}
                            <a href={signatureScanUrl(mou.id, sig.id)} download>
                              {t('signatures.scanLink', { name: s.name })}
                            </a>
                          </>
                        )}
                      </>
                    ) : (
                      t('mous.signing.notSigned')
                    )}
                  </td>
                  <td>
                    {s.active && !sig && can('mou.sign') && isMe(s) && (
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        onClick={() => setSigning(s)}
                        aria-label={t('mous.signing.signAs', { name: s.name })}
                      >
                        {t('mous.signing.sign')}
                      </button>
                    )}
                    {s.active && !sig && !isMe(s) && can('mou.write') && s.email && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="usa-button usa-button--unstyled"
                          disabled={sendLink.isPending}
                          onClick={() =>
                            sendLink.mutate(s.id, {
                              onSuccess: (r) =>
                                setLinkSentTo({ name: s.name, email: r.sentTo, delivered: r.delivered }),
                            })
                          }
                          aria-label={t('signatures.sendLinkTo', { name: s.name })}
                        >
                          {t('signatures.sendLink')}
                        </button>
                      </>
                    )}
                    {s.active && !sig && can('mou.sign') && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="usa-button usa-button--unstyled"
                          onClick={() => setOnPaper(s)}
                          aria-label={t('signatures.paperFor', { name: s.name })}
                        >
                          {t('signatures.paper')}
                        </button>
                      </>
                    )}
                    {can('mou.write') && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="usa-button usa-button--unstyled"
                          onClick={() => update.mutate({ signatoryId: s.id, active: !s.active })}
                          aria-label={t(s.active ? 'mous.signing.deactivateOf' : 'mous.signing.reactivateOf', {
                            name: s.name,
                          })}
                        >
                          {s.active ? t('mous.signing.deactivate') : t('mous.signing.reactivate')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      {update.isError && <ApiErrorAlert error={update.error} />}
      {sendLink.isError && <SigningErrorAlert error={sendLink.error} />}
      {linkSentTo && (
        <Alert type={linkSentTo.delivered ? 'success' : 'warning'} live slim>
          {t(linkSentTo.delivered ? 'signatures.linkSent' : 'signatures.linkNotDelivered', linkSentTo)}
        </Alert>
      )}
      {signing && <SignForm mou={mou} signatory={signing} onDone={() => setSigning(null)} />}
      {onPaper && <PaperSignatureForm mou={mou} signatory={onPaper} onDone={() => setOnPaper(null)} />}
      {can('mou.write') && <AddSignatoryForm mouId={mou.id} />}
    </>
  );
}

function SignForm({ mou, signatory, onDone }: { mou: MouDetail; signatory: MouSignatory; onDone: () => void }) {
  const { t } = useTranslation();
  const sign = useSign(mou.id);
  const version = mou.versions[0]!.version;
  const [typed, setTyped] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirmed) return;
    sign.mutate({ signatoryId: signatory.id, version, signedName: typed }, { onSuccess: onDone });
  };
  return (
    <form
      className="usa-form usa-form--large border-1px border-base-lighter padding-2 margin-y-3"
      onSubmit={submit}
      aria-labelledby="sign-heading"
    >
      <h3 id="sign-heading">{t('mous.signing.formHeading', { name: signatory.name, version })}</h3>
      <p>{t('mous.signing.formIntro')}</p>
      {sign.isError && <SigningErrorAlert error={sign.error} />}
      <TextField
        id="sign-name"
        label={t('mous.signing.typeName', { name: signatory.name })}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        error={issueOf(sign.error, 'signedName')}
        autoComplete="off"
      />
      <Checkbox
        id="sign-confirm"
        name="confirm"
        className="margin-y-2"
        label={t('mous.signing.confirm', { name: signatory.name, version, agency: mou.agencyName })}
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
      />
      {!confirmed && typed && (
        <Alert type="info" slim>
          {t('mous.signing.confirmFirst')}
        </Alert>
      )}
      <button type="submit" className="usa-button" disabled={!confirmed || sign.isPending}>
        {t('mous.signing.submit')}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={onDone}>
        {t('mous.cancel')}
      </button>
    </form>
  );
}

function AddSignatoryForm({ mouId }: { mouId: string }) {
  const { t } = useTranslation();
  const add = useAddSignatory(mouId);
  const [party, setParty] = useState<MouParty>('district');
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [email, setEmail] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { party, name, title, email: email || null },
      {
        onSuccess: () => {
          setName('');
          setTitle('');
          setEmail('');
        },
      },
    );
  };
  return (
    <details className="margin-y-3">
      <summary className="text-bold">{t('mous.signing.addHeading')}</summary>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <p>{t('mous.signing.addIntro')}</p>
        {add.isError && <ApiErrorAlert error={add.error} />}
        <SelectField
          id="signatory-party"
          label={t('mous.signing.party')}
          value={party}
          onChange={(v) => setParty(v as MouParty)}
          options={(['district', 'agency'] as const).map((p) => ({ value: p, label: t(`mous.parties.${p}`) }))}
        />
        <TextField
          id="signatory-name"
          label={t('mous.signing.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={issueOf(add.error, 'name')}
        />
        <TextField
          id="signatory-title"
          label={t('mous.signing.jobTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={issueOf(add.error, 'title')}
        />
        <TextField
          id="signatory-email"
          type="email"
          label={t('mous.signing.email')}
          isOptional
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={issueOf(add.error, 'email')}
        />
        <button type="submit" className="usa-button" disabled={add.isPending}>
          {t('mous.signing.add')}
        </button>
      </form>
    </details>
  );
}
