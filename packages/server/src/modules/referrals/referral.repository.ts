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

function filtered(db: Db, f: ReferralFilter) {
  let q = db
    .selectFrom('supportReferrals as r')
    .innerJoin('students as st', 'st.id', 'r.studentId')
    .innerJoin('schools as sc', 'sc.id', 'r.schoolId')
    .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
    .leftJoin('users as u', 'u.id', 'r.madeBy')
    .where('r.districtId', '=', f.districtId);
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

export const findReferralRow = (db: Db, id: string) =>
  filteredById(db, id)
    .select([...COLUMNS])
    .executeTakeFirst();

function filteredById(db: Db, id: string) {
  return db
    .selectFrom('supportReferrals as r')
    .innerJoin('students as st', 'st.id', 'r.studentId')
    .innerJoin('schools as sc', 'sc.id', 'r.schoolId')
    .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
    .leftJoin('users as u', 'u.id', 'r.madeBy')
    .where('r.id', '=', id);
}

/** A page: overdue referrals first (the follow-up date passed, no follow-up recorded), then newest first. */
export async function findReferrals(db: Db, f: ReferralFilter, today: string, limit: number, offset: number) {
  const items = await filtered(db, f)
    .select([...COLUMNS])
    .orderBy(
      (eb) =>
        eb
          .case()
          .when(eb.and([eb('r.status', 'in', [...AWAITING]), eb('r.followUpDueOn', '<', today)]))
          .then(0)
          .else(1)
          .end(),
      'asc',
    )
    .orderBy('r.madeAt', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
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
