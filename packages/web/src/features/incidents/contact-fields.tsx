import { useTranslation } from 'react-i18next';
import { CONTACT_PURPOSES, INVOLVEMENTS } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { SelectField } from '../../components/form-fields';
import { Checkbox, NativeField, RadioGroup } from './choice-fields';
import type { IncidentDraft } from './incident-draft';

interface ContactFieldsProps {
  draft: IncidentDraft;
  set: <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) => void;
  /** The officers the signed-in person may name; null when they log their own activity (an SRO). */
  officers: { id: string; displayName: string }[] | null;
  selfName: string;
  error: unknown;
}

/** The officer's part: who, why they were there, whether they led, and when they were called and arrived. */
export function ContactFields({ draft, set, officers, selfName, error }: ContactFieldsProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="contact-heading">
      <h3 id="contact-heading">{t('incidents.form.contact')}</h3>
      {officers !== null && (
        <Checkbox
          id="officer-involved"
          label={t('incidents.form.officerInvolved')}
          checked={draft.officerInvolved}
          onChange={(on) => set('officerInvolved', on)}
        />
      )}
      {draft.officerInvolved && (
        <>
          {officers === null ? (
            <p>{t('incidents.form.officerSelf', { name: selfName })}</p>
          ) : (
            <SelectField
              id="contact-officer"
              label={t('incidents.form.officer')}
              placeholder={t('common.choose')}
              value={draft.officerId}
              onChange={(v) => set('officerId', v)}
              options={officers.map((o) => ({ value: o.id, label: o.displayName }))}
              error={issueOf(error, 'contacts.0.officerId')}
            />
          )}
          <RadioGroup
            id="contact-purpose"
            legend={t('incidents.form.purpose')}
            value={draft.purpose}
            onChange={(v) => set('purpose', v)}
            options={CONTACT_PURPOSES.map((p) => ({ value: p, label: t(`incidents.purposes.${p}`) }))}
            error={issueOf(error, 'contacts.0.purpose')}
          />
          <RadioGroup
            id="contact-involvement"
            legend={t('incidents.form.involvement')}
            value={draft.involvement}
            onChange={(v) => set('involvement', v)}
            options={INVOLVEMENTS.map((i) => ({ value: i, label: t(`incidents.involvements.${i}`) }))}
            error={issueOf(error, 'contacts.0.involvement')}
          />
          <details className="margin-y-2">
            <summary>{t('incidents.form.times')}</summary>
            <NativeField
              id="contact-reportedAt"
              type="datetime-local"
              label={t('incidents.form.reportedAt')}
              hint={t('incidents.form.reportedAtHint')}
              isOptional
              value={draft.reportedAt}
              onChange={(v) => set('reportedAt', v)}
              error={issueOf(error, 'contacts.0.reportedAt')}
            />
            <NativeField
              id="contact-arrivedAt"
              type="datetime-local"
              label={t('incidents.form.arrivedAt')}
              hint={t('incidents.form.arrivedAtHint')}
              isOptional
              value={draft.arrivedAt}
              onChange={(v) => set('arrivedAt', v)}
              error={issueOf(error, 'contacts.0.arrivedAt')}
            />
          </details>
        </>
      )}
    </section>
  );
}
