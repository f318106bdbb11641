import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import {
  CASE_OUTCOMES,
  CONTACT_METHODS,
  NTAC_THEMES,
  type CaseDetail,
  type CaseOutcome,
  type CloseInput,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField } from '../../components/form-fields';
import { formatDate, formatDateTime } from '../../components/format';
import { useCurrentMe } from '../staff/me-context';
import { DateTimeField, StepForm, TextAreaField, issueOf } from './case-form';
import { instantFromLocal, nowLocalInput, signoffProgress, stepsStillNeeded } from './steps';
import { useCaseStep } from './threat.api';

type Props = { c: CaseDetail; writable: boolean };
type ContactMethod = (typeof CONTACT_METHODS)[number];

export function ParentContactsSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<{ contactedAt: string; method: ContactMethod; note?: string }>(
    c.id,
    'post',
    () => '/parent-contacts',
  );
  const [when, setWhen] = useState(nowLocalInput());
  const [method, setMethod] = useState<ContactMethod>('phone');
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="step-parent-contact">
      <h2 id="step-parent-contact">{t('threat.steps.parent_contact')}</h2>
      {c.parentContacts.length === 0 ? (
        <p>{t('threat.contacts.none')}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {c.parentContacts.map((pc) => (
            <li key={pc.id} className="threat-entry">
              <p className="text-bold margin-y-0">
                {formatDateTime(pc.contactedAt, i18n.language)} · {t(`threat.contactMethods.${pc.method}`)} ·{' '}
                {t('threat.by', { name: pc.by.displayName ?? t('threat.unknown') })}
              </p>
              {pc.note && <p className="threat-text">{pc.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <StepForm
          label={t('threat.contacts.add')}
          mutation={step}
          submit={t('threat.contacts.add')}
          fields={['contactedAt', 'method', 'note']}
          onSubmit={() =>
            step.mutate(
              { contactedAt: instantFromLocal(when) ?? when, method, ...(note.trim() && { note }) },
              { onSuccess: () => setNote('') },
            )
          }
        >
          <DateTimeField
            id="contact-when"
            label={t('threat.contacts.when')}
            value={when}
            onChange={setWhen}
            error={issueOf(step.error, 'contactedAt')}
          />
          <SelectField
            id="contact-method"
            label={t('threat.contacts.method')}
            value={method}
            onChange={(v) => setMethod(v as ContactMethod)}
            options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`threat.contactMethods.${m}`) }))}
          />
          <TextAreaField
            id="contact-note"
            label={t('threat.contacts.note')}
            isOptional
            maxLength={5000}
            value={note}
            onChange={setNote}
            error={issueOf(step.error, 'note')}
          />
        </StepForm>
      )}
    </section>
  );
}

export function ThemesSection({ c, writable }: Props) {
  const { t } = useTranslation();
  const step = useCaseStep<{ theme: string; finding: string }>(
    c.id,
    'put',
    (i) => `/themes/${encodeURIComponent(i.theme)}`,
    (i) => ({ finding: i.finding }),
  );
  const findings = new Map(c.themes.map((th) => [th.theme, th.finding]));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="step-themes">
      <h2 id="step-themes">{t('threat.themes.heading')}</h2>
      <p>{t('threat.themes.intro', { done: findings.size, total: NTAC_THEMES.length })}</p>
      {step.isError && <ApiErrorAlert error={step.error} />}
      {NTAC_THEMES.map((theme) => (
        <div key={theme} className="threat-entry">
          <h3 className="margin-y-1">{t(`threat.ntacThemes.${theme}`)}</h3>
          {findings.has(theme) && <p className="threat-text">{findings.get(theme)}</p>}
          {writable && (
            <form
              className="usa-form usa-form--large site-no-print"
              onSubmit={(e) => {
                e.preventDefault();
                step.mutate({ theme, finding: drafts[theme] ?? '' });
              }}
            >
              <TextAreaField
                id={`theme-${theme}`}
                label={findings.has(theme) ? t('threat.themes.revise') : t('threat.themes.finding')}
                maxLength={5000}
                value={drafts[theme] ?? ''}
                onChange={(v) => setDrafts({ ...drafts, [theme]: v })}
              />
              <Button type="submit" outline disabled={step.isPending}>
                {t('threat.themes.save', { theme: t(`threat.ntacThemes.${theme}`) })}
              </Button>
            </form>
          )}
        </div>
      ))}
    </section>
  );
}

