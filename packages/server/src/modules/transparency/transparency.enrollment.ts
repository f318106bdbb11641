import type { Db } from '../../db/database.js';
import { demographicHistory, snapshotAsOf } from '../students/student.snapshot.js';
import { studentGroupKeys } from './transparency.derive.js';

/**
 * The `enrolled` measure: the denominators of the per-1,000 rates and risk ratios. A snapshot of
 * the roster (active students) with each student's demographics and school as of a count date, by
 * the one snapshot rule (student.snapshot.ts), per school and student group.
 */

/**
 * The count date of a school year: October 1 of its first calendar year (the customary fall
 * count day), or today when that is still ahead.
 */
export function enrollmentDate(schoolYear: string, today = new Date().toISOString().slice(0, 10)): string {
  const oct1 = `${schoolYear.slice(0, 4)}-10-01`;
  return oct1 < today ? oct1 : today;
}

export type Roster = Awaited<ReturnType<typeof loadRoster>>;

/** The district's active students and their demographic history (what a snapshot reads). */
export async function loadRoster(db: Db, districtId: string) {
  const students = await db
    .selectFrom('students')
    .select(['id', 'schoolId', 'grade', 'race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId)
    .where('active', '=', 1)
    .execute();
  const byStudent = await demographicHistory(db, districtId);
  return { students, byStudent };
}

/**
 * The snapshot's cells, per school and group key, computed in memory (the equity audit reads them
 * this way for a year not yet snapshotted, without writing from a read).
 */
export function enrollmentCells(roster: Roster, asOf: string) {
  const cells = new Map<string, { schoolId: string; key: string; value: number }>();
  for (const s of roster.students) {
    const snap = snapshotAsOf(s, roster.byStudent.get(s.id) ?? [], asOf);
    for (const key of studentGroupKeys(snap)) {
      const id = `${snap.schoolId}|${key}`;
      const c = cells.get(id);
      if (c) c.value += 1;
      else cells.set(id, { schoolId: snap.schoolId, key, value: 1 });
    }
  }
  return cells;
}

async function writeSnapshot(db: Db, districtId: string, roster: Roster, schoolYear: string, asOf: string) {
  const cells = enrollmentCells(roster, asOf);
  await db
    .deleteFrom('transparencyCounts')
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    .where('measure', '=', 'enrolled')
    .execute();
  const rows = [...cells.values()].map((c) => ({
    districtId,
    schoolYear,
    schoolId: c.schoolId,
    measure: 'enrolled',
    key: c.key,
    value: c.value,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('transparencyCounts')
      .values(rows.slice(i, i + 500))
      .execute();
  return roster.students.length;
}

/** Replaces the year's `enrolled` rows with a snapshot as of `asOf`; returns the students counted. */
export async function snapshotEnrollment(
  db: Db,
  districtId: string,
  schoolYear: string,
  asOf = enrollmentDate(schoolYear),
): Promise<number> {
  return writeSnapshot(db, districtId, await loadRoster(db, districtId), schoolYear, asOf);
}

/** The same for several school years, each as of its own count date, reading the roster once. */
export async function snapshotEnrollmentYears(
  db: Db,
  districtId: string,
  years: readonly string[],
  today?: string,
): Promise<void> {
  if (years.length === 0) return;
  const roster = await loadRoster(db, districtId);
  for (const y of years) await writeSnapshot(db, districtId, roster, y, enrollmentDate(y, today));
}

/**
 * Snapshots each of these school years that has no `enrolled` rows yet (before a publication);
 * `today` is the district's calendar day (a year's count date is never after it).
 */
export async function ensureEnrollment(
  db: Db,
  districtId: string,
  years: readonly string[],
  today?: string,
): Promise<string[]> {
  if (years.length === 0) return [];
  const have = new Set(
    (
      await db
        .selectFrom('transparencyCounts')
        .select('schoolYear')
        .distinct()
        .where('districtId', '=', districtId)
        .where('measure', '=', 'enrolled')
        .where('schoolYear', 'in', [...years])
        .execute()
    ).map((r) => r.schoolYear),
  );
  const missing = [...new Set(years)].filter((y) => !have.has(y)).sort();
  await snapshotEnrollmentYears(db, districtId, missing, today);
  return missing;
}
