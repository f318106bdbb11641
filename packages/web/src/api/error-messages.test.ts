import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import {
  CONFLICT_REASONS,
  CUSTOM_RULES,
  CreateSchoolInputSchema,
  ERROR_CODES,
  IMPORT_ROW_CODES,
  InviteUserInputSchema,
  RULE_ISSUE_CODES,
  ZOD_ISSUE_CODES,
} from '@forefront/contract';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import { ApiError } from './client';
import {
  CLIENT_ERROR_CODES,
  type IssueLike,
  type Translate,
  errorMessage,
  importRowMessage,
  issueMessage,
} from './error-messages';
import { validateInput } from './validate';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'es',
  fallbackLng: false,
  resources: { en: { translation: en }, es: { translation: es } },
  interpolation: { escapeValue: false },
});
const tIn =
  (lng: 'en' | 'es'): Translate =>
  (key, options) =>
    i18n.t(key, { ...options, lng });
const tEs = tIn('es');
const tEn = tIn('en');

/** Words of zod's and the server's English that must never reach a Spanish page. */
const ENGLISH =
  /\b(expected|invalid|too small|too big|required|must|should|received|characters|string|number|not valid|choose|enter|the|is|this)\b/i;

/** A sample issue for every zod code, with the params the server sends for it. */
const ZOD_SAMPLES: IssueLike[] = [
  { path: 'name', code: 'too_small', params: { minimum: 2, origin: 'string', inclusive: true } },
  { path: 'name', code: 'too_small', params: { minimum: 1, origin: 'string' } },
  { path: 'n', code: 'too_small', params: { minimum: 5, origin: 'number', inclusive: true } },
  { path: 'n', code: 'too_small', params: { minimum: 0, origin: 'number', inclusive: false } },
  { path: 'ids', code: 'too_small', params: { minimum: 1, origin: 'array' } },
  { path: 'ids', code: 'too_small', params: { minimum: 3, origin: 'array' } },
  { path: 'name', code: 'too_big', params: { maximum: 200, origin: 'string' } },
  { path: 'n', code: 'too_big', params: { maximum: 30, origin: 'number', inclusive: true } },
  { path: 'ids', code: 'too_big', params: { maximum: 500, origin: 'array' } },
  { path: 'n', code: 'invalid_type', params: { expected: 'number' } },
  { path: 'name', code: 'invalid_type', params: { expected: 'string' } },
  { path: 'ok', code: 'invalid_type', params: { expected: 'boolean' } },
  { path: 'email', code: 'invalid_format', params: { format: 'email' } },
  { path: 'day', code: 'invalid_format', params: { format: 'date' } },
  { path: 'at', code: 'invalid_format', params: { format: 'datetime' } },
  { path: 'ncesLeaId', code: 'invalid_format', params: { format: 'regex', pattern: '/^\\d{7}$/' } },
  { path: 'x', code: 'invalid_format', params: { format: 'regex', pattern: '/^\\d{2}-\\d{2}$/' } },
  { path: 'x', code: 'invalid_format', params: { format: 'regex', pattern: '/^zz$/' } },
  { path: 'n', code: 'not_multiple_of', params: { divisor: 5 } },
  { path: '', code: 'unrecognized_keys', params: { keys: ['extra'] } },
  { path: 'a', code: 'invalid_union' },
  { path: 'a', code: 'invalid_key' },
  { path: 'a', code: 'invalid_element' },
  { path: 'role', code: 'invalid_value', params: { values: ['sro', 'auditor'] } },
  { path: 'confirm', code: 'invalid_value', params: { values: ['true'] } },
  { path: 'a', code: 'custom' },
  ...CUSTOM_RULES.map((rule) => ({ path: 'a', code: 'custom', params: { rule } })),
  { path: 'a', code: 'a_code_from_a_newer_server' },
  { path: 'a' },
];
const RULE_SAMPLES: IssueLike[] = RULE_ISSUE_CODES.map((code) => ({
  path: 'a',
  code,
  params: { minimum: 8, maximum: 24, value: 'C90' },
}));

describe('every code has a message in English and Spanish', () => {
  const has = (tree: unknown, key: string) =>
    key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], tree);

  it('each error code, conflict reason, rule issue code and contract rule', () => {
    const keys = [
      ...[...ERROR_CODES, ...CLIENT_ERROR_CODES].map((c) => `validation.errors.${c}`),
      ...CONFLICT_REASONS.map((r) => `validation.conflicts.${r}`),
      ...RULE_ISSUE_CODES.filter((c) => c !== 'not_accepted').map((c) => `validation.issues.${c}`),
      ...CUSTOM_RULES.map((r) => `validation.rules.${r}`),
      ...IMPORT_ROW_CODES.map((c) => `validation.importRows.${c}`),
    ];
    expect(keys.length).toBeGreaterThan(80);
    const missing = keys.flatMap((k) =>
      Object.entries({ en, es }).flatMap(([lang, tree]) => (typeof has(tree, k) === 'string' ? [] : [`${lang}: ${k}`])),
    );
    expect(missing).toEqual([]);
  });

  it('each zod issue code is handled (one sample each at least)', () => {
    const sampled = new Set(ZOD_SAMPLES.map((s) => s.code));
    expect(ZOD_ISSUE_CODES.filter((c) => !sampled.has(c))).toEqual([]);
  });
});