export function NotesSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const step = useCaseStep<{ body: string; lawEnforcementPurpose?: boolean }>(c.id, 'post', () => '/notes');
  const [body, setBody] = useState('');
  const [lePurpose, setLePurpose] = useState(false);
  // Only an officer's own notes for a law-enforcement purpose are law-enforcement-unit records (FERPA 99.8).
  const isOfficer = me.user.role === 'sro';
  return (
    <section aria-labelledby="case-notes">
      <h2 id="case-notes">{t('threat.notes.heading')}</h2>
      {c.notes.length === 0 ? (
        <p>{t('threat.notes.none')}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {c.notes.map((n) => (
            <li key={n.id} className="threat-entry">
              <p className="text-base-dark margin-y-0">
                {t('threat.recordedBy', {
                  name: n.author.displayName ?? t('threat.unknown'),
                  when: formatDateTime(n.createdAt, i18n.language),
                })}{' '}
                · {t(`threat.recordClasses.${n.recordClass}`)}
              </p>
              <p className="threat-text">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <StepForm
          label={t('threat.notes.add')}
          mutation={step}
          submit={t('threat.notes.add')}
          fields={['body']}
          onSubmit={() =>
            step.mutate(
              { body, ...(isOfficer && { lawEnforcementPurpose: lePurpose }) },
              { onSuccess: () => setBody('') },
            )
          }
        >
          <TextAreaField
            id="note-body"
            label={t('threat.notes.body')}
            maxLength={10000}
            value={body}
            onChange={setBody}
            error={issueOf(step.error, 'body')}
          />
          {isOfficer && (
            <div className="usa-checkbox margin-y-2">
              <input
                className="usa-checkbox__input"
                id="note-le"
                type="checkbox"
                checked={lePurpose}
                onChange={(e) => setLePurpose(e.target.checked)}
              />
              <label className="usa-checkbox__label" htmlFor="note-le">
                {t('threat.notes.lePurpose')}
              </label>
            </div>
          )}
        </StepForm>
      )}
    </section>
  );
}

export function ReferralsSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  if (c.referrals.length === 0) return null;
  return (
    <section aria-labelledby="case-referrals">
      <h2 id="case-referrals">{t('threat.referrals.heading')}</h2>
      <ul className="usa-list">
        {c.referrals.map((r) => (
          <li key={r.id}>
            {t('threat.referrals.item', {
              kind: t(`threat.providerKinds.${r.kind}`, { defaultValue: r.kind }),
              provider: r.providerName ?? t('threat.unknown'),
              status: t(`threat.referralStatuses.${r.status}`, { defaultValue: r.status }),
              date: formatDate(r.followUpDueOn, i18n.language),
            })}
            {r.awaitsFollowUp && (
              <span className="usa-tag bg-secondary-dark margin-left-1">{t('threat.referrals.awaits')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ClosureSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const sign = useCaseStep<Record<string, never>>(
    c.id,
    'post',
    () => '/signoffs',
    () => ({}),
  );
  const close = useCaseStep<CloseInput>(c.id, 'post', () => '/close');
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [summary, setSummary] = useState('');
  const progress = signoffProgress(c.signoffs);
  const needed = stepsStillNeeded(c);
  const signed = c.signoffs.some((s) => s.userId === me.user.id);
  const onTeam = c.team.members.some((m) => m.userId === me.user.id);
  const waiting = c.referrals.filter((r) => r.awaitsFollowUp);
  return (
    <section aria-labelledby="step-closure">
      <h2 id="step-closure">{t('threat.steps.closure')}</h2>
      {c.status === 'closed' ? (
        <div className="threat-entry">
          {c.outcome && <p className="text-bold margin-y-0">{t(`threat.outcomes.${c.outcome}`)}</p>}
          {c.closure && <p className="threat-text">{c.closure}</p>}
        </div>
      ) : (
        <p>{t('threat.closure.rule')}</p>
      )}
      <h3>{t('threat.closure.signoffs', { count: progress.count })}</h3>
      {c.signoffs.length === 0 ? (
        <p>{t('threat.closure.noSignoffs')}</p>
      ) : (
        <ul className="usa-list">
          {c.signoffs.map((s) => (
            <li key={s.userId}>
              {t('threat.closure.signedBy', {
                name: s.displayName,
                role: t(`threat.teamRoles.${s.teamRole}`),
                when: formatDateTime(s.signedAt, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      {writable && onTeam && !signed && (
        <div className="site-no-print margin-bottom-2">
          {sign.isError && <ApiErrorAlert error={sign.error} />}
          <Button type="button" outline disabled={sign.isPending} onClick={() => sign.mutate({})}>
            {t('threat.closure.signOff')}
          </Button>
        </div>
      )}
      {writable && (
        <>
          {(needed.length > 0 || !progress.enough || waiting.length > 0) && (
            <Alert type="warning" heading={t('threat.closure.notYetHeading')}>
              <ul className="margin-y-0">
                {needed.length > 0 && (
                  <li>
                    {t('threat.closure.stepsNeeded', { steps: needed.map((s) => t(`threat.steps.${s}`)).join(', ') })}
                  </li>
                )}
                {!progress.enough && <li>{t('threat.closure.needSignoffs')}</li>}
                {waiting.map((r) => (
                  <li key={r.id}>
                    {t('threat.closure.referralWaiting', {
                      kind: t(`threat.providerKinds.${r.kind}`, { defaultValue: r.kind }),
                      provider: r.providerName ?? t('threat.unknown'),
                    })}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <StepForm
            label={t('threat.closure.close')}
            mutation={close}
            submit={t('threat.closure.close')}
            fields={['outcome', 'summary']}
            onSubmit={() => outcome && close.mutate({ outcome, summary })}
          >
            <SelectField
              id="close-outcome"
              label={t('threat.closure.outcome')}
              value={outcome}
              onChange={(v) => setOutcome(v as CaseOutcome)}
              placeholder={t('threat.closure.chooseOutcome')}
              options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`threat.outcomes.${o}`) }))}
              error={issueOf(close.error, 'outcome')}
            />
            <TextAreaField
              id="close-summary"
              label={t('threat.closure.summary')}
              maxLength={5000}
              value={summary}
              onChange={setSummary}
              error={issueOf(close.error, 'summary')}
            />
          </StepForm>
        </>
      )}
    </section>
  );
}
