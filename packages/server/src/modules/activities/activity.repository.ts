import { type Insertable, sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import type { OfficerActivityTable } from '../training/training.table.js';

/** Queries for officers' time (officer_activities). Minutes are whole numbers; hours are the service's. */
export const findOfficer = (db: Db, id: string) =>
  db
    .selectFrom('officers')
    .select(['id', 'districtId', 'userId', 'name', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

/** On PostgreSQL, the officer row is locked so two entries for the same day cannot both pass the 24-hour cap. */
export async function lockOfficer(db: Db, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('officers').select('id').where('id', '=', id).forUpdate().execute();
}

export async function minutesOnDay(db: Db, officerId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('officerActivities')
    .select((eb) => eb.fn.sum<number | string | null>('minutes').as('m'))
    .where('officerId', '=', officerId)
    .where('activityOn', '=', day)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export const insertActivity = (db: Db, row: Insertable<OfficerActivityTable>) =>
  db.insertInto('officerActivities').values(row).execute();

export const findActivity = (db: Db, id: string) =>
  db.selectFrom('officerActivities').selectAll().where('id', '=', id).executeTakeFirst();

export const deleteActivity = (db: Db, id: string) => db.deleteFrom('officerActivities').where('id', '=', id).execute();

/** Which rows a reader may see: a district reader all; a principal their schools; an officer their own entries. */
export interface ActivityFilter {
  districtId: string;
  officerId?: string;
  schoolId?: string;
  from?: string;
  to?: string;
  /** A principal's schools (only entries in these schools). */
  schoolIds?: readonly string[];
  /** An officer's account: only the entries of the roster entry linked to it. */
  ownUserId?: string;
}

function filtered(db: Db, f: ActivityFilter) {
  let q = db
    .selectFrom('officerActivities as a')
    .innerJoin('officers as o', 'o.id', 'a.officerId')
    .leftJoin('schools as s', 's.id', 'a.schoolId')
    .where('a.districtId', '=', f.districtId);
  if (f.officerId) q = q.where('a.officerId', '=', f.officerId);
  if (f.schoolId) q = q.where('a.schoolId', '=', f.schoolId);
  if (f.from) q = q.where('a.activityOn', '>=', f.from);
  if (f.to) q = q.where('a.activityOn', '<=', f.to);
  if (f.schoolIds)
    q = f.schoolIds.length ? q.where('a.schoolId', 'in', [...f.schoolIds]) : q.where(sql<boolean>`1 = 0`);
  if (f.ownUserId) q = q.where('o.userId', '=', f.ownUserId);
  return q;
}

export async function findActivities(db: Db, f: ActivityFilter, limit: number, offset: number) {
  const items = await filtered(db, f)
    .select([
      'a.id',
      'a.districtId',
      'a.officerId',
      'o.name as officerName',
      'a.schoolId',
      's.name as schoolName',
      'a.activityOn',
      'a.kind',
      'a.minutes',
      'a.noteSealed',
      'a.createdBy',
      'a.createdAt',
    ])
    .orderBy('a.activityOn', 'desc')
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** Minutes by kind, and by whether the entry was in a school. */
export async function minutesByKind(db: Db, f: ActivityFilter) {
  const rows = await filtered(db, f)
    .select((eb) => [
      'a.kind',
      eb.fn.sum<number | string>('a.minutes').as('minutes'),
      eb.fn
        .sum<number | string>(eb.case().when('a.schoolId', 'is not', null).then(eb.ref('a.minutes')).else(0).end())
        .as('inSchool'),
    ])
    .groupBy('a.kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, minutes: Number(r.minutes), inSchool: Number(r.inSchool) }));
}

/** The officers a reader may pick: all of the district's, a principal's schools' (assigned now), or the officer's own. */
export async function findPickableOfficers(
  db: Db,
  districtId: string,
  today: string,
  scope: { schoolIds?: readonly string[]; ownUserId?: string },
) {
  let q = db
    .selectFrom('officers')
    .select(['id', 'name', 'userId'])
    .where('districtId', '=', districtId)
    .where('status', '=', 'active');
  if (scope.ownUserId) q = q.where('userId', '=', scope.ownUserId);
  const officers = await q.orderBy('name').orderBy('id').execute();
  if (!officers.length) return [];
  const assignments = await db
    .selectFrom('officerAssignments')
    .select(['officerId', 'schoolId'])
    .where('districtId', '=', districtId)
    .where(
      'officerId',
      'in',
      officers.map((o) => o.id),
    )
    .where('startsOn', '<=', today)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', today)]))
    .execute();
  const schoolsOf = new Map<string, string[]>();
  for (const a of assignments) schoolsOf.set(a.officerId, [...(schoolsOf.get(a.officerId) ?? []), a.schoolId]);
  return officers
    .map((o) => ({ ...o, schoolIds: schoolsOf.get(o.id) ?? [] }))
    .filter((o) => !scope.schoolIds || o.schoolIds.some((s) => scope.schoolIds!.includes(s)));
}
