import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { InvitationTable, UserTable } from './user.table.js';

export const findUser = (db: Db, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export async function findSchoolIdsByUser(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('userSchools')
    .select(['userId', 'schoolId'])
    .where('userId', 'in', userIds)
    .execute();
  for (const r of rows) map.get(r.userId)?.push(r.schoolId);
  return map;
}

/** Users of a district; `onlySchoolIds` narrows to staff of those schools (a principal's view). */
export async function findUsers(
  db: Db,
  districtId: string,
  page: { limit: number; offset: number },
  onlySchoolIds?: readonly string[],
) {
  let base = db.selectFrom('users').where('districtId', '=', districtId);
  if (onlySchoolIds)
    base = onlySchoolIds.length
      ? base.where('id', 'in', db.selectFrom('userSchools').select('userId').where('schoolId', 'in', onlySchoolIds))
      : base.where(sql<boolean>`1 = 0`);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('displayName').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const insertUser = (db: Db, row: UserTable) => db.insertInto('users').values(row).execute();

export const updateUser = (db: Db, id: string, patch: Partial<UserTable>) =>
  db.updateTable('users').set(patch).where('id', '=', id).execute();

export async function replaceUserSchools(db: Db, userId: string, districtId: string, schoolIds: readonly string[]) {
  await db.deleteFrom('userSchools').where('userId', '=', userId).execute();
  if (schoolIds.length)
    await db
      .insertInto('userSchools')
      .values(schoolIds.map((schoolId) => ({ userId, schoolId, districtId })))
      .execute();
}

export const insertInvitation = (db: Db, row: InvitationTable) => db.insertInto('invitations').values(row).execute();

export const findInvitation = (db: Db, id: string) =>
  db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();

export const findInvitationByTokenHash = (db: Db, tokenHash: string) =>
  db.selectFrom('invitations').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();

export async function findInvitations(db: Db, districtId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('invitations').where('districtId', '=', districtId);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * Marks an invitation accepted only while it is still open. On PostgreSQL a concurrent acceptance
 * waits on the row lock and then sees accepted_at set, so exactly one caller gets true.
 */
export async function claimInvitation(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ acceptedAt: at })
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const updateInvitation = (db: Db, id: string, patch: Partial<InvitationTable>) =>
  db.updateTable('invitations').set(patch).where('id', '=', id).execute();
