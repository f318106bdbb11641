import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_KEYS,
  BEHAVIOR_LABELS,
  CLAUSE_TITLES,
  CONTACT_PURPOSE_LABELS,
  CONTACT_PURPOSES,
  FLAG_KIND_LABELS,
  LANGS,
  LOCATION_LABELS,
  LOCATIONS,
  SRO_ACTION_LABELS,
  SRO_ACTIONS,
  clauseTitleFor,
  pickLang,
} from './index.js';
import { CLAUSE_KEYS } from './mou-rules.js';
import { FLAG_KINDS } from './role-clarity.js';

const tables = {
  behaviors: [BEHAVIOR_KEYS, BEHAVIOR_LABELS],
  actions: [SRO_ACTIONS, SRO_ACTION_LABELS],
  purposes: [CONTACT_PURPOSES, CONTACT_PURPOSE_LABELS],
  locations: [LOCATIONS, LOCATION_LABELS],
  flags: [FLAG_KINDS, FLAG_KIND_LABELS],
  clauses: [CLAUSE_KEYS, CLAUSE_TITLES],
} as const;

describe('taxonomy labels', () => {
  it('names every code of every list in English and in Spanish, and no code is left as its key', () => {
    const problems: string[] = [];
    for (const [name, [codes, labels]] of Object.entries(tables)) {
      const table = labels as Record<string, { en: string; es: string }>;
      expect(Object.keys(table).sort(), name).toEqual([...codes].sort());
      for (const code of codes)
        for (const lang of LANGS) {
          const word = table[code]?.[lang]?.trim() ?? '';
          if (word === '' || word === code || /_/.test(word)) problems.push(`${name}.${code}.${lang}: "${word}"`);
        }
    }
    expect(problems).toEqual([]);
  });

  it('has Spanish words, not English copies, except where both languages spell it alike', () => {
    const same = Object.values(tables).flatMap(([codes, labels]) =>
      codes
        .map((c) => (labels as Record<string, { en: string; es: string }>)[c]!)
        .filter((l) => l.en === l.es)
        .map((l) => l.en),
    );
    expect(same.sort()).toEqual(['Alcohol']);
  });

  it('names the behavior the issue found apart as the app does', () => {
    expect(BEHAVIOR_LABELS.classroom_disruption).toEqual({ en: 'Disrupting class', es: 'Interrumpir la clase' });
  });

  it('reads the reader’s language from a lang value or an Accept-Language header, English otherwise', () => {
    expect(pickLang('es')).toBe('es');
    expect(pickLang(undefined, 'es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(pickLang(undefined, 'fr-FR, en-US;q=0.5')).toBe('en');
    expect(pickLang('en', 'es')).toBe('en');
    expect(pickLang(null, undefined)).toBe('en');
  });

  it('cites a clause by its library title in the reader’s language, or by the district’s own title as signed', () => {
    expect(clauseTitleFor('discipline_separation', 'Separating school discipline from criminal matters', 'es')).toBe(
      'Separación entre disciplina escolar y asuntos penales',
    );
    // A title from an earlier library is still the library's.
    expect(clauseTitleFor('selection_criteria', 'SRO selection criteria', 'es')).toBe(
      'Criterios de selección de oficiales',
    );
    expect(clauseTitleFor('purpose', 'Propósito', 'en')).toBe('Purpose');
    expect(clauseTitleFor('purpose', 'Why Riverbend has officers', 'es')).toBe('Why Riverbend has officers');
    expect(clauseTitleFor('purpose', null, 'es')).toBe('Propósito');
  });
});
