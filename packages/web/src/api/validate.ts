import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';

/** The parts of a zod issue we read; keeps this module free of a direct zod import. */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  expected?: string;
  format?: string;
}
interface InputSchema {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The contract's pattern rules, by field name, in the reader's language. */
const PATTERN_MESSAGES: Record<string, (t: Translate) => string> = {
  ncesLeaId: (t) => t('validation.ncesLeaId'),
  ncesSchoolId: (t) => t('validation.ncesSchoolId'),
  state: (t) => t('validation.state'),
  code: (t) => t('validation.mfaCode'),
};

/**
 * zod's built-in messages are English and technical ("Too small: expected string to have >=1
 * characters"); say the same thing plainly in the reader's language. The contract's pattern
 * rules are translated by field; its other own messages (cross-field rules) are kept as written.
 */
function messageFor(issue: Issue, t: Translate): string {
  const isNumber = issue.origin === 'number';
  switch (issue.code) {
    case 'too_small':
      if (isNumber) return t('validation.numberMin', { min: Number(issue.minimum) });
      return Number(issue.minimum) <= 1
        ? t('validation.required')
        : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return isNumber
        ? t('validation.numberMax', { max: Number(issue.maximum) })
        : t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.number') : t('validation.required');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_format': {
      if (issue.format === 'date') return t('validation.date');
      if (issue.format === 'email') return t('validation.email');
      const field = String(issue.path[issue.path.length - 1] ?? '');
      return PATTERN_MESSAGES[field]?.(t) ?? issue.message;
    }
    default:
      return issue.message;
  }
}

/**
 * Checks a form's input against the same contract schema the server uses, before sending it.
 * The answer has the server's error shape, so forms show both kinds of problems the same way;
 * the server still checks everything (and more: uniqueness, password rules).
 */
export function validateInput(schema: InputSchema, input: unknown, t: Translate): ApiError | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return new ApiError(400, {
    code: 'client_validation',
    message: 'Some fields are not valid',
    issues: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: messageFor(i, t) })),
  });
}

/** `check` records the problems (or clears them) and says whether the input may be sent. */
export function useClientValidation() {
  const { t } = useTranslation();
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const check = useCallback(
    (schema: InputSchema, input: unknown) => {
      const problem = validateInput(schema, input, t);
      setInvalid(problem);
      return problem === null;
    },
    [t],
  );
  return { invalid, check };
}
