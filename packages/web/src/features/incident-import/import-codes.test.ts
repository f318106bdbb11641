import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

/**
 * Every reason the incident import gives for a refused row (the server's code, with its params)
 * is a sentence in both languages: the import page shows `incidentImport.errors.<code>`.
 */
describe('incident import row codes', () => {
  it('has a message for every code in English and in Spanish, and the two differ', () => {
    const errorsEn = en.incidentImport.errors as Record<string, string>;
    const errorsEs = es.incidentImport.errors as Record<string, string>;
    const missing = IMPORT_ERROR_CODES.flatMap((code) => [
      ...(errorsEn[code] ? [] : [`${code}: en`]),
      ...(errorsEs[code] ? [] : [`${code}: es`]),
    ]);
    expect(missing).toEqual([]);
    expect(IMPORT_ERROR_CODES.filter((c) => errorsEn[c] === errorsEs[c])).toEqual([]);
  });
});
