import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { CONTACT_METHODS, NTAC_THEMES, type CaseDetail } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField } from '../../components/form-fields';
import { formatDateTime } from '../../components/format';
import { useCurrentMe } from '../staff/me-context';
import { DateTimeField, StepForm, TextAreaField, issueOf } from './case-form';
import { instantOrNow, nowLocalInput } from './steps';
import { useCaseStep } from './threat.api';

/** The case's running record: parent contacts, NTAC's questions, notes. */
type Props = { c: CaseDetail; writable: boolean };
type ContactMethod = (typeof CONTACT_METHODS)[number];

export function ParentContactsSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<{ contactedAt: string; method: ContactMethod; note?: string }>(
    c.id,
    'post',
    () => '/parent-contacts',
  );
  const [initialWhen] = useState(nowLocalInput());
  const [when, setWhen] = useState(initialWhen);
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
              { contactedAt: instantOrNow(when, initialWhen), method, ...(note.trim() && { note }) },
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
