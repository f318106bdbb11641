import { sql } from 'kysely';
import type { StudentListQuery } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { StudentDemographicsTable, StudentTable } from './student.table.js';

/** Rows per multi-row insert: 16 columns x 400 stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

export const findStudent = (db: Db, id: string) =>
  db.selectFrom('students').selectAll().where('id', '=', id).executeTakeFirst();

export const findStudentsOfDistrict = (db: Db, districtId: string) =>
  db.selectFrom('students').selectAll().where('districtId', '=', districtId).execute();

/** The latest history row per student of the district (the one a new import compares with). */
export async function findLatestDemographics(
  db: Db,
  districtId: string,
): Promise<Map<string, StudentDemographicsTable>> {
  const rows = await db
    .selectFrom('studentDemographics')
    .selectAll()
    .where('districtId', '=', districtId)
    .orderBy('studentId')
    .orderBy('validFrom')
    .execute();
  return new Map(rows.map((r) => [r.studentId, r]));
}

export async function insertStudents(db: Db, rows: StudentTable[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('students')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export const updateStudent = (db: Db, id: string, patch: Partial<StudentTable>) =>
  db.updateTable('students').set(patch).where('id', '=', id).execute();

export async function insertDemographics(db: Db, rows: StudentDemographicsTable[]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('studentDemographics')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export const updateDemographics = (db: Db, id: string, patch: Partial<StudentDemographicsTable>) =>
  db.updateTable('studentDemographics').set(patch).where('id', '=', id).execute();

export async function deactivateStudents(db: Db, ids: string[], at: string) {
  for (let i = 0; i < ids.length; i += CHUNK)
    await db
      .updateTable('students')
      .set({ active: 0, updatedAt: at })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
}

/** `%` and `_` in what someone typed are literal characters, not wildcards. */
const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of the roster. `onlySchoolIds` narrows to those schools (school scope). Each word of `q`
 * must start the given name, the family name or the local id, case-insensitively on both databases.
 */
export async function findStudentPage(
  db: Db,
  districtId: string,
  q: StudentListQuery,
  onlySchoolIds?: readonly string[],
) {
  let base = db.selectFrom('students').where('districtId', '=', districtId);
  if (onlySchoolIds)
    base = onlySchoolIds.length ? base.where('schoolId', 'in', onlySchoolIds) : base.where(sql<boolean>`1 = 0`);
  if (q.schoolId) base = base.where('schoolId', '=', q.schoolId);
  if (q.status !== 'all') base = base.where('active', '=', q.status === 'active' ? 1 : 0);
  for (const word of (q.q ?? '').split(/[\s,]+/).filter(Boolean)) {
    const p = likePrefix(word);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(given_name) like ${p} escape '\\'`,
        sql<boolean>`lower(family_name) like ${p} escape '\\'`,
        sql<boolean>`lower(local_id) like ${p} escape '\\'`,
      ]),
    );
  }
  // One after the other: this runs inside the transaction that records the read.
  const items = await base
    .selectAll()
    .orderBy('familyName')
    .orderBy('givenName')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}
