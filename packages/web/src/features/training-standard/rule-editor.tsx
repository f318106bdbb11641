import { Button, Fieldset } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { type CredentialTypeView, type ExplainLanguage, TOPIC_LABELS, TRAINING_TOPICS } from '@forefront/contract';
import { SelectField, TextField } from '../../components/form-fields';
import { Checkbox, RadioGroup } from '../incidents/choice-fields';
import { RULE_KINDS, type RuleDraft, credentialNamer, draftWords, newDraft } from './rule-draft';

/**
 * One rule of the standard, edited: its kind, hours, topics, credential, when it is due and how
 * often it is renewed, with the rule in plain words (the contract's explainRule) right under it.
 */
export function RuleEditor({
  index,
  draft,
  credentialTypes,
  onChange,
  onRemove,
}: {
  index: number;
  draft: RuleDraft;
  credentialTypes: readonly CredentialTypeView[];
  onChange: (draft: RuleDraft) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: ExplainLanguage = i18n.language.startsWith('es') ? 'es' : 'en';
  const id = `rule-${index}`;
  const n = index + 1;
  const set = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const words = draftWords(draft, lang, credentialNamer(credentialTypes, lang));
  const hasHours = draft.kind === 'hours' || draft.kind === 'annual_hours';
  const hasTopics = draft.kind !== 'credential';
  const hasDue = draft.kind !== 'annual_hours';
  return (
    <Fieldset
      legend={t('trainingStandard.ruleLegend', { n })}
      legendStyle="large"
      className="border-top border-base-lighter padding-top-2"
    >
      <SelectField
        id={`${id}-kind`}
        label={t('trainingStandard.kind')}
        value={draft.kind}
        onChange={(kind) => {
          const fresh = newDraft(kind as RuleDraft['kind'], draft.key, draft.credential);
          onChange({
            ...fresh,
            topics: kind === 'credential' ? [] : draft.topics.length ? draft.topics : fresh.topics,
          });
        }}
        options={RULE_KINDS.map((k) => ({ value: k, label: t(`trainingStandard.kinds.${k}`) }))}
      />
      {hasHours && (
        <TextField
          id={`${id}-hours`}
          label={t('trainingStandard.hours')}
          hint={t('trainingStandard.hoursHint')}
          inputMode="decimal"
          className="maxw-card"
          value={draft.hours}
          onChange={(e) => set({ hours: e.target.value })}
        />
      )}
      {hasTopics && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t('trainingStandard.topicsLegend')}</legend>
          <p className="usa-hint margin-top-0">
            {draft.kind === 'topics' ? t('trainingStandard.topicsHintTopics') : t('trainingStandard.topicsHintHours')}
          </p>
          {TRAINING_TOPICS.map((topic) => (
            <Checkbox
              key={topic}
              id={`${id}-topic-${topic}`}
              label={TOPIC_LABELS[topic][lang]}
              checked={draft.topics.includes(topic)}
              onChange={(on) =>
                set({
                  topics: on
                    ? TRAINING_TOPICS.filter((x) => x === topic || draft.topics.includes(x))
                    : draft.topics.filter((x) => x !== topic),
                })
              }
            />
          ))}
        </fieldset>
      )}
      {draft.kind === 'credential' && (
        <SelectField
          id={`${id}-credential`}
          label={t('trainingStandard.credential')}
          value={draft.credential}
          onChange={(credential) => set({ credential })}
          options={credentialTypes.map((c) => ({ value: c.key, label: lang === 'es' ? c.nameEs : c.nameEn }))}
        />
      )}
      {hasDue && (
        <>
          <RadioGroup<RuleDraft['due']>
            id={`${id}-due`}
            legend={t('trainingStandard.dueLegend')}
            value={draft.due}
            onChange={(due) => set({ due })}
            options={[
              { value: 'before_assignment', label: t('trainingStandard.dueBefore') },
              { value: 'after_assignment', label: t('trainingStandard.dueAfter') },
            ]}
          />
          {draft.due === 'after_assignment' && (
            <TextField
              id={`${id}-due-months`}
              label={t('trainingStandard.dueMonths')}
              inputMode="numeric"
              className="maxw-card"
              value={draft.dueMonths}
              onChange={(e) => set({ dueMonths: e.target.value })}
            />
          )}
          <RadioGroup<'never' | 'every'>
            id={`${id}-renew`}
            legend={t('trainingStandard.renewLegend')}
            value={draft.renews ? 'every' : 'never'}
            onChange={(v) => set({ renews: v === 'every' })}
            options={[
              { value: 'never', label: t('trainingStandard.renewNever') },
              { value: 'every', label: t('trainingStandard.renewEvery') },
            ]}
          />
          {draft.renews && (
            <TextField
              id={`${id}-renew-months`}
              label={t('trainingStandard.renewMonths')}
              inputMode="numeric"
              className="maxw-card"
              value={draft.renewMonths}
              onChange={(e) => set({ renewMonths: e.target.value })}
            />
          )}
        </>
      )}
      <div className="usa-summary-box margin-top-2" aria-live="polite">
        <p className="usa-summary-box__heading margin-0 text-bold">{t('trainingStandard.inWords')}</p>
        <p className="margin-bottom-0" data-testid={`${id}-words`}>
          {words ?? t('trainingStandard.incomplete')}
        </p>
      </div>
      <Button type="button" secondary className="margin-top-2" onClick={onRemove}>
        {t('trainingStandard.removeRule', { n })}
      </Button>
    </Fieldset>
  );
}
