import { compiledQuery } from '../../db/compiled.js';
import type { Db } from '../../db/database.js';
import type { OfficerCounts, YearCounts } from './transparency.publication.js';

/** Queries of the transparency publication and its public pages (docs/transparency.md). */

/** School years with any figure from incidents (enrollment alone does not make a year to publish). */
export async function yearsWithCounts(db: Db, districtId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('transparencyCounts')
    .select('schoolYear')
    .distinct()
    .where('districtId', '=', districtId)
    .where('measure', '<>', 'enrolled')
    .execute();
  return rows.map((r) => r.schoolYear).sort();
}

/** School years with a transparency release in the ledger (already published at least once). */
export async function yearsReleased(db: Db, districtId: string, dataset: string): Promise<string[]> {
  const rows = await db
    .selectFrom('suppressionReleases')
    .select('period')
    .distinct()
    .where('districtId', '=', districtId)
    .where('dataset', '=', dataset)
    .execute();
  return rows.map((r) => r.period).sort();
}

export async function loadYearCounts(
  db: Db,
  districtId: string,
  schoolYear: string,
  schoolIds: readonly string[],
): Promise<YearCounts> {
  const rows = await db
    .selectFrom('transparencyCounts')
    .select(['schoolId', 'measure', 'key', 'value'])
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    .execute();
  const bySchool = new Map<string, Map<string, number>>(schoolIds.map((s) => [s, new Map()]));
  // A row for a school that is not (or no longer) the district's would break district = sum of schools: skipped.
  for (const r of rows) bySchool.get(r.schoolId)?.set(`${r.measure}|${r.key}`, Number(r.value));
  return { schoolIds, bySchool };
}

/**
 * Officers with any contact, and with a contact on an incident in a classroom, during the school
 * year (July to June), from the monthly role-drift aggregates: per school, and distinct over the
 * district (an officer serving two schools is one officer).
 */
export async function loadOfficerCounts(db: Db, districtId: string, schoolYear: string): Promise<OfficerCounts> {
  const start = Number(schoolYear.slice(0, 4));
  const rows = await db
    .selectFrom('roleDriftMonthly')
    .select((eb) => [
      'schoolId',
      'officerId',
      eb.fn.sum<number>('contacts').as('contacts'),
      eb.fn.sum<number>('classroomContacts').as('classroom'),
    ])
    .where('districtId', '=', districtId)
    .where('month', '>=', `${start}-07`)
    .where('month', '<=', `${start + 1}-06`)
    .groupBy(['schoolId', 'officerId'])
    .execute();
  const bySchool = new Map<string, { any: number; classroom: number }>();
  const any = new Set<string>();
  const classroom = new Set<string>();
  for (const r of rows) {
    const s = bySchool.get(r.schoolId) ?? bySchool.set(r.schoolId, { any: 0, classroom: 0 }).get(r.schoolId)!;
    if (Number(r.contacts) > 0) {
      s.any++;
      any.add(r.officerId);
    }
    if (Number(r.classroom) > 0) {
      s.classroom++;
      classroom.add(r.officerId);
    }
  }
  return { bySchool, district: { any: any.size, classroom: classroom.size } };
}

export async function replacePages(
  db: Db,
  districtId: string,
  pages: { schoolYear: string; scopeId: string; payload: string; etag: string; publishedAt: string }[],
): Promise<void> {
  await db.deleteFrom('transparencyPages').where('districtId', '=', districtId).execute();
  for (let i = 0; i < pages.length; i += 200)
    await db
      .insertInto('transparencyPages')
      .values(pages.slice(i, i + 200).map((p) => ({ districtId, ...p })))
      .execute();
}

/** The public hot path, compiled once (db/compiled.ts): first the short version of a page... */
const pageVersion = compiledQuery((db: Db, scopeId: string, schoolYear: string) =>
  db
    .selectFrom('transparencyPages')
    .select(['districtId', 'etag'])
    .where('scopeId', '=', scopeId)
    .where('schoolYear', '=', schoolYear),
);
export const findPageVersion = async (db: Db, scopeId: string, schoolYear: string) =>
  (await pageVersion(db, scopeId, schoolYear))[0];

/** ...and the page itself only when this process has no copy of that version. */
const pageByScope = compiledQuery((db: Db, scopeId: string, schoolYear: string) =>
  db
    .selectFrom('transparencyPages')
    .select(['districtId', 'etag', 'payload'])
    .where('scopeId', '=', scopeId)
    .where('schoolYear', '=', schoolYear),
);
export const findPage = async (db: Db, scopeId: string, schoolYear: string) =>
  (await pageByScope(db, scopeId, schoolYear))[0];

/** Published years of a scope (the district's id or a school's), newest first, with when. */
export async function publishedYears(db: Db, scopeId: string) {
  const rows = await db
    .selectFrom('transparencyPages')
    .select(['schoolYear', 'publishedAt', 'districtId'])
    .where('scopeId', '=', scopeId)
    .orderBy('schoolYear', 'desc')
    .execute();
  return rows;
}
