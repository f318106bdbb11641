import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import type {
  IncidentFlagTable,
  IncidentReviewTable,
  IncidentStudentTable,
  IncidentTable,
  IncidentVersionTable,
  OutsideReferralTable,
  SroActionTable,
  SroContactTable,
} from './incident.table.js';

/** Kysely queries for one incident and its child rows; the caller owns the transaction. */

export const findIncident = (db: Db, id: string) =>
  db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * The incident, locked for the rest of the transaction on PostgreSQL: a write reads the incident's
 * old state to take its contribution out of the aggregates, so two concurrent writes must not both
 * read the same old state. (SQLite serializes writers already and has no FOR UPDATE.)
 */
export const lockIncident = (db: Db, dialect: Dialect, id: string) => {
  const q = db.selectFrom('incidents').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

export const insertIncident = (db: Db, row: IncidentTable) => db.insertInto('incidents').values(row).execute();

export const updateIncident = (db: Db, id: string, patch: Partial<IncidentTable>) =>
  db.updateTable('incidents').set(patch).where('id', '=', id).execute();

/**
 * Reserves `count` numbers of a per-district counter and returns the last one reserved. One
 * upsert, so two writers never get the same number (PostgreSQL locks the counter row; SQLite
 * serializes writers).
 */
export async function reserveCounter(db: Db, districtId: string, name: string, count = 1): Promise<number> {
  const r = await db
    .insertInto('districtCounters')
    .values({ districtId, name, value: count })
    .onConflict((oc) =>
      oc
        .columns(['districtId', 'name'])
        .doUpdateSet((eb) => ({ value: eb('districtCounters.value', '+', eb.ref('excluded.value')) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

export const findStudentRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('incidentStudents as is')
    .innerJoin('students as s', 's.id', 'is.studentId')
    .select([
      'is.id',
      'is.studentId',
      'is.role',
      'is.schoolId',
      'is.grade',
      'is.race',
      'is.sex',
      'is.idea',
      'is.section504',
      'is.englishLearner',
      'is.referred',
      'is.arrested',
      's.localId',
      's.givenName',
      's.familyName',
    ])
    .where('is.incidentId', '=', incidentId)
    .orderBy('is.id')
    .execute();

export const findContactRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('sroContacts as c')
    .innerJoin('users as u', 'u.id', 'c.officerId')
    .select([
      'c.id',
      'c.officerId',
      'c.purpose',
      'c.involvement',
      'c.reportedAt',
      'c.arrivedAt',
      'c.responseSeconds',
      'u.displayName as officerName',
    ])
    .where('c.incidentId', '=', incidentId)
    .orderBy('c.id')
    .execute();

export const findActionRows = (db: Db, incidentId: string) =>
  db.selectFrom('sroActions').selectAll().where('incidentId', '=', incidentId).orderBy('id').execute();

export const findOutsideReferralRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('outsideReferrals as r')
    .leftJoin('users as u', 'u.id', 'r.referredBy')
    .selectAll('r')
    .select('u.displayName as referredByName')
    .where('r.incidentId', '=', incidentId)
    .orderBy('r.id')
    .execute();

export const findReviewRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('incidentReviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewerId')
    .selectAll('r')
    .select('u.displayName as reviewerName')
    .where('r.incidentId', '=', incidentId)
    .orderBy('r.recordedAt')
    .orderBy('r.id')
    .execute();

export const findFlagRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('incidentFlags as f')
    .leftJoin('users as u', 'u.id', 'f.officerId')
    .selectAll('f')
    .select('u.displayName as officerName')
    .where('f.incidentId', '=', incidentId)
    .orderBy('f.id')
    .execute();

/** Removes the rows a save rewrites whole (students, contacts, actions, outside referrals); reviews and versions stay. */
export async function deleteIncidentChildren(db: Db, incidentId: string) {
  await db.deleteFrom('outsideReferrals').where('incidentId', '=', incidentId).execute();
  await db.deleteFrom('sroActions').where('incidentId', '=', incidentId).execute();
  await db.deleteFrom('sroContacts').where('incidentId', '=', incidentId).execute();
  await db.deleteFrom('incidentStudents').where('incidentId', '=', incidentId).execute();
}

export async function insertChildren(
  db: Db,
  students: IncidentStudentTable[],
  contacts: SroContactTable[],
  actions: SroActionTable[],
  outside: OutsideReferralTable[] = [],
) {
  if (students.length) await db.insertInto('incidentStudents').values(students).execute();
  if (contacts.length) await db.insertInto('sroContacts').values(contacts).execute();
  if (actions.length) await db.insertInto('sroActions').values(actions).execute();
  if (outside.length) await db.insertInto('outsideReferrals').values(outside).execute();
}

/** Active accounts of the district among `ids`: the staff members who may have made a referral. */
export const findActiveUserIds = async (db: Db, districtId: string, ids: readonly string[]) => {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set<string>();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('districtId', '=', districtId)
    .where('disabled', '=', 0)
    .where('id', 'in', unique)
    .execute();
  return new Set(rows.map((r) => r.id));
};

export async function replaceFlags(db: Db, incidentId: string, flags: IncidentFlagTable[]) {
  await db.deleteFrom('incidentFlags').where('incidentId', '=', incidentId).execute();
  if (flags.length) await db.insertInto('incidentFlags').values(flags).execute();
}

export const insertReview = (db: Db, row: IncidentReviewTable) =>
  db.insertInto('incidentReviews').values(row).execute();

export const insertVersion = (db: Db, row: IncidentVersionTable) =>
  db.insertInto('incidentVersions').values(row).execute();

export const findVersionRows = (db: Db, incidentId: string) =>
  db
    .selectFrom('incidentVersions as v')
    .innerJoin('users as u', 'u.id', 'v.changedBy')
    .selectAll('v')
    .select('u.displayName as changedByName')
    .where('v.incidentId', '=', incidentId)
    .orderBy('v.version', 'desc')
    .execute();

export const findSchool = (db: Db, districtId: string, schoolId: string) =>
  db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('districtId', '=', districtId)
    .where('id', '=', schoolId)
    .executeTakeFirst();

export const findUserNames = async (db: Db, ids: readonly string[]) => {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

/** Active SRO accounts of the district among `ids` (an officer on an incident must be one). */
export const findActiveOfficerIds = async (db: Db, districtId: string, ids: readonly string[]) => {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set<string>();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('districtId', '=', districtId)
    .where('role', '=', 'sro')
    .where('disabled', '=', 0)
    .where('id', 'in', unique)
    .execute();
  return new Set(rows.map((r) => r.id));
};

export const isContact = async (db: Db, incidentId: string, officerId: string) =>
  (await db
    .selectFrom('sroContacts')
    .select('id')
    .where('incidentId', '=', incidentId)
    .where('officerId', '=', officerId)
    .executeTakeFirst()) !== undefined;

/** Clause titles of the MOU versions whose rules produced the flags, for display. */
export async function findClauseTitles(
  db: Db,
  mouVersionIds: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const unique = [...new Set(mouVersionIds)];
  const out = new Map<string, Record<string, string>>();
  if (!unique.length) return out;
  const rows = await db.selectFrom('mouVersions').select(['id', 'clauses']).where('id', 'in', unique).execute();
  for (const r of rows)
    out.set(
      r.id,
      Object.fromEntries((JSON.parse(r.clauses) as { key: string; title: string }[]).map((c) => [c.key, c.title])),
    );
  return out;
}

export const countRows = (n: { n: string | number | bigint } | undefined) => Number(n?.n ?? 0);
export const countStar = sql<string>`count(*)`;
