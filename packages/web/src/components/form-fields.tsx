import { useEffect, type ReactNode, type RefObject } from 'react';
import { FormGroup, Label, Select, TextInput, type TextInputProps } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** USWDS marks the exception: optional fields say so, required ones do not. */
  isOptional?: boolean;
}

/** ids for aria-describedby: the hint and the error message, when present (WCAG 3.3.1, 1.3.1). */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function FieldLabel({ id, label, hint, error, isOptional }: FieldBase) {
  const { t } = useTranslation();
  return (
    <>
      <Label htmlFor={id} error={!!error}>
        {label}
        {isOptional && <span className="text-base-dark"> {t('common.optional')}</span>}
      </Label>
      {hint && (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </>
  );
}

type TextFieldProps = FieldBase &
  Omit<TextInputProps, 'id' | 'name' | 'type'> & { name?: string; type?: TextInputProps['type'] };

export function TextField({ id, label, hint, error, isOptional, name, type = 'text', ...input }: TextFieldProps) {
  return (
    <FormGroup error={!!error}>
      <FieldLabel id={id} label={label} hint={hint} error={error} isOptional={isOptional} />
      <TextInput
        id={id}
        name={name ?? id}
        type={type}
        validationStatus={error ? 'error' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={!isOptional}
        {...input}
      />
    </FormGroup>
  );
}

/** A native date input: keyboard and screen-reader friendly everywhere, no calendar widget to load. */
export function DateField({
  id,
  label,
  hint,
  error,
  isOptional,
  value,
  onChange,
}: FieldBase & { value: string; onChange: (value: string) => void }) {
  return (
    <FormGroup error={!!error}>
      <FieldLabel id={id} label={label} hint={hint} error={error} isOptional={isOptional} />
      <input
        id={id}
        name={id}
        type="date"
        className={`usa-input${error ? ' usa-input--error' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={!isOptional}
      />
    </FormGroup>
  );
}

interface SelectFieldProps extends FieldBase {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** Shown first with an empty value, e.g. "- Select -". */
  placeholder?: string;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  isOptional,
  value,
  onChange,
  options,
  placeholder,
}: SelectFieldProps) {
  return (
    <FormGroup error={!!error}>
      <FieldLabel id={id} label={label} hint={hint} error={error} isOptional={isOptional} />
      <Select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        validationStatus={error ? 'error' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        required={!isOptional}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FormGroup>
  );
}

/**
 * The USWDS error message without react-uswds's role="alert": a form with five problems would
 * otherwise interrupt a screen reader five times. The summary alert announces the failure, focus
 * moves to the first invalid field, and each field reads its message through aria-describedby.
 */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span className="usa-error-message" id={id}>
      {children}
    </span>
  );
}

/**
 * After a failed submit, put focus on the first field the server (or we) flagged, so keyboard
 * and screen-reader users land where the fix is needed.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    // A checkbox group marks its fieldset; focus goes to its first box.
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid-group] input');
    invalid?.focus();
  }, [form, error]);
}
