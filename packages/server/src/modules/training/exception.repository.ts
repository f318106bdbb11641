import type { AssignmentException } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AssignmentExceptionTable } from './training.table.js';

/** Exceptions to the assignment gate (issue 14 item 1): approver, reason, expiry; listed and audited. */

export const insertException = (db: Db, row: AssignmentExceptionTable) =>
  db.insertInto('assignmentExceptions').values(row).execute();

export const findException = (db: Db, id: string) =>
  db.selectFrom('assignmentExceptions').selectAll().where('id', '=', id).executeTakeFirst();

export const revokeException = (db: Db, id: string, at: string, by: string) =>
  db.updateTable('assignmentExceptions').set({ revokedAt: at, revokedBy: by }).where('id', '=', id).execute();

/** Current on `day`: not revoked, and `day` is on or before its expiry. */
export const isCurrent = (e: Pick<AssignmentExceptionTable, 'revokedAt' | 'expiresOn'>, day: string) =>
  e.revokedAt === null && e.expiresOn >= day;

/** A current exception for this officer at this school (or at any school), newest first. */
export async function findCurrentException(db: Db, officerId: string, schoolId: string, day: string) {
  return db
    .selectFrom('assignmentExceptions')
    .selectAll()
    .where('officerId', '=', officerId)
    .where('revokedAt', 'is', null)
    .where('expiresOn', '>=', day)
    .where((eb) => eb.or([eb('schoolId', 'is', null), eb('schoolId', '=', schoolId)]))
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

export interface ExceptionFilter {
  officerId?: string;
  state: 'current' | 'past' | 'all';
  day: string;
  limit?: number;
  offset?: number;
}

/** Exceptions of a district with the names a page shows, newest first. */
export async function findExceptions(db: Db, districtId: string, f: ExceptionFilter) {
  let base = db
    .selectFrom('assignmentExceptions as e')
    .innerJoin('officers as o', 'o.id', 'e.officerId')
    .innerJoin('users as a', 'a.id', 'e.approvedBy')
    .leftJoin('users as r', 'r.id', 'e.revokedBy')
    .leftJoin('schools as s', 's.id', 'e.schoolId')
    .where('e.districtId', '=', districtId);
  if (f.officerId) base = base.where('e.officerId', '=', f.officerId);
  if (f.state === 'current') base = base.where('e.revokedAt', 'is', null).where('e.expiresOn', '>=', f.day);
  if (f.state === 'past')
    base = base.where((eb) => eb.or([eb('e.revokedAt', 'is not', null), eb('e.expiresOn', '<', f.day)]));
  let q = base
    .select([
      'e.id',
      'e.officerId',
      'o.name as officerName',
      'e.schoolId',
      's.name as schoolName',
      'e.reason',
      'e.approvedBy',
      'a.displayName as approverName',
      'e.expiresOn',
      'e.createdAt',
      'e.revokedAt',
      'r.displayName as revokedByName',
    ])
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  const rows = await q.execute();
  const items: AssignmentException[] = rows.map((r) => ({
    ...r,
    schoolName: r.schoolName ?? null,
    revokedByName: r.revokedByName ?? null,
    current: isCurrent(r, f.day),
  }));
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}
