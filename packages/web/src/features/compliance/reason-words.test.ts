import { describe, expect, it } from 'vitest';
import { reasonSentence } from './reason-words';

const credentials = [
  { key: 'ymhfa', en: 'Youth Mental Health First Aid', es: 'Primeros Auxilios de Salud Mental para Jóvenes' },
];

describe('compliance reasons in words', () => {
  it("says the issue's example in English and Spanish, with the date in the reader's locale", () => {
    const reason = {
      rule: 'youth_hours',
      code: 'needs_hours' as const,
      overdue: false,
      params: { hours: 6, topics: ['de_escalation' as const], date: '2026-03-01' },
    };
    expect(reasonSentence(reason, 'en', credentials)).toBe('Needs 6 more hours of de-escalation before March 1, 2026.');
    expect(reasonSentence(reason, 'es', credentials)).toBe(
      'Necesita 6 horas más de desescalada antes del 1 de marzo de 2026.',
    );
  });

  it('names a credential by its district name, and a lapse by its date', () => {
    const reason = {
      rule: 'ymhfa',
      code: 'lapsed' as const,
      overdue: true,
      params: { credential: 'ymhfa', date: '2025-01-10' },
    };
    expect(reasonSentence(reason, 'en', credentials)).toBe(
      'Training in Youth Mental Health First Aid lapsed on January 10, 2025.',
    );
    expect(reasonSentence(reason, 'es', credentials)).toBe(
      'La capacitación en Primeros Auxilios de Salud Mental para Jóvenes caducó el 10 de enero de 2025.',
    );
  });

  it('says a school year that ended short', () => {
    const reason = {
      rule: 'ce',
      code: 'annual_short' as const,
      overdue: true,
      params: { hours: 1.5, topics: [], year: '2024-25' },
    };
    expect(reasonSentence(reason, 'en', [])).toBe('The 2024-25 school year ended 1.5 hours short.');
  });
});
