import { type FormEvent, useRef, useState } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import {
  type CredentialTypeView,
  type ExplainLanguage,
  GATE_MODES,
  type GateMode,
  type TrainingPreset,
  type TrainingPresetList,
  type TrainingStandardView,
  explainStandard,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { RadioGroup } from '../incidents/choice-fields';
import { useCan, useOwnDistrict } from '../staff/me-context';
import { type RuleDraft, credentialNamer, freeKey, newDraft, toDraft, toRule } from './rule-draft';
import { RuleEditor } from './rule-editor';
import { useCredentialTypes, useSaveStandard, useTrainingPresets, useTrainingStandard } from './training-standard.api';

/** /app/training/standard: the standard in plain words; for those who may, a preset picker and the rule editor. */
export function TrainingStandardPage() {
  const { t } = useTranslation();
  const districtId = useOwnDistrict()!.id;
  const standard = useTrainingStandard(districtId);
  const types = useCredentialTypes(districtId);
  const canEdit = useCan()('training.standard');
  // Here, not in the editor: a save remounts the editor with the saved rules, and the success stays shown.
  const save = useSaveStandard(districtId);
  return (
    <section className="usa-section">
      <PageTitle>{t('trainingStandard.title')}</PageTitle>
      <p className="usa-intro">{t('trainingStandard.intro')}</p>
      <QueryView query={standard}>
        {(s) => (
          <QueryView query={types}>
            {(ct) => (
              <>
                <CurrentStandard standard={s} types={ct.items} />
                {canEdit ? (
                  <StandardEditor
                    key={JSON.stringify(s)}
                    districtId={districtId}
                    saved={s}
                    types={ct.items}
                    save={save}
                  />
                ) : (
                  <p>{t('trainingStandard.readOnly')}</p>
                )}
              </>
            )}
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}

const langOf = (language: string): ExplainLanguage => (language.startsWith('es') ? 'es' : 'en');

function CurrentStandard({
  standard,
  types,
}: {
  standard: TrainingStandardView;
  types: readonly CredentialTypeView[];
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <>
      <h2>{t('trainingStandard.currentHeading')}</h2>
      {!standard.saved && <p>{t('trainingStandard.notSaved')}</p>}
      <p className="text-base-dark">
        {t('trainingStandard.startedFrom', { preset: t(`trainingStandard.presets.${standard.preset}`) })}
      </p>
      <ul className="usa-list" data-testid="current-standard">
        {explainStandard(standard, lang, credentialNamer(types, lang)).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </>
  );
}

function PresetPicker({
  presets,
  types,
  onUse,
}: {
  presets: TrainingPresetList;
  types: readonly CredentialTypeView[];
  onUse: (preset: TrainingPreset) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [chosen, setChosen] = useState<TrainingPreset | ''>('');
  const name = credentialNamer(types, lang);
  return (
    <>
      <h2>{t('trainingStandard.presetHeading')}</h2>
      <p>{t('trainingStandard.presetIntro')}</p>
      <RadioGroup<TrainingPreset>
        id="preset"
        legend={t('trainingStandard.presetLegend')}
        value={chosen}
        tile
        onChange={setChosen}
        options={presets.items.map((p) => ({
          value: p.preset,
          label: t(`trainingStandard.presets.${p.preset}`),
          hint: t(`trainingStandard.presetHelp.${p.preset}`),
        }))}
      />
      {chosen !== '' && (
        <ul className="usa-list" aria-label={t(`trainingStandard.presets.${chosen}`)}>
          {explainStandard(
            { preset: chosen, gateMode: 'off', rules: presets.items.find((p) => p.preset === chosen)!.rules },
            lang,
            name,
          )
            .slice(0, -1)
            .map((s) => (
              <li key={s}>{s}</li>
            ))}
        </ul>
      )}
      <Button type="button" disabled={chosen === ''} onClick={() => chosen !== '' && onUse(chosen)}>
        {t('trainingStandard.usePreset')}
      </Button>
    </>
  );
}

function StandardEditor({
  districtId,
  saved,
  types,
  save,
}: {
  districtId: string;
  saved: TrainingStandardView;
  types: readonly CredentialTypeView[];
  save: ReturnType<typeof useSaveStandard>;
}) {
  const { t } = useTranslation();
  const presets = useTrainingPresets(districtId);
  const form = useRef<HTMLFormElement>(null);
  const [preset, setPreset] = useState(saved.preset);
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => saved.rules.map(toDraft));
  const [gateMode, setGateMode] = useState<GateMode>(saved.gateMode);
  const [loaded, setLoaded] = useState<TrainingPreset | null>(null);
  useFocusFirstError(form, save.error);

  const applyPreset = (p: TrainingPreset) => {
    setPreset(p);
    setDrafts(presets.data!.items.find((x) => x.preset === p)!.rules.map(toDraft));
    setLoaded(p);
    save.reset();
  };
  const addRule = () =>
    setDrafts((ds) => [
      ...ds,
      newDraft(
        'hours',
        freeKey(
          'hours',
          ds.map((d) => d.key),
        ),
        types[0]?.key,
      ),
    ]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLoaded(null);
    save.mutate({ preset, gateMode, rules: drafts.map(toRule) });
  };

  return (
    <>
      <QueryView query={presets}>{(p) => <PresetPicker presets={p} types={types} onUse={applyPreset} />}</QueryView>
      {loaded && (
        <Alert type="info" slim live>
          {t('trainingStandard.presetLoaded', { preset: t(`trainingStandard.presets.${loaded}`) })}
        </Alert>
      )}
      <h2>{t('trainingStandard.editorHeading')}</h2>
      <p>{t('trainingStandard.editorIntro')}</p>
      <Form ref={form} onSubmit={submit} large noValidate aria-label={t('trainingStandard.editorHeading')}>
        {drafts.length === 0 && <p>{t('trainingStandard.noRules')}</p>}
        {drafts.map((d, i) => (
          <RuleEditor
            key={`${d.key}-${i}`}
            index={i}
            draft={d}
            credentialTypes={types}
            onChange={(next) => setDrafts((ds) => ds.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}
          />
        ))}
        <Button type="button" outline className="margin-top-2" onClick={addRule}>
          {t('trainingStandard.addRule')}
        </Button>
        <RadioGroup<GateMode>
          id="gate-mode"
          legend={t('trainingStandard.gateLegend')}
          value={gateMode}
          onChange={setGateMode}
          options={GATE_MODES.map((g) => ({
            value: g,
            label: t(`trainingStandard.gate.${g}`),
            hint: t(`trainingStandard.gateHelp.${g}`),
          }))}
        />
        {save.isError && <ApiErrorAlert error={save.error} heading={t('trainingStandard.saveError')} />}
        {save.isSuccess && (
          <Alert type="success" slim live>
            {t('trainingStandard.saved')}
          </Alert>
        )}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('trainingStandard.save')}
        </Button>
      </Form>
    </>
  );
}
