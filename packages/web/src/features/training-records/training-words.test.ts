import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { TRAINING_IMPORT_CODES, TRAINING_IMPORT_COLUMNS, TRAINING_RECORD_STATUSES } from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';

/**
 * Every reason the transcript import gives for a refused row, every record status and every
 * documented column is said in both languages, with each parameter the server sends filled in.
 */
describe('training record words', () => {
  it('has a sentence for every import code, status and column in English and Spanish, and they differ', () => {
    const pairs = [
      ...TRAINING_IMPORT_CODES.map((c) => [en.trainingRecords.importCodes, es.trainingRecords.importCodes, c] as const),
      ...TRAINING_RECORD_STATUSES.map((s) => [en.trainingRecords.status, es.trainingRecords.status, s] as const),
      ...TRAINING_IMPORT_COLUMNS.map(
        (c) => [en.trainingRecords.import.columns, es.trainingRecords.import.columns, c] as const,
      ),
    ];
    const missing = pairs.flatMap(([a, b, key]) => {
      const x = (a as Record<string, string>)[key];
      const y = (b as Record<string, string>)[key];
      return !x || !y || x === y ? [key] : [];
    });
    expect(missing).toEqual([]);
  });

  it('fills a row problem from its params, leaving no placeholder behind', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'es',
      showSupportNotice: false,
      resources: { en: { translation: en }, es: { translation: es } },
      interpolation: { escapeValue: false },
    });
    const text = i18n.t('trainingRecords.importCodes.unknown_officer', { agency: 'County Sheriff', badge: 'S-77' });
    expect(text).toBe('No hay ningún agente de County Sheriff con la placa S-77 en la lista del distrito.');
    expect(i18n.t('trainingRecords.import.rejectedDry', { count: 1 })).toMatch(/^Se encontró 1 problema\./);
  });
});
