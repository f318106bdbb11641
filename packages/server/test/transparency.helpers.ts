import { CONTACT_PURPOSES, FLAG_KINDS, RACES, RESPONSE_BUCKETS, SEXES } from '@forefront/contract';
import { seededRandom } from '../src/shared/random.js';
import type { Db } from '../src/db/database.js';
import { FORCE_KEYS } from '../src/modules/transparency/transparency.publication.js';

/**
 * Synthetic transparency counts for tests: students drawn from a seed (their demographics and
 * whether they were referred or arrested), counted into transparency_counts rows the way the
 * preamble's measures define them, independently of the server's own counting code.
 */
export interface SyntheticStudent {
  race: string;
  sex: string;
  disability: 'idea' | 'section504_only' | 'no_disability';
  el: boolean;
  referred: boolean;
  arrested: boolean;
}

export interface SchoolPlan {
  schoolId: string;
  students: number;
  referred: number;
  arrested: number;
  incidents: number;
  contacts: number;
}

export function synthStudents(
  seed: number,
  plan: Pick<SchoolPlan, 'students' | 'referred' | 'arrested'>,
): SyntheticStudent[] {
  const rnd = seededRandom(seed);
  const out: SyntheticStudent[] = Array.from({ length: plan.students }, () => ({
    race: rnd.pick(RACES.slice(0, 6).concat('WH', 'WH', 'HI', 'BL')),
    sex: rnd.next() < 0.02 ? 'X' : rnd.pick(SEXES.slice(0, 2)),
    disability: rnd.next() < 0.14 ? 'idea' : rnd.next() < 0.05 ? 'section504_only' : 'no_disability',
    el: rnd.next() < 0.1,
    referred: false,
    arrested: false,
  }));
  for (let i = 0; i < plan.referred; i++) out[i]!.referred = true;
  for (let i = 0; i < plan.arrested; i++) out[i]!.arrested = true;
  return out;
}

export type CountRow = {
  districtId: string;
  schoolYear: string;
  schoolId: string;
  measure: string;
  key: string;
  value: number;
};

export function countRows(
  districtId: string,
  schoolYear: string,
  schoolId: string,
  seed: number,
  plan: SchoolPlan,
): CountRow[] {
  const rows = new Map<string, CountRow>();
  const add = (measure: string, key: string, n = 1) => {
    const id = `${measure}|${key}`;
    const r = rows.get(id) ?? rows.set(id, { districtId, schoolYear, schoolId, measure, key, value: 0 }).get(id)!;
    r.value += n;
  };
  for (const s of synthStudents(seed, plan)) {
    const keys = [
      'all:*',
      `race:${s.race}`,
      `sex:${s.sex}`,
      `disability:${s.disability}`,
      `english_learner:${s.el ? 'english_learner' : 'not_english_learner'}`,
    ];
    for (const k of keys) {
      add('enrolled', k);
      if (s.referred) add('referred', k);
      if (s.arrested) add('arrested', k);
    }
  }
  const rnd = seededRandom(seed + 1);
  add('incidents', '*', plan.incidents);
  for (let i = 0; i < plan.incidents; i++)
    add('incident_type', rnd.pick(['fight_without_weapon', 'defiance', 'theft', 'tobacco_or_vaping']));
  for (let i = 0; i < plan.contacts; i++) {
    add('contacts', rnd.pick(CONTACT_PURPOSES));
    if (rnd.next() < 0.3) add('classroom_contacts', '*');
    if (rnd.next() < 0.8) add('response', rnd.pick(RESPONSE_BUCKETS));
    if (rnd.next() < 0.2) add('violations', rnd.pick(FLAG_KINDS));
    if (rnd.next() < 0.1) add('force', rnd.pick(FORCE_KEYS));
  }
  return [...rows.values()].filter((r) => r.value > 0);
}

export async function insertCounts(db: Db, rows: CountRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('transparencyCounts')
      .values(rows.slice(i, i + 200))
      .execute();
}
