import { expect } from 'vitest';
import type { Db } from '../src/db/database.js';
import { rebuildTransparency } from '../src/modules/transparency/transparency.rebuild.js';
import type { TestApp } from './harness.js';

/**
 * Checks shared by the transparency-figure tests: the incremental tables against what
 * rebuildTransparency computes from the raw rows, and enrollment counted from the roster.
 */

/** Both tables of a district as sorted lines (zero counts, if any were kept, count nothing). */
export async function figures(db: Db, districtId: string) {
  const counts = await db
    .selectFrom('transparencyCounts')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('measure', '<>', 'enrolled')
    .execute();
  const students = await db
    .selectFrom('transparencyStudents')
    .selectAll()
    .where('districtId', '=', districtId)
    .execute();
  return {
    counts: counts
      .filter((c) => Number(c.value) !== 0)
      .map((c) => `${c.schoolYear}|${c.schoolId}|${c.measure}|${c.key}|${Number(c.value)}`)
      .sort(),
    students: students
      .map(
        (s) =>
          `${s.schoolYear}|${s.schoolId}|${s.studentId}|${s.race}|${s.sex}|${s.idea}|${s.section504}|${s.englishLearner}|${s.referrals}|${s.arrests}`,
      )
      .sort(),
  };
}

class Rollback extends Error {}

/** What rebuildTransparency computes from the raw rows now (rolled back, so the incremental state goes on). */
async function rebuilt(t: TestApp, districtId: string) {
  let out: Awaited<ReturnType<typeof figures>> | undefined;
  await t.ctx.db
    .transaction()
    .execute(async (trx) => {
      await rebuildTransparency(trx, districtId);
      out = await figures(trx, districtId);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out!;
}

export async function expectMatchesRebuild(t: TestApp, districtId: string) {
  const [incremental, oracle] = [await figures(t.ctx.db, districtId), await rebuilt(t, districtId)];
  expect(incremental.students).toEqual(oracle.students);
  expect(incremental.counts).toEqual(oracle.counts);
  return oracle;
}

/** The enrolled counts as the test computes them from the roster: each active student's row in force on `asOf`. */
export async function expectedEnrollment(db: Db, districtId: string, asOf: string) {
  const students = await db.selectFrom('students').selectAll().where('districtId', '=', districtId).execute();
  const history = await db.selectFrom('studentDemographics').selectAll().where('districtId', '=', districtId).execute();
  const counts = new Map<string, number>();
  for (const s of students.filter((x) => Number(x.active) === 1)) {
    const rows = history.filter((h) => h.studentId === s.id).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const valid = rows.filter((h) => h.validFrom <= asOf);
    const d = valid[valid.length - 1] ?? rows[0] ?? s;
    const groups = [
      'all:*',
      `race:${d.race}`,
      `sex:${d.sex}`,
      `disability:${Number(d.idea) ? 'idea' : Number(d.section504) ? 'section504_only' : 'no_disability'}`,
      `english_learner:${Number(d.englishLearner) ? '' : 'not_'}english_learner`,
    ];
    for (const g of groups) counts.set(`${d.schoolId}|${g}`, (counts.get(`${d.schoolId}|${g}`) ?? 0) + 1);
  }
  return [...counts].map(([k, v]) => `${k}|${v}`).sort();
}

export async function storedEnrollment(db: Db, districtId: string, year: string) {
  const rows = await db
    .selectFrom('transparencyCounts')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', year)
    .where('measure', '=', 'enrolled')
    .execute();
  return rows.map((r) => `${r.schoolId}|${r.key}|${Number(r.value)}`).sort();
}
