import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { complianceWords } from './compliance-words';

/** Reasons read as sentences in English and Spanish, with dates, hours, topics and credential names. */
describe('complianceWords', () => {
  let i: i18n;
  const credentials = [
    { key: 'ymhfa', en: 'Youth Mental Health First Aid', es: 'Primeros Auxilios de Salud Mental para Jóvenes' },
  ];
  const say = (lang: 'en' | 'es', reason: Parameters<typeof complianceWords>[0]) =>
    complianceWords(reason, i.getFixedT(lang), lang, credentials);

  beforeAll(async () => {
    i = i18next.createInstance();
    await i.init({
      resources: { en: { translation: en }, es: { translation: es } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
  });

  it('says the hours still needed, of which topics, by when', () => {
    const reason = {
      code: 'needs_hours' as const,
      params: { hours: 6, topics: ['de_escalation' as const], date: '2027-03-01' },
    };
    expect(say('en', reason)).toBe('Needs 6 more hours of de-escalation before March 1, 2027');
    expect(say('es', reason)).toBe('Necesita 6 horas más de desescalada antes del 1 de marzo de 2027');
    const any = { code: 'needs_hours' as const, params: { hours: 1.5, topics: [] } };
    expect(say('en', any)).toBe('Needs 1.5 more hours of youth-focused training');
    expect(say('es', any)).toBe('Necesita 1,5 horas más de capacitación centrada en jóvenes');
  });

  it('names every missing topic, and a credential by its name in the reader language', () => {
    const topics = {
      code: 'needs_topics' as const,
      params: { topics: ['crisis_intervention' as const, 'cultural_competency' as const], date: '2026-12-31' },
    };
    expect(say('en', topics)).toBe(
      'Needs training in mental-health crisis intervention and cultural competency before December 31, 2026',
    );
    expect(say('es', topics)).toMatch(/^Necesita capacitación en .+ y .+ antes del 31 de diciembre de 2026$/);
    const cred = { code: 'needs_credential' as const, params: { credential: 'ymhfa', date: '2027-01-15' } };
    expect(say('en', cred)).toBe('Needs a current Youth Mental Health First Aid certificate before January 15, 2027');
    expect(say('es', cred)).toBe(
      'Necesita un certificado vigente de Primeros Auxilios de Salud Mental para Jóvenes antes del 15 de enero de 2027',
    );
    // A key the catalog does not know is shown as it is.
    expect(say('en', { code: 'needs_credential', params: { credential: 'state_cert' } })).toBe(
      'Needs a current state_cert certificate',
    );
  });

  it('says lapses, coming lapses and short school years', () => {
    expect(say('en', { code: 'lapsed', params: { credential: 'ymhfa', date: '2026-05-02' } })).toBe(
      'The Youth Mental Health First Aid certificate lapsed on May 2, 2026',
    );
    expect(say('es', { code: 'lapses', params: { date: '2027-02-10' } })).toBe(
      'Una capacitación que cuenta ahora vence el 10 de febrero de 2027',
    );
    expect(say('en', { code: 'annual_short', params: { hours: 4, topics: [], year: '2025-26' } })).toBe(
      'School year 2025-26 ended 4 hours short of continuing education',
    );
    expect(say('es', { code: 'lapsed', params: { topics: ['implicit_bias'], date: '2026-01-01' } })).toBe(
      'La capacitación en sesgo implícito venció el 1 de enero de 2026',
    );
  });
});
