import { useTranslation } from 'react-i18next';
import { BEHAVIOR_KEYS, BEHAVIORS, type Behavior, type BehaviorSeriousness } from '@forefront/contract';
import { FieldError } from '../../components/form-fields';
import { Checkbox } from './choice-fields';

const GROUPS: BehaviorSeriousness[] = ['routine', 'serious'];

/**
 * Behaviors grouped the way the MOU thinks about them: routine school discipline first (what an
 * officer should normally leave to staff), then serious threats and crimes. Plain labels, no codes.
 */
export function BehaviorPicker({
  value,
  onChange,
  error,
}: {
  value: Behavior[];
  onChange: (value: Behavior[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const toggle = (b: Behavior, on: boolean) => onChange(on ? [...value, b] : value.filter((x) => x !== b));
  return (
    <div
      className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}
      data-invalid-group={error ? true : undefined}
    >
      <h3 id="behaviors-heading" className="margin-bottom-0">
        {t('incidents.form.behaviors')}
      </h3>
      <p className="usa-hint margin-top-05">{t('incidents.form.behaviorsHint')}</p>
      {error && <FieldError id="behaviors-error">{error}</FieldError>}
      <div className="grid-row grid-gap">
        {GROUPS.map((group) => (
          <fieldset
            key={group}
            className="usa-fieldset tablet:grid-col-6"
            aria-describedby={error ? 'behaviors-error' : undefined}
          >
            <legend className="usa-legend text-bold">{t(`incidents.seriousness.${group}`)}</legend>
            {BEHAVIOR_KEYS.filter((b) => BEHAVIORS[b].seriousness === group).map((b) => (
              <Checkbox
                key={b}
                id={`behavior-${b}`}
                label={t(`incidents.behaviors.${b}`)}
                checked={value.includes(b)}
                onChange={(on) => toggle(b, on)}
              />
            ))}
          </fieldset>
        ))}
      </div>
    </div>
  );
}
