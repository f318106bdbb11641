import { describe, expect, it } from 'vitest';
import { CLAUSE_LIBRARY, libraryText, readerClauses, templateClauses } from './mou-clauses.js';
import { CLAUSE_KEYS, MOU_TEMPLATES } from './mou-rules.js';

const names = { district: 'Riverbend Unified', agency: 'Riverbend Police Department' };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the clause library in English and Spanish', () => {
  it('has every clause in both languages, with the same placeholders', () => {
    expect(Object.keys(CLAUSE_LIBRARY).sort()).toEqual([...CLAUSE_KEYS].sort());
    for (const key of CLAUSE_KEYS) {
      const { en, es } = CLAUSE_LIBRARY[key].text;
      expect(en.length, key).toBeGreaterThan(80);
      expect(es.length, key).toBeGreaterThan(80);
      expect(es, key).not.toBe(en);
      expect(placeholders(es), key).toEqual(placeholders(en));
      // No English sentence left in the Spanish text.
      expect(es, key).not.toMatch(/\b(the|and|of|with|shall|this agreement)\b/);
      expect(es.trim()).toBe(es);
    }
  });

  it('fills each template in the chosen language, naming both parties', () => {
    for (const template of Object.keys(MOU_TEMPLATES) as (keyof typeof MOU_TEMPLATES)[]) {
      const es = templateClauses(template, names, 'es');
      expect(es.map((c) => c.key)).toEqual([...MOU_TEMPLATES[template]]);
      expect(es.every((c) => !c.text.includes('{'))).toBe(true);
    }
    const [purpose] = templateClauses('cops_minimum', names, 'es');
    expect(purpose).toMatchObject({ key: 'purpose', title: 'Propósito' });
    expect(purpose!.text).toMatch(
      /^Este acuerdo entre Riverbend Unified \(el Distrito\) y Riverbend Police Department/,
    );
    expect(templateClauses('cops_minimum', names)[0]!.title).toBe('Purpose');
  });

  it('shows a reader the library’s translation only of clauses kept as the library wrote them', () => {
    const signed = templateClauses('cops_minimum', names, 'en');
    signed[1] = { ...signed[1]!, text: 'Our own words about roles.' };
    signed[2] = { ...signed[2]!, title: 'Who sees what' };
    const shown = readerClauses(signed, 'en', 'es', names);
    expect(shown[0]).toMatchObject({
      translated: true,
      title: 'Propósito',
      text: libraryText('purpose', 'es', names),
      signedText: signed[0]!.text,
    });
    // The district's own text is shown as signed (the authoritative words), under the library title in Spanish.
    expect(shown[1]).toMatchObject({
      translated: false,
      text: 'Our own words about roles.',
      title: 'Funciones y responsabilidades centradas en la seguridad',
    });
    // A title the district wrote is its own.
    expect(shown[2]).toMatchObject({ translated: true, title: 'Who sees what' });
    // In the signed language nothing is translated and the titles are as signed.
    const same = readerClauses(signed, 'en', 'en', names);
    expect(same.every((c) => !c.translated && c.text === c.signedText && c.title === c.signedTitle)).toBe(true);
  });
});
