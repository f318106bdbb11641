import { describe, expect, it } from 'vitest';
import {
  AUDIT_EVENT_KINDS,
  DISABILITY_GROUPS,
  ENGLISH_LEARNER_GROUPS,
  RESPONSE_BUCKETS,
  ROLES,
  STUDENT_DIMENSIONS,
  SUPPORT_PROFESSIONS,
} from '@forefront/contract';
import { CPI_MEASURES, OVERVIEW_MEASURES, STAFF } from '../features/transparency/benchmarks';
import { HIGHLIGHTS, SECTION_DEFS, sectionTextKeys } from '../features/transparency/section-defs';
import en from './en.json';
import es from './es.json';

type Tree = { [key: string]: string | Tree };

/** "a.b.c" -> value, for every leaf. Non-string leaves are reported as empty. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, '');
  }
  return out;
}

const languages = { en: flatten(en), es: flatten(es) };

// Every component and module, as source text. Vite's glob works under vitest, so no Node file
// APIs are needed.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Keys passed as a string literal to t(...), the only form we can check statically. */
function usedKeys(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const call = /(?<![\w.$])t\(\s*(['"])([^'"`]+)\1/g;
  for (const [file, text] of Object.entries(sources)) {
    for (const match of text.matchAll(call)) {
      const key = match[2]!;
      used.set(key, [...(used.get(key) ?? []), file]);
    }
  }
  return used;
}

describe('translations', () => {
  it('has the same keys in English and Spanish, none of them empty', () => {
    const problems: string[] = [];
    for (const [lang, keys] of Object.entries(languages)) {
      for (const [other, otherKeys] of Object.entries(languages)) {
        if (other === lang) continue;
        for (const key of keys.keys())
          if (!otherKeys.has(key)) problems.push(`${key}: in ${lang}, missing in ${other}`);
      }
      for (const [key, value] of keys) if (value.trim() === '') problems.push(`${key}: empty in ${lang}`);
    }
    expect(problems).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const problems: string[] = [];
    for (const [key, value] of languages.en) {
      const other = languages.es.get(key);
      if (other !== undefined && placeholders(value).join() !== placeholders(other).join()) problems.push(key);
    }
    expect(problems).toEqual([]);
  });

  it('defines every key a component passes to t()', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50); // the scan found the components
    const problems: string[] = [];
    for (const [key, files] of used) {
      for (const [lang, keys] of Object.entries(languages)) {
        // A key called with a count may be plural forms (`key_one`, `key_other`): i18next picks one.
        if (!keys.has(key) && !keys.has(`${key}_other`))
          problems.push(`${key} (used in ${files[0]}): missing in ${lang}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('labels every role, profession and audit event kind in the contract', () => {
    // These keys are built at run time (t(`roles.${role}`)), so the scan above cannot see them.
    const dynamic = [
      ...ROLES.map((r) => `roles.${r}`),
      ...SUPPORT_PROFESSIONS.map((p) => `professions.${p}`),
      ...AUDIT_EVENT_KINDS.map((k) => `audit.kinds.${k}`),
      'grades.PK',
      'grades.KG',
    ];
    const problems = Object.entries(languages).flatMap(([lang, keys]) =>
      dynamic.filter((k) => !keys.has(k)).map((k) => `${k}: missing in ${lang}`),
    );
    expect(problems).toEqual([]);
  });

  it('has the words of every transparency section, breakdown and benchmark measure', () => {
    // Built at run time from the section list and the contract's groups, like the keys above.
    const dynamic = [
      ...SECTION_DEFS.flatMap(sectionTextKeys),
      ...HIGHLIGHTS.map(([key]) => `transparency.highlights.${key}`),
      ...STUDENT_DIMENSIONS.map((d) => `transparency.dimensions.${d}`),
      ...DISABILITY_GROUPS.map((g) => `transparency.groups.disability.${g}`),
      ...ENGLISH_LEARNER_GROUPS.map((g) => `transparency.groups.englishLearner.${g}`),
      ...RESPONSE_BUCKETS.map((b) => `transparency.responseBuckets.${b}`),
      // The student tables' columns, fixed by the contract.
      ...['enrolled', 'students', 'per1000', 'risk_ratio', 'composition_index'].map((c) => `transparency.columns.${c}`),
      ...OVERVIEW_MEASURES.map((m) => `benchmarks.measures.${m}`),
      ...CPI_MEASURES.map((m) => `benchmarks.cpi.measures.${m}`),
      ...STAFF.map((s) => `benchmarks.staff.${s}`),
      ...['referrals', 'arrests'].flatMap((o) => [`benchmarks.race.${o}Heading`, `benchmarks.race.${o}Caption`]),
    ];
    const problems = Object.entries(languages).flatMap(([lang, keys]) =>
      dynamic.filter((k) => !keys.has(k)).map((k) => `${k}: missing in ${lang}`),
    );
    expect(problems).toEqual([]);
  });
});
