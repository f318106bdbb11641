import { RACES, type Race } from '@forefront/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * CRDC "referred to law enforcement" and "school-related arrest" counts per school and school
 * year (CRDC definitions, DOMAIN.md section 3):
 * - unduplicated students: a student referred three times in the year counts once per school;
 * - every arrest is also a referral (studentOutcomes marks both);
 * - by race x sex for students without disabilities (not served under IDEA, which includes the
 *   Section 504-only students) and for students with disabilities served under IDEA;
 * - Section 504 only (504 and not IDEA) by sex, and English learners by sex, reported in addition;
 * - demographics from the snapshot kept with each incident (as of the incident date). If a
 *   student's snapshot changed between two of their incidents in the year, a status counts when it
 *   held at any of the student's counted incidents (MAX over the rows), race and sex likewise.
 * - Sex X (nonbinary) students are counted in the totals and in their own `X` cells; CRDC forms
 *   that collect only M and F leave the X cells out, and the totals tell how many were left out.
 */
export type SexCell = { M: number; F: number; X: number };
export interface CrdcCounts {
  withoutDisabilities: Record<Race, SexCell>;
  idea: Record<Race, SexCell>;
  section504Only: SexCell;
  englishLearners: SexCell;
  total: number;
}
export interface CrdcSchool {
  schoolId: string;
  ncesSchoolId: string;
  name: string;
  referred: CrdcCounts;
  arrested: CrdcCounts;
}
export interface CrdcReport {
  districtId: string;
  schoolYear: string;
  schools: CrdcSchool[];
}

const sexCell = (): SexCell => ({ M: 0, F: 0, X: 0 });
const emptyCounts = (): CrdcCounts => ({
  withoutDisabilities: Object.fromEntries(RACES.map((r) => [r, sexCell()])) as Record<Race, SexCell>,
  idea: Object.fromEntries(RACES.map((r) => [r, sexCell()])) as Record<Race, SexCell>,
  section504Only: sexCell(),
  englishLearners: sexCell(),
  total: 0,
});

function count(
  c: CrdcCounts,
  s: { race: string; sex: string; idea: number; section504: number; englishLearner: number },
) {
  const sex = s.sex === 'M' || s.sex === 'F' ? s.sex : 'X';
  const race = (RACES as readonly string[]).includes(s.race) ? (s.race as Race) : null;
  if (race) (s.idea ? c.idea : c.withoutDisabilities)[race][sex] += 1;
  if (s.section504 && !s.idea) c.section504Only[sex] += 1;
  if (s.englishLearner) c.englishLearners[sex] += 1;
  c.total += 1;
}

/**
 * One GROUP BY over incident_students (indexed on district, school year, school): one row per
 * school and referred student. Only referred rows matter, since every arrest is a referral.
 */
export async function crdcCounts(db: Db, districtId: string, schoolYear: string): Promise<CrdcReport> {
  const rows = await db
    .selectFrom('incidentStudents')
    .select((eb) => [
      'schoolId',
      'studentId',
      eb.fn.max('arrested').as('arrested'),
      eb.fn.max('race').as('race'),
      eb.fn.max('sex').as('sex'),
      eb.fn.max('idea').as('idea'),
      eb.fn.max('section504').as('section504'),
      eb.fn.max('englishLearner').as('englishLearner'),
    ])
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    // A literal, not a bound parameter: only then can the planner use the partial index of referred rows.
    .where(sql<boolean>`referred = 1`)
    .groupBy(['schoolId', 'studentId'])
    .execute();
  const schools = await db
    .selectFrom('schools')
    .select(['id', 'ncesSchoolId', 'name'])
    .where('districtId', '=', districtId)
    .orderBy('ncesSchoolId')
    .execute();
  const bySchool = new Map(
    schools.map((s) => [
      s.id,
      { schoolId: s.id, ncesSchoolId: s.ncesSchoolId, name: s.name, referred: emptyCounts(), arrested: emptyCounts() },
    ]),
  );
  for (const r of rows) {
    const school = bySchool.get(r.schoolId);
    if (!school) continue;
    const s = {
      race: String(r.race),
      sex: String(r.sex),
      idea: Number(r.idea),
      section504: Number(r.section504),
      englishLearner: Number(r.englishLearner),
    };
    count(school.referred, s);
    if (Number(r.arrested) === 1) count(school.arrested, s);
  }
  return { districtId, schoolYear, schools: [...bySchool.values()] };
}
