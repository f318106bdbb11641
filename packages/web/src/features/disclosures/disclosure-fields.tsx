import { Fieldset, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_BASIS, LEGAL_BASES, LEGAL_BASIS_KEYS, type LegalBasisKey } from '@forefront/contract';
import { FieldError, TextField } from '../../components/form-fields';
import { RadioGroup } from '../incidents/choice-fields';

/** What a FERPA 99.32 disclosure records: recipient, purpose, legal basis and, in an emergency, the threat. */
export type DisclosureValue = { party: string; purpose: string; legalBasis: LegalBasisKey | ''; threat: string };
export type DisclosureErrors = Partial<Record<'party' | 'purpose' | 'legalBasis' | 'emergencyThreat', string>>;
export type DisclosureBody = { party: string; purpose: string; legalBasis: LegalBasisKey; emergencyThreat?: string };

export const EMPTY_DISCLOSURE: DisclosureValue = { party: '', purpose: '', legalBasis: '', threat: '' };

/**
 * Checks a disclosure before it is sent; an empty object means it may go. `errorWords` names an
 * i18n object with required, legalBasis and threat.
 */
export function validateDisclosure(
  v: DisclosureValue,
  t: (key: string) => string,
  errorWords: string,
): DisclosureErrors {
  const next: DisclosureErrors = {};
  const required = t(`${errorWords}.required`);
  if (!v.party.trim()) next.party = required;
  if (!v.purpose.trim()) next.purpose = required;
  if (v.legalBasis === '') next.legalBasis = t(`${errorWords}.legalBasis`);
  if (v.legalBasis === EMERGENCY_BASIS && !v.threat.trim()) next.emergencyThreat = t(`${errorWords}.threat`);
  return next;
}

/** The body the server takes, trimmed; call only once validateDisclosure found nothing. */
export function disclosureBody(v: DisclosureValue): DisclosureBody {
  return {
    party: v.party.trim(),
    purpose: v.purpose.trim(),
    legalBasis: v.legalBasis as LegalBasisKey,
    ...(v.legalBasis === EMERGENCY_BASIS && { emergencyThreat: v.threat.trim() }),
  };
}

/**
 * The disclosure's fields, shared by the exports page and the threat assessment case's records
 * request: the legal bases are offered with their plain-language labels in the reader's language.
 * `words` names an i18n object with legend, intro, party, partyHint, purpose, purposeHint,
 * legalBasis, threat and threatHint.
 */
export function DisclosureFields({
  value,
  onChange,
  errors,
  words,
}: {
  value: DisclosureValue;
  onChange: (v: DisclosureValue) => void;
  errors: DisclosureErrors;
  words: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const set = (patch: Partial<DisclosureValue>) => onChange({ ...value, ...patch });
  return (
    <Fieldset legend={t(`${words}.legend`)} legendStyle="large">
      <p className="usa-hint">{t(`${words}.intro`)}</p>
      <TextField
        id="disclosure-party"
        label={t(`${words}.party`)}
        hint={t(`${words}.partyHint`)}
        error={errors.party}
        maxLength={200}
        value={value.party}
        onChange={(e) => set({ party: e.target.value })}
      />
      <TextField
        id="disclosure-purpose"
        label={t(`${words}.purpose`)}
        hint={t(`${words}.purposeHint`)}
        error={errors.purpose}
        maxLength={500}
        value={value.purpose}
        onChange={(e) => set({ purpose: e.target.value })}
      />
      <RadioGroup<LegalBasisKey>
        id="disclosure-basis"
        legend={t(`${words}.legalBasis`)}
        value={value.legalBasis}
        error={errors.legalBasis}
        onChange={(legalBasis) => set({ legalBasis })}
        options={LEGAL_BASIS_KEYS.map((k) => ({
          value: k,
          label: `${LEGAL_BASES[k][lang].label} (${LEGAL_BASES[k].citation})`,
          hint: LEGAL_BASES[k][lang].explanation,
        }))}
      />
      {value.legalBasis === EMERGENCY_BASIS && (
        <FormGroup error={!!errors.emergencyThreat}>
          <Label htmlFor="disclosure-threat" error={!!errors.emergencyThreat}>
            {t(`${words}.threat`)}
          </Label>
          <div className="usa-hint" id="disclosure-threat-hint">
            {t(`${words}.threatHint`)}
          </div>
          {errors.emergencyThreat && <FieldError id="disclosure-threat-error">{errors.emergencyThreat}</FieldError>}
          <Textarea
            id="disclosure-threat"
            name="disclosure-threat"
            required
            maxLength={1000}
            aria-describedby={`disclosure-threat-hint${errors.emergencyThreat ? ' disclosure-threat-error' : ''}`}
            aria-invalid={errors.emergencyThreat ? true : undefined}
            value={value.threat}
            onChange={(e) => set({ threat: e.target.value })}
          />
        </FormGroup>
      )}
    </Fieldset>
  );
}
