import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SupportReferralTable } from './referral.table.js';

/** Queries for referrals to support services (support_referrals). Sealed reasons are the service's to open. */
export interface ReferralFilter {
  districtId: string;
  status?: string;
  providerId?: string;
  schoolId?: string;
  /** A school-scoped reader's schools (only referrals of students at these schools). */
  schoolIds?: readonly string[];
  /** Only referrals whose follow-up date passed while they await follow-up (before `today`). */
  overdueBefore?: string;
}

/** Statuses with no recorded follow-up yet (contract `referralAwaitsFollowUp`). */
export const AWAITING = ['made', 'accepted'] as const;

/** The filter on the referrals table alone (no joins): the ids of a page and the counts are read from it. */
function filtered(db: Db, f: ReferralFilter) {
  let q = db.selectFrom('supportReferrals as r').where('r.districtId', '=', f.districtId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.providerId) q = q.where('r.providerId', '=', f.providerId);
  if (f.schoolId) q = q.where('r.schoolId', '=', f.schoolId);
  if (f.schoolIds)
    q = f.schoolIds.length ? q.where('r.schoolId', 'in', [...f.schoolIds]) : q.where(sql<boolean>`1 = 0`);
  if (f.overdueBefore) q = q.where('r.status', 'in', [...AWAITING]).where('r.followUpDueOn', '<', f.overdueBefore);
  return q;
}

const COLUMNS = [
  'r.id',
  'r.districtId',
  'r.schoolId',
  'sc.name as schoolName',
  'r.studentId',
  'st.givenName',
  'st.familyName',
  'r.kind',
  'r.providerId',
  'p.name as providerName',
  'r.source',
  'r.caseId',
  'r.incidentId',
  'r.reasonSealed',
  'r.status',
  'r.madeAt',
  'u.displayName as madeByName',
  'r.acceptedAt',
  'r.firstContactAt',
  'r.ongoingAt',
  'r.completedAt',
  'r.declinedAt',
  'r.followUpDueOn',
  'r.version',
] as const;

export type ReferralListRow = Awaited<ReturnType<typeof findReferralRow>> & {};

/** Referrals with the names a page shows: the student, the school, the provider, who made it. */
function withNames(db: Db) {
  return db
    .selectFrom('supportReferrals as r')
    .innerJoin('students as st', 'st.id', 'r.studentId')
    .innerJoin('schools as sc', 'sc.id', 'r.schoolId')
    .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
    .leftJoin('users as u', 'u.id', 'r.madeBy');
}

export const findReferralRow = (db: Db, id: string) =>
  withNames(db)
    .select([...COLUMNS])
    .where('r.id', '=', id)
    .executeTakeFirst();

const count = async (q: ReturnType<typeof filtered>) =>
  Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * A page: overdue referrals first (follow-up date passed, no follow-up recorded), then the rest,
 * each newest first. Read as two segments so each walks an index in `made_at` order and stops at
 * the page (support_referrals_made, support_referrals_list), instead of sorting the district's
 * every referral by a computed key; then the page's rows are read with their names.
 */
export async function findReferrals(db: Db, f: ReferralFilter, today: string, limit: number, offset: number) {
  const overdue = filtered(db, f)
    .where('r.status', 'in', [...AWAITING])
    .where('r.followUpDueOn', '<', today);
  const rest = filtered(db, f).where((eb) =>
    eb.or([eb('r.status', 'not in', [...AWAITING]), eb('r.followUpDueOn', '>=', today)]),
  );
  const newest = (q: typeof overdue, take: number, skip: number) =>
    q.select('r.id').orderBy('r.madeAt', 'desc').orderBy('r.id', 'desc').limit(take).offset(skip).execute();
  const [total, overdueCount] = await Promise.all([count(filtered(db, f)), count(overdue)]);
  const ids: string[] = [];
  if (offset < overdueCount) ids.push(...(await newest(overdue, limit, offset)).map((r) => r.id));
  if (ids.length < limit)
    ids.push(...(await newest(rest, limit - ids.length, Math.max(0, offset - overdueCount))).map((r) => r.id));
  if (!ids.length) return { items: [], total };
  const rows = await withNames(db)
    .select([...COLUMNS])
    .where('r.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => byId.get(id)!).filter(Boolean), total };
}

export const findReferral = (db: Db, id: string) =>
  db.selectFrom('supportReferrals').selectAll().where('id', '=', id).executeTakeFirst();

export const insertReferral = (db: Db, row: Insertable<SupportReferralTable>) =>
  db.insertInto('supportReferrals').values(row).execute();

/** Optimistic write: only when the row is still at `version`; answers how many rows changed. */
export async function updateReferralAt(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<SupportReferralTable>,
): Promise<number> {
  const res = await db
    .updateTable('supportReferrals')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Students of an incident who already have the referral that incident made (one per incident and student). */
export async function studentsReferredByIncident(db: Db, incidentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('supportReferrals')
    .select('studentId')
    .where('incidentId', '=', incidentId)
    .execute();
  return new Set(rows.map((r) => r.studentId));
}

export async function countByIncident(db: Db, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('supportReferrals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('incidentId', '=', incidentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