describe('issueMessage', () => {
  it('says every issue in Spanish, with its bound, and with no English word', () => {
    for (const issue of [...ZOD_SAMPLES, ...RULE_SAMPLES]) {
      const message = issueMessage(issue, tEs);
      expect(message, JSON.stringify(issue)).not.toMatch(ENGLISH);
      expect(message, JSON.stringify(issue)).not.toMatch(/validation\.|{{/); // a key or placeholder left over
      expect(message.length).toBeGreaterThan(5);
    }
  });

  it('says the same issues in English, differently from Spanish', () => {
    for (const issue of [...ZOD_SAMPLES, ...RULE_SAMPLES]) {
      const english = issueMessage(issue, tEn);
      expect(english).not.toMatch(/validation\.|{{|Too small|Invalid input/);
      expect(english).not.toBe(issueMessage(issue, tEs));
    }
  });

  it('puts the params in the message', () => {
    const short = { path: 'name', code: 'too_small', params: { minimum: 2, origin: 'string' } };
    expect(issueMessage(short, tEs)).toBe('Use al menos 2 caracteres.');
    expect(issueMessage(short, tEn)).toBe('Use at least 2 characters.');
    expect(issueMessage({ path: 'n', code: 'too_big', params: { maximum: 30, origin: 'number' } }, tEs)).toBe(
      'Escriba 30 o menos.',
    );
    expect(issueMessage({ path: 'password', code: 'password_too_short', params: { minimum: 15 } }, tEs)).toBe(
      'Use al menos 15 caracteres.',
    );
    expect(
      issueMessage({ path: 'x', code: 'invalid_format', params: { format: 'regex', pattern: '/^\\d{12}$/' } }, tEs),
    ).toBe('Escriba el identificador NCES de la escuela, de 12 dígitos.');
    expect(issueMessage({ path: 'gradeHigh', code: 'custom', params: { rule: 'gradeOrder' } }, tEs)).toBe(
      'El grado más bajo no puede ser superior al más alto.',
    );
  });
});

describe('errorMessage', () => {
  it('says every error code and conflict reason in Spanish, with no English word', () => {
    const messages = [
      ...[...ERROR_CODES, ...CLIENT_ERROR_CODES].map((c) => errorMessage(c, tEs)),
      ...CONFLICT_REASONS.map((reason) =>
        errorMessage('conflict', tEs, { reason, value: '510000100001', version: 2, latest: 3 }),
      ),
    ];
    for (const m of messages) {
      expect(m).not.toMatch(ENGLISH);
      expect(m).not.toMatch(/validation\.|{{/);
    }
    expect(errorMessage('conflict', tEs, { reason: 'school_exists', value: '510000100001' })).toBe(
      'Ya existe una escuela con el identificador NCES 510000100001.',
    );
    expect(errorMessage('conflict', tEn, { reason: 'email_taken' })).toBe(
      'Someone with this email address already has an account.',
    );
    // An unknown code still reads as a sentence in the reader's language.
    expect(errorMessage('brand_new_code', tEs)).toBe(es.errors.unexpected);
  });
});

describe('ApiError', () => {
  it("translates the server's issues by code and never shows the server's English message", () => {
    const error = new ApiError(400, {
      code: 'invalid_request',
      message: 'Some fields are not valid',
      issues: [
        {
          path: 'body.name',
          message: 'Too small: expected string to have >=2 characters',
          code: 'too_small',
          params: { minimum: 2, origin: 'string' },
        },
        { path: 'schoolIds', message: 'Unknown school', code: 'unknown_school' },
        { path: 'body.other', message: 'Something in English' },
      ],
    });
    expect(error.issueFor('name', tEs)).toBe('Use al menos 2 caracteres.');
    expect(error.issueFor('schoolIds', tEs)).toBe('Esta escuela no es del distrito.');
    expect(error.issueFor('other', tEs)).toBe(es.validation.notAccepted);
    expect(error.issueFor('missing', tEs)).toBeUndefined();
    expect(error.describe(tEs)).toBe(es.validation.errors.invalid_request);
  });

  it("a form's own check gives the same codes the server would, translated", () => {
    const school = validateInput(
      CreateSchoolInputSchema,
      { ncesSchoolId: '12', name: '', gradeLow: '', gradeHigh: 'KG', enrollment: Number.NaN },
      tEs,
    );
    expect(school?.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['invalid_format', 'too_small', 'invalid_value', 'invalid_type']),
    );
    expect(school?.issueFor('ncesSchoolId', tEs)).toBe(es.validation.ncesSchoolId);
    expect(school?.issueFor('name', tEs)).toBe('Use al menos 2 caracteres.');
    const invite = validateInput(
      InviteUserInputSchema,
      { email: 'nope', displayName: 'A', role: 'sro', schoolIds: [] },
      tEs,
    );
    expect(invite?.issueFor('email', tEs)).toBe(es.validation.email);
    expect(invite?.issueFor('schoolIds', tEs)).toBe(es.validation.rules.schoolsForRole);
  });
});

describe('importRowMessage', () => {
  it('says why each refused import row was refused, in Spanish, with its value', () => {
    const params = { value: 'robot', row: 3, count: 19, expected: 18, maximum: 100 };
    for (const code of IMPORT_ROW_CODES) {
      const message = importRowMessage({ code, params }, tEs);
      expect(message, code).not.toMatch(/validation\.|{{/);
      expect(message, code).not.toBe(importRowMessage({ code, params }, tEn));
    }
    expect(importRowMessage({ code: 'not_grade', params: { value: '13' } }, tEs)).toBe(
      '"13" no es un grado que Forefront registre; use PK, KG o de 01 a 12.',
    );
    // A row without a code (an older server) still reads in the reader's language.
    expect(importRowMessage({}, tEs)).toBe(es.validation.notAccepted);
  });
});
