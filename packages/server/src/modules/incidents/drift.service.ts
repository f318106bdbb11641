import {
  FLAG_KINDS,
  type FlagKind,
  addDays,
  localDate,
  localMonth,
  startOfLocalDay,
  type RoleDrift,
  type RoleDriftQuerySchema,
} from '@forefront/contract';
import type { z } from 'zod';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import { referralsByGroup } from '../referrals/referral.drift.js';
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
        { path: 'querystring.schoolId', message: 'Unknown school', code: 'unknown_school' },
      ]);
    if (scope === 'school' && !actor.schoolIds.includes(q.schoolId)) throw new ForbiddenError();
    schoolIds = [q.schoolId];
  }
  const now = new Date();
  // Months are the district's: "this month" and every bucket are read on its clock.
  const to = q.to ?? localMonth(now, d.timeZone);
  const from = q.from ?? monthAt(monthIndex(to) - 11);
  if (from > to)
    throw new ValidationError('The first month must not be after the last', [
      { path: 'querystring.from', message: 'After "to"', code: 'after_end' },
    ]);
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS)
    throw new ValidationError(`Ask for at most ${MAX_MONTHS} months at a time`, [
      { path: 'querystring.from', message: 'Range too long', code: 'range_too_long', params: { maximum: MAX_MONTHS } },
    ]);

  const [rows, kinds, outsideRows] = await Promise.all([
    repo.findDriftRows(ctx.db, d.id, from, to, schoolIds),
    repo.findFlagKindTotals(ctx.db, d.id, from, to, schoolIds),
    repo.findOutsideRows(ctx.db, d.id, from, to, schoolIds),
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

  const outside = outsideByMonth(from, to, outsideRows);
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
    outside,
    referralsByGroup: await referralsByGroup(ctx.db, d.id, from, to, d.timeZone, schoolIds),
    classroomResponse: await classroomResponse(ctx, d.id, now, d.timeZone, schoolIds),
  };
}

type OutsideCounts = RoleDrift['outside']['byMonth'][number];

/** Outside law enforcement by month and in total, every month of the range present (as byMonth). */
function outsideByMonth(
  from: string,
  to: string,
  rows: Awaited<ReturnType<typeof repo.findOutsideRows>>,
): RoleDrift['outside'] {
  const byMonth = new Map<string, OutsideCounts>();
  for (let i = monthIndex(from); i <= monthIndex(to); i++)
    byMonth.set(monthAt(i), { month: monthAt(i), staffReferrals: 0, outsideArrests: 0, flagged: 0 });
  for (const r of rows.referrals) {
    const m = byMonth.get(r.month);
    if (m) Object.assign(m, { staffReferrals: r.staffReferrals, outsideArrests: r.outsideArrests });
  }
  for (const f of rows.flagged) {
    const m = byMonth.get(f.month);
    if (m) m.flagged = f.count;
  }
  const months = [...byMonth.values()];
  const sum = (k: 'staffReferrals' | 'outsideArrests' | 'flagged') => months.reduce((n, m) => n + m[k], 0);
  return {
    staffReferrals: sum('staffReferrals'),
    outsideArrests: sum('outsideArrests'),
    flagged: sum('flagged'),
    byMonth: months,
  };
}

/**
 * BJS measure: the share of active SROs (accounts not disabled; for a school view, those assigned
 * to the school) with at least one contact on an incident in a classroom in the 30 days before
 * today, days being the district's (from local midnight 30 days before today, on its clock).
 * Bounded to 30 days, so it reads few rows through the sro_contacts_officer index.
 */
export async function classroomResponse(
  ctx: Pick<AppContext, 'db'>,
  districtId: string,
  now: Date,
  timeZone: string,
  schoolIds?: readonly string[],
) {
  const today = localDate(now, timeZone);
  const since = startOfLocalDay(addDays(today, -BJS_WINDOW_DAYS), timeZone);
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
