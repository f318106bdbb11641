import type { Db } from '../../db/database.js';

/** Queries of threat assessment teams and settings (first argument: the db or a transaction). */

export const findSettings = (db: Db, districtId: string) =>
  db.selectFrom('threatSettings').selectAll().where('districtId', '=', districtId).executeTakeFirst();

export const findTeam = (db: Db, id: string) =>
  db.selectFrom('threatTeams').selectAll().where('id', '=', id).executeTakeFirst();

/** The school's team, or the district's when `schoolId` is null. */
export const findTeamOf = (db: Db, districtId: string, schoolId: string | null) =>
  db
    .selectFrom('threatTeams')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('schoolId', schoolId === null ? 'is' : '=', schoolId)
    .executeTakeFirst();

/** Teams of a district, district team first; `schoolIds` narrows to those schools plus the district team. */
export async function findTeams(db: Db, districtId: string, schoolIds?: readonly string[]) {
  let q = db
    .selectFrom('threatTeams as t')
    .leftJoin('schools as s', 's.id', 't.schoolId')
    .select(['t.id', 't.districtId', 't.schoolId', 's.name as schoolName', 't.name'])
    .where('t.districtId', '=', districtId);
  if (schoolIds) {
    const ids = [...schoolIds];
    q = q.where((eb) =>
      ids.length ? eb.or([eb('t.schoolId', 'is', null), eb('t.schoolId', 'in', ids)]) : eb('t.schoolId', 'is', null),
    );
  }
  return q.orderBy('s.name').orderBy('t.name').execute();
}

/** Members of the given teams with their names and account roles, in one query. */
export async function findMembers(db: Db, teamIds: readonly string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('threatTeamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.teamId', 'm.userId', 'm.teamRole', 'u.displayName', 'u.role'])
    .where('m.teamId', 'in', [...teamIds])
    .orderBy('u.displayName')
    .execute();
}

/** Open cases per team, one grouped query. */
export async function openCaseCounts(db: Db, teamIds: readonly string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('threatCases')
    .select((eb) => ['teamId', eb.fn.countAll().as('n')])
    .where('teamId', 'in', [...teamIds])
    .where('status', '=', 'open')
    .groupBy('teamId')
    .execute();
  return new Map(rows.map((r) => [r.teamId, Number(r.n)]));
}

/**
 * Accounts that may sit on a team: active, unexpired staff of the district (no auditor, no state
 * viewer). `ids` narrows to those accounts (checking a members list).
 */
export async function findCandidates(db: Db, districtId: string, now: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('users')
    .select(['id', 'displayName', 'role'])
    .where('districtId', '=', districtId)
    .where('disabled', '=', 0)
    .where('role', 'not in', ['auditor', 'state_viewer'])
    .where((eb) => eb.or([eb('accessExpiresAt', 'is', null), eb('accessExpiresAt', '>', now)]));
  if (ids) q = q.where('id', 'in', ids.length ? [...ids] : ['']);
  const users = await q.orderBy('displayName').execute();
  const schools = users.length
    ? await db
        .selectFrom('userSchools')
        .select(['userId', 'schoolId'])
        .where('districtId', '=', districtId)
        .where(
          'userId',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({ ...u, schoolIds: schools.filter((s) => s.userId === u.id).map((s) => s.schoolId) }));
}
