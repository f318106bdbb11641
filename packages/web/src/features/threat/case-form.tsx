import { type FormEvent, type ReactNode, useRef } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { issueOf } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError, useFocusFirstError } from '../../components/form-fields';

/**
 * One step's form: the refusal (translated from its code, params naming what is missing) above the
 * fields, focus on the first invalid field, and a submit button. The case is read again on success.
 */
export function StepForm({
  label,
  mutation,
  onSubmit,
  submit,
  fields,
  disabled,
  details,
  children,
}: {
  label: string;
  mutation: Pick<UseMutationResult<unknown, Error, never>, 'error' | 'isError' | 'isPending'>;
  onSubmit: () => void;
  submit: string;
  /** Field paths the form shows next to their input (the alert lists the others). */
  fields: string[];
  disabled?: boolean;
  /** What the refusal names (missing roles, steps, referrals), under its alert. */
  details?: ReactNode;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, mutation.error);
  const handle = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form
      ref={form}
      className="usa-form usa-form--large site-no-print threat-step-form"
      aria-label={label}
      onSubmit={handle}
    >
      {mutation.isError && <ApiErrorAlert error={mutation.error} shownFields={fields} />}
      {mutation.isError && details}
      {children}
      <Button type="submit" disabled={disabled || mutation.isPending}>
        {submit}
      </Button>
    </form>
  );
}

/** A required (or optional) textarea with the same label, hint and error wiring as the other fields. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
  isOptional,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  maxLength: number;
  isOptional?: boolean;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <FormGroup error={!!error}>
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
      <Textarea
        id={id}
        name={id}
        required={!isOptional}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}

/** A datetime-local input (the API turns it into an instant with the reader's offset). */
export function DateTimeField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={id} error={!!error}>
        {label}
      </Label>
      {hint && (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      <input
        id={id}
        name={id}
        type="datetime-local"
        className={`usa-input${error ? ' usa-input--error' : ''}`}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
      />
    </FormGroup>
  );
}

export { issueOf };
