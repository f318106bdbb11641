import { useTranslation } from 'react-i18next';
import { type Behavior, REVIEWABLE_ACTIONS, SRO_ACTIONS, type SroAction } from '@forefront/contract';
import { SelectField, TextField } from '../../components/form-fields';
import { Checkbox, NativeField } from './choice-fields';
import type { ActionDraft, IncidentDraft } from './incident-draft';

/** Actions toward a student say which behavior they address; general ones do not. */
const studentId = (id: string) => id !== '';

/** Actions that are about the situation rather than one student. */
const GENERAL_ACTIONS: readonly SroAction[] = ['observed', 'de_escalated'];

interface ActionFieldsProps {
  draft: IncidentDraft;
  onChange: (actions: ActionDraft[]) => void;
  problems: { path: string; key: string }[];
}

/** What the officer did, per student, as checkboxes; details appear only for what was checked. */
export function ActionFields({ draft, onChange, problems }: ActionFieldsProps) {
  const { t } = useTranslation();
  const groups = [
    { studentId: '', legend: t('incidents.form.actionsGeneral'), actions: GENERAL_ACTIONS },
    ...draft.students.map((s) => ({
      studentId: s.studentId,
      legend: t('incidents.form.actionsFor', { name: s.name }),
      actions: SRO_ACTIONS,
    })),
  ];
  const find = (studentId: string, action: SroAction) =>
    draft.actions.find((a) => a.studentId === studentId && a.action === action);
  const toggle = (studentId: string, action: SroAction, on: boolean) =>
    onChange(
      on
        ? [
            ...draft.actions,
            {
              action,
              studentId,
              at: '',
              emergency: false,
              emergencyReason: '',
              parentNotified: false,
              // With one behavior there is nothing to choose; with several the officer says which.
              behavior: draft.behaviors.length === 1 ? draft.behaviors[0]! : '',
            },
          ]
        : draft.actions.filter((a) => !(a.studentId === studentId && a.action === action)),
    );
  const update = (target: ActionDraft, patch: Partial<ActionDraft>) =>
    onChange(draft.actions.map((a) => (a === target ? { ...a, ...patch } : a)));

  return (
    <section aria-labelledby="actions-heading">
      <h3 id="actions-heading">{t('incidents.form.actions')}</h3>
      {draft.students.length === 0 && <p className="usa-hint">{t('incidents.form.actionsNeedStudents')}</p>}
      {groups.map((g) => (
        <fieldset key={g.studentId || 'general'} className="usa-fieldset margin-bottom-3">
          <legend className="usa-legend text-bold">{g.legend}</legend>
          {g.actions.map((action) => {
            const id = `action-${g.studentId || 'general'}-${action}`;
            const chosen = find(g.studentId, action);
            const reasonProblem =
              chosen && problems.find((p) => p.path === `action.${g.studentId}.${action}.emergencyReason`);
            return (
              <div key={action}>
                <Checkbox
                  id={id}
                  label={t(`incidents.actions.${action}`)}
                  checked={!!chosen}
                  onChange={(on) => toggle(g.studentId, action, on)}
                />
                {chosen && (
                  <div className="margin-left-4 padding-left-1 border-left-05 border-base-lighter">
                    {REVIEWABLE_ACTIONS.includes(action) && (
                      <NativeField
                        id={`${id}-at`}
                        type="datetime-local"
                        label={t('incidents.form.actionAt', { action: t(`incidents.actions.${action}`) })}
                        hint={t('incidents.form.actionAtHint')}
                        isOptional
                        value={chosen.at}
                        onChange={(v) => update(chosen, { at: v })}
                      />
                    )}
                    {draft.behaviors.length > 1 && studentId(g.studentId) && (
                      <SelectField
                        id={`${id}-behavior`}
                        label={t('referrals.form.actionBehavior')}
                        isOptional
                        placeholder={t('referrals.form.behaviorNotSaid')}
                        value={chosen.behavior}
                        onChange={(v) => update(chosen, { behavior: v as Behavior | '' })}
                        options={draft.behaviors.map((b) => ({ value: b, label: t(`incidents.behaviors.${b}`) }))}
                      />
                    )}
                    {action === 'questioned' && (
                      <Checkbox
                        id={`${id}-parent`}
                        label={t('incidents.form.parentNotified')}
                        checked={chosen.parentNotified}
                        onChange={(on) => update(chosen, { parentNotified: on })}
                      />
                    )}
                    {action !== 'observed' && (
                      <Checkbox
                        id={`${id}-emergency`}
                        label={t('incidents.form.emergency')}
                        hint={t('incidents.form.emergencyHint')}
                        checked={chosen.emergency}
                        onChange={(on) => update(chosen, { emergency: on })}
                      />
                    )}
                    {chosen.emergency && (
                      <TextField
                        id={`${id}-reason`}
                        label={t('incidents.form.emergencyReason')}
                        value={chosen.emergencyReason}
                        onChange={(e) => update(chosen, { emergencyReason: e.target.value })}
                        error={reasonProblem ? t(reasonProblem.key) : undefined}
                      />
                    )}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </section>
  );
}
