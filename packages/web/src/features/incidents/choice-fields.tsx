import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/form-fields';

/** USWDS checkbox markup (react-uswds's version cannot take a describedby for a hint). */
export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
  tile,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  tile?: boolean;
}) {
  return (
    <div className="usa-checkbox">
      <input
        className={`usa-checkbox__input${tile ? ' usa-checkbox__input--tile' : ''}`}
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label className="usa-checkbox__label" htmlFor={id}>
        {label}
        {hint && (
          <span className="usa-checkbox__label-description" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  id: string;
  legend: ReactNode;
  value: T | '';
  options: { value: T; label: string; hint?: string }[];
  onChange: (value: T) => void;
  error?: string;
  tile?: boolean;
}

/** A required choice among a few: a fieldset whose legend names it, one radio per option. */
export function RadioGroup<T extends string>({
  id,
  legend,
  value,
  options,
  onChange,
  error,
  tile,
}: RadioGroupProps<T>) {
  return (
    <fieldset
      className={`usa-fieldset usa-form-group${error ? ' usa-form-group--error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      data-invalid-group={error ? true : undefined}
    >
      <legend className="usa-legend">{legend}</legend>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      {options.map((o) => (
        <div className="usa-radio" key={o.value}>
          <input
            className={`usa-radio__input${tile ? ' usa-radio__input--tile' : ''}`}
            id={`${id}-${o.value}`}
            type="radio"
            name={id}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <label className="usa-radio__label" htmlFor={`${id}-${o.value}`}>
            {o.label}
            {o.hint && <span className="usa-checkbox__label-description">{o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

interface NativeFieldProps {
  id: string;
  type: 'datetime-local' | 'month';
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  isOptional?: boolean;
  value: string;
  onChange: (value: string) => void;
}

/**
 * A native date-time or month input (react-uswds's TextInput does not allow these types): the
 * phone's own picker, keyboard and screen-reader friendly, no widget to load.
 */
export function NativeField({ id, type, label, hint, error, isOptional, value, onChange }: NativeFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
        {isOptional && <span className="text-base-dark"> {t('common.optional')}</span>}
      </label>
      {hint && (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      <input
        id={id}
        name={id}
        type={type}
        className={`usa-input${error ? ' usa-input--error' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        required={!isOptional}
      />
    </div>
  );
}
