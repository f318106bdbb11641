import { FLAG_KINDS, type FlagKind, type RoleDrift, type RoleDriftQuerySchema } from '@forefront/contract';
import type { z } from 'zod';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import * as repo from './drift.repository.js';
import { findSchool } from './incident.repository.js';

/** The longest range one request may ask for (ten years of months), so a typo cannot ask for millennia. */
const MAX_MONTHS = 120;
/** BJS: "responded to a call in a classroom" within the last 30 days. */
const BJS_WINDOW_DAYS = 30;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthAt = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

type Counts = {
  contacts: number;
  routineDisciplineContacts: number;
  violations: number;
  arrests: number;
  referrals: number;
};
const zero = (): Counts => ({ contacts: 0, routineDisciplineContacts: 0, violations: 0, arrests: 0, referrals: 0 });

/**
 * The role-drift dashboard: how often officers act outside the MOU, by month, school and officer,
 * from the monthly aggregates only; plus the BJS classroom-response measure. Aggregates name no
 * student, so reading them is not a student-record access (no audit event).
 */
export async function readRoleDrift(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: z.infer<typeof RoleDriftQuerySchema>,
): Promise<RoleDrift> {
  const { district: d, scope } = await loadDistrictForList(ctx.db, actor, 'drift.read', districtId);
  let schoolIds: readonly string[] | undefined = scope === 'school' ? actor.schoolIds : undefined;
  if (q.schoolId) {
    if (!(await findSchool(ctx.db, d.id, q.schoolId)))
      throw new ValidationError('This school is not in the district', [
        { path: 'querystring.schoolId', message: 'Unknown school' },
      ]);
    if (scope === 'school' && !actor.schoolIds.includes(q.schoolId)) throw new ForbiddenError();
    schoolIds = [q.schoolId];
  }
  const now = new Date();
  const to = q.to ?? now.toISOString().slice(0, 7);
  const from = q.from ?? monthAt(monthIndex(to) - 11);
  if (from > to)
    throw new ValidationError('The first month must not be after the last', [
      { path: 'querystring.from', message: 'After "to"' },
    ]);
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS)
    throw new ValidationError(`Ask for at most ${MAX_MONTHS} months at a time`, [
      { path: 'querystring.from', message: 'Range too long' },
    ]);

  const [rows, kinds] = await Promise.all([
    repo.findDriftRows(ctx.db, d.id, from, to, schoolIds),
    repo.findFlagKindTotals(ctx.db, d.id, from, to, schoolIds),
  ]);
  const totals = zero();
  const byMonth = new Map<string, Counts>();
  for (let i = monthIndex(from); i <= monthIndex(to); i++) byMonth.set(monthAt(i), zero());
  const bySchool = new Map<string, Counts>();
  const byOfficer = new Map<string, Counts>();
  const add = (acc: Counts, r: (typeof rows)[number]) => {
    acc.contacts += Number(r.contacts);
    acc.routineDisciplineContacts += Number(r.routineContacts);
    acc.violations += Number(r.violations);
    acc.arrests += Number(r.arrests);
    acc.referrals += Number(r.referrals);
  };
  for (const r of rows) {
    if (![r.contacts, r.routineContacts, r.violations, r.arrests, r.referrals].some((n) => Number(n) !== 0)) continue;
    add(totals, r);
    add(byMonth.get(r.month) ?? byMonth.set(r.month, zero()).get(r.month)!, r);
    add(bySchool.get(r.schoolId) ?? bySchool.set(r.schoolId, zero()).get(r.schoolId)!, r);
    add(byOfficer.get(r.officerId) ?? byOfficer.set(r.officerId, zero()).get(r.officerId)!, r);
  }
  const byKind = Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<FlagKind, number>;
  for (const k of kinds) if (k.kind in byKind) byKind[k.kind as FlagKind] = k.count;

  const names = await repo.findNames(ctx.db, d.id, [...byOfficer.keys()]);
  return {
    districtId: d.id,
    from,
    to,
    totals: { ...totals, byKind },
    byMonth: [...byMonth].map(([month, c]) => ({ month, ...c })),
    items: [...bySchool]
      .map(([schoolId, c]) => ({ schoolId, schoolName: names.schools.get(schoolId) ?? '', ...c }))
      .sort((a, b) => a.schoolName.localeCompare(b.schoolName)),
    byOfficer: [...byOfficer]
      .map(([officerId, c]) => ({ officerId, officerName: names.officers.get(officerId) ?? '', ...c }))
      .sort((a, b) => a.officerName.localeCompare(b.officerName)),
    classroomResponse: await classroomResponse(ctx, d.id, now, schoolIds),
  };
}

/**
 * BJS measure: the share of active SROs (accounts not disabled; for a school view, those assigned
 * to the school) with at least one contact on an incident in a classroom in the 30 days before
 * today. Bounded to 30 days, so it reads few rows through the sro_contacts_officer index.
 */
export async function classroomResponse(
  ctx: Pick<AppContext, 'db'>,
  districtId: string,
  now: Date,
  schoolIds?: readonly string[],
) {
  const today = now.toISOString().slice(0, 10);
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - BJS_WINDOW_DAYS * 86_400_000).toISOString();
  const active = await repo.findActiveOfficerIds(ctx.db, districtId, schoolIds);
  const withResponse = await repo.findOfficersWithClassroomResponse(
    ctx.db,
    districtId,
    active,
    since,
    now.toISOString(),
    schoolIds,
  );
  return {
    activeOfficers: active.length,
    withClassroomResponse: withResponse.length,
    share: active.length ? withResponse.length / active.length : null,
    asOf: today,
  };
}
