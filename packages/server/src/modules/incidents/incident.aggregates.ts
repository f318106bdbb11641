import type { Db } from '../../db/database.js';
import type { driftContribution } from './incident.derive.js';

type Contribution = ReturnType<typeof driftContribution>;
const COUNT_COLUMNS = [
  'contacts',
  'routineContacts',
  'classroomContacts',
  'violations',
  'arrests',
  'referrals',
] as const;

/**
 * Keeps the monthly role-drift aggregates in step with one incident's change: the difference
 * between its new contribution and its old one (null when it is new) is added in the same
 * transaction as the change, so the dashboard never scans incidents and never drifts from them.
 */
export async function applyDriftChange(
  db: Db,
  districtId: string,
  before: Contribution | null,
  after: Contribution,
): Promise<void> {
  const rows = new Map<string, Record<string, string | number>>();
  const add = (sign: 1 | -1, c: Contribution) => {
    for (const r of c.rows) {
      const key = `${r.month}|${r.schoolId}|${r.officerId}`;
      const acc =
        rows.get(key) ??
        rows
          .set(key, {
            month: r.month,
            schoolId: r.schoolId,
            officerId: r.officerId,
            ...Object.fromEntries(COUNT_COLUMNS.map((k) => [k, 0])),
          })
          .get(key)!;
      for (const k of COUNT_COLUMNS) acc[k] = (acc[k] as number) + sign * r[k];
    }
  };
  if (before) add(-1, before);
  add(1, after);
  // In key order: concurrent writes of different incidents then lock shared rows in the same
  // order on PostgreSQL instead of deadlocking.
  const monthly = [...rows]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, r]) => r)
    .filter((r) => COUNT_COLUMNS.some((k) => r[k] !== 0));

  const kinds = new Map<string, { month: string; schoolId: string; officerId: string; kind: string; count: number }>();
  const addKinds = (sign: 1 | -1, c: Contribution) => {
    for (const f of c.flagCounts) {
      const key = `${f.month}|${f.schoolId}|${f.officerId}|${f.kind}`;
      const acc =
        kinds.get(key) ??
        kinds
          .set(key, { month: f.month, schoolId: f.schoolId, officerId: f.officerId, kind: f.kind, count: 0 })
          .get(key)!;
      acc.count += sign * f.count;
    }
  };
  if (before) addKinds(-1, before);
  addKinds(1, after);
  const flagRows = [...kinds]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, k]) => k)
    .filter((k) => k.count !== 0);

  // Keys are unique within each statement (PostgreSQL refuses to upsert the same row twice in one).
  if (monthly.length)
    await db
      .insertInto('roleDriftMonthly')
      .values(monthly.map((r) => ({ districtId, ...r }) as never))
      .onConflict((oc) =>
        oc.columns(['districtId', 'month', 'schoolId', 'officerId']).doUpdateSet((eb) => ({
          contacts: eb('roleDriftMonthly.contacts', '+', eb.ref('excluded.contacts')),
          routineContacts: eb('roleDriftMonthly.routineContacts', '+', eb.ref('excluded.routineContacts')),
          classroomContacts: eb('roleDriftMonthly.classroomContacts', '+', eb.ref('excluded.classroomContacts')),
          violations: eb('roleDriftMonthly.violations', '+', eb.ref('excluded.violations')),
          arrests: eb('roleDriftMonthly.arrests', '+', eb.ref('excluded.arrests')),
          referrals: eb('roleDriftMonthly.referrals', '+', eb.ref('excluded.referrals')),
        })),
      )
      .execute();
  if (flagRows.length)
    await db
      .insertInto('roleDriftFlagsMonthly')
      .values(flagRows.map((r) => ({ districtId, ...r })))
      .onConflict((oc) =>
        oc
          .columns(['districtId', 'month', 'schoolId', 'officerId', 'kind'])
          .doUpdateSet((eb) => ({ count: eb('roleDriftFlagsMonthly.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
}
