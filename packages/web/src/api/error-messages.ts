import {
  type ConflictReason,
  type ErrorCode,
  type IssueParams,
  CONFLICT_REASONS,
  ERROR_CODES,
  IMPORT_ROW_CODES,
} from '@forefront/contract';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One field-level problem as the server (or a form's own check) describes it. */
export interface IssueLike {
  path: string;
  code?: string;
  params?: IssueParams;
}

/** Codes the web app makes up itself, when no answer in the server's error shape arrived. */
export const CLIENT_ERROR_CODES = ['network_error', 'invalid_response', 'client_validation', 'http_error'] as const;

/** The contract's patterns (regex source, as zod reports it), by the message that explains them. */
const PATTERNS: Record<string, string> = {
  '/^\\d{7}$/': 'validation.ncesLeaId',
  '/^\\d{12}$/': 'validation.ncesSchoolId',
  '/^[A-Z]{2}$/': 'validation.state',
  '/^(\\d{6}|[a-z0-9]{4}-[a-z0-9]{4})$/i': 'validation.mfaCode',
  '/^\\d{6}$/': 'validation.signingCode',
  '/^\\d{4}-(0[1-9]|1[0-2])$/': 'validation.month',
  '/^\\d{4}-\\d{2}$/': 'validation.schoolYear',
  '/^\\d{2}-\\d{2}$/': 'validation.monthDay',
  '/^[0-9a-f]{64}$/': 'validation.fingerprint',
};
/** The same rules by field name, for a form that checks its input without the pattern at hand. */
const PATTERN_FIELDS: Record<string, string> = {
  ncesLeaId: 'validation.ncesLeaId',
  ncesSchoolId: 'validation.ncesSchoolId',
  state: 'validation.state',
  code: 'validation.mfaCode',
};

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/**
 * A field's problem in the reader's language, from its code and params: never zod's English
 * ("Too small: expected string to have >=1 characters") nor the server's message, which stays for
 * API clients. A code we do not know still gets a sentence in the reader's language.
 */
export function issueMessage(issue: IssueLike, t: Translate): string {
  const p = issue.params ?? {};
  const origin = p.origin;
  switch (issue.code) {
    case 'too_small': {
      const min = num(p.minimum);
      if (origin === 'number' || origin === 'int' || origin === 'bigint')
        return p.inclusive === false ? t('validation.numberAbove', { min }) : t('validation.numberMin', { min });
      if (origin === 'array' || origin === 'set')
        return min <= 1 ? t('validation.addAtLeastOne') : t('validation.chooseAtLeast', { min });
      if (origin === 'date') return t('validation.date');
      return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
    }
    case 'too_big': {
      const max = num(p.maximum);
      if (origin === 'number' || origin === 'int' || origin === 'bigint')
        return p.inclusive === false ? t('validation.numberBelow', { max }) : t('validation.numberMax', { max });
      if (origin === 'array' || origin === 'set') return t('validation.chooseAtMost', { max });
      if (origin === 'date') return t('validation.date');
      return t('validation.tooLong', { max });
    }
    case 'invalid_type':
      if (p.expected === 'number' || p.expected === 'int') return t('validation.number');
      if (p.expected === 'boolean') return t('validation.yesOrNo');
      return t('validation.required');
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values : [];
      if (values.length === 1 && values[0] === 'true') return t('validation.confirm');
      return t('validation.choose');
    }
    case 'invalid_format':
      return formatMessage(issue, t);
    case 'not_multiple_of':
      return t('validation.multipleOf', { divisor: num(p.divisor) });
    case 'unrecognized_keys':
      return t('validation.unknownFields');
    case 'custom':
      return typeof p.rule === 'string' && hasKey(t, `validation.rules.${p.rule}`)
        ? t(`validation.rules.${p.rule}`)
        : t('validation.notAccepted');
    case undefined:
      return t('validation.notAccepted');
    default:
      return hasKey(t, `validation.issues.${issue.code}`)
        ? t(`validation.issues.${issue.code}`, { ...p })
        : t('validation.notAccepted');
  }
}

function formatMessage(issue: IssueLike, t: Translate): string {
  const p = issue.params ?? {};
  switch (p.format) {
    case 'email':
      return t('validation.email');
    case 'date':
      return t('validation.date');
    case 'datetime':
      return t('validation.dateTime');
    case 'time':
      return t('validation.time');
  }
  const byPattern = typeof p.pattern === 'string' ? PATTERNS[p.pattern] : undefined;
  const field = issue.path.split('.').at(-1) ?? '';
  const key = byPattern ?? PATTERN_FIELDS[field];
  return key ? t(key) : t('validation.format');
}

/** i18next answers the key itself when it has no translation for it. */
function hasKey(t: Translate, key: string): boolean {
  return t(key) !== key;
}

/**
 * Why a row of an import was refused, in the reader's language, from its code and params; the
 * English `reason` is for the command line and API clients.
 */
export function importRowMessage(row: { code?: string; params?: IssueParams }, t: Translate): string {
  return row.code && (IMPORT_ROW_CODES as readonly string[]).includes(row.code)
    ? t(`validation.importRows.${row.code}`, { ...row.params })
    : t('validation.notAccepted');
}

/** The headline of a failed request, in the reader's language, from its code (and a conflict's reason). */
export function errorMessage(code: string, t: Translate, params: IssueParams = {}): string {
  const reason = params.reason;
  if (code === 'conflict' && typeof reason === 'string' && (CONFLICT_REASONS as readonly string[]).includes(reason))
    return t(`validation.conflicts.${reason as ConflictReason}`, { ...params });
  if ((ERROR_CODES as readonly string[]).includes(code) || (CLIENT_ERROR_CODES as readonly string[]).includes(code))
    return t(`validation.errors.${code as ErrorCode}`);
  return t('errors.unexpected');
}
