import { type SqlBool, sql } from 'kysely';
import { STAFF_FLAG_KINDS } from '@forefront/contract';
import type { Db } from '../../db/database.js';

/**
 * Role-drift dashboard queries. They read only the monthly aggregates (kept in step with every
 * incident write), never raw incidents, so the dashboard costs the same at a million incidents;
 * the BJS measure reads contacts of the last 30 days through the sro_contacts_officer index.
 */

const inSchools = (schoolIds: readonly string[] | undefined) =>
  schoolIds && !schoolIds.length ? sql<SqlBool>`1 = 0` : sql<SqlBool>`1 = 1`;

export async function findDriftRows(
  db: Db,
  districtId: string,
  from: string,
  to: string,
  schoolIds?: readonly string[],
) {
  let q = db
    .selectFrom('roleDriftMonthly')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where(inSchools(schoolIds));
  if (schoolIds?.length) q = q.where('schoolId', 'in', schoolIds);
  return q.execute();
}

export async function findFlagKindTotals(
  db: Db,
  districtId: string,
  from: string,
  to: string,
  schoolIds?: readonly string[],
) {
  let q = db
    .selectFrom('roleDriftFlagsMonthly')
    .select(['kind', sql<string>`sum(count)`.as('n')])
    .where('districtId', '=', districtId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where(inSchools(schoolIds));
  if (schoolIds?.length) q = q.where('schoolId', 'in', schoolIds);
  return (await q.groupBy('kind').execute()).map((r) => ({ kind: r.kind, count: Number(r.n) }));
}

/**
 * Referrals to and arrests by law enforcement outside Forefront, by month, and the staff referrals
 * flagged for school discipline: shown apart from the SROs' counts. Read from outside_referrals
 * and incident_flags by (district, month), which carry the incident's school and month.
 */
export async function findOutsideRows(
  db: Db,
  districtId: string,
  from: string,
  to: string,
  schoolIds?: readonly string[],
) {
  let refs = db
    .selectFrom('outsideReferrals')
    .select([
      'month',
      sql<string>`sum(case when referred_by is not null then 1 else 0 end)`.as('staffReferrals'),
      sql<string>`sum(case when kind = 'arrest' then 1 else 0 end)`.as('outsideArrests'),
    ])
    .where('districtId', '=', districtId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where(inSchools(schoolIds));
  if (schoolIds?.length) refs = refs.where('schoolId', 'in', schoolIds);
  let flags = db
    .selectFrom('incidentFlags')
    .select(['month', sql<string>`count(*)`.as('n')])
    .where('districtId', '=', districtId)
    .where('kind', 'in', [...STAFF_FLAG_KINDS])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where(inSchools(schoolIds));
  if (schoolIds?.length) flags = flags.where('schoolId', 'in', schoolIds);
  const [r, f] = await Promise.all([refs.groupBy('month').execute(), flags.groupBy('month').execute()]);
  return {
    referrals: r.map((x) => ({
      month: x.month,
      staffReferrals: Number(x.staffReferrals),
      outsideArrests: Number(x.outsideArrests),
    })),
    flagged: f.map((x) => ({ month: x.month, count: Number(x.n) })),
  };
}

/** SRO accounts not disabled, optionally only those assigned to one of `schoolIds`. */
export async function findActiveOfficerIds(
  db: Db,
  districtId: string,
  schoolIds?: readonly string[],
): Promise<string[]> {
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.districtId', '=', districtId)
    .where('u.role', '=', 'sro')
    .where('u.disabled', '=', 0)
    .where(inSchools(schoolIds));
  if (schoolIds?.length)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('userSchools as us')
          .select('us.userId')
          .whereRef('us.userId', '=', 'u.id')
          .where('us.schoolId', 'in', schoolIds),
      ),
    );
  return (await q.execute()).map((r) => r.id);
}

/** Which of `officerIds` had a contact on an incident located in a classroom since `since`. */
export async function findOfficersWithClassroomResponse(
  db: Db,
  districtId: string,
  officerIds: readonly string[],
  since: string,
  until: string,
  schoolIds?: readonly string[],
) {
  if (!officerIds.length) return [];
  let q = db
    .selectFrom('sroContacts as c')
    .innerJoin('incidents as i', 'i.id', 'c.incidentId')
    .select('c.officerId')
    .distinct()
    .where('c.districtId', '=', districtId)
    .where('c.officerId', 'in', officerIds)
    .where('c.reportedAt', '>=', since)
    .where('c.reportedAt', '<=', until)
    .where('i.location', '=', 'classroom');
  if (schoolIds?.length) q = q.where('i.schoolId', 'in', schoolIds);
  return (await q.execute()).map((r) => r.officerId);
}

export async function findNames(db: Db, districtId: string, officerIds: readonly string[]) {
  const schools = await db.selectFrom('schools').select(['id', 'name']).where('districtId', '=', districtId).execute();
  const officers = officerIds.length
    ? await db
        .selectFrom('users')
        .select(['id', 'displayName'])
        .where('id', 'in', [...new Set(officerIds)])
        .execute()
    : [];
  return {
    schools: new Map(schools.map((s) => [s.id, s.name])),
    officers: new Map(officers.map((o) => [o.id, o.displayName])),
  };
}
