import {
  DEFAULT_EQUITY_THRESHOLD,
  type EquityAudit,
  type EquityQuery,
  addDays,
  localDate,
  schoolYearOfDate,
  startOfLocalDay,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { type LoadedDistrict, loadDistrictFor } from '../../shared/load-district.js';
import { schoolYearStartOf } from '../activities/activity.summary.js';
import { appendAudit } from '../audit/audit.service.js';
import { enrollmentCells, enrollmentDate, loadRoster } from '../transparency/transparency.enrollment.js';
import { equityAlerts, equityGroups, sumByGroup } from './equity.compute.js';
import * as repo from './equity.repository.js';

/**
 * The enrollment the per-1,000 rates divide by: the transparency report's roster snapshot
 * (October 1 count day) of the school year the range ENDS in. Why that one: a range is usually
 * one school year, and its count date is the roster the public report of that year used, so the
 * audit's rates and the public figures agree; for a range of several years the latest snapshot is
 * the roster closest to the cases a reader is deciding about now (an average of yearly snapshots
 * would describe no real roster). The stored snapshot is read when the year has one (publishing
 * makes it); otherwise the same snapshot rule runs in memory, writing nothing from a read.
 */
export async function enrollmentFor(db: Db, district: LoadedDistrict, to: string, today: string, schoolId?: string) {
  const schoolYear = schoolYearOfDate(to, district.schoolYearStart);
  const asOf = enrollmentDate(schoolYear, today);
  const stored = await repo.storedEnrollment(db, district.id, schoolYear, schoolId);
  if (stored) return { schoolYear, asOf, enrolled: stored };
  const enrolled = new Map<string, number>();
  for (const c of enrollmentCells(await loadRoster(db, district.id), asOf).values())
    if (!schoolId || c.schoolId === schoolId) enrolled.set(c.key, (enrolled.get(c.key) ?? 0) + c.value);
  return { schoolYear, asOf, enrolled };
}

/** The audit's range: local dates on the district's clock (default: the school year so far). */
function rangeOf(district: LoadedDistrict, q: EquityQuery, today: string) {
  const to = q.to ?? today;
  const from = q.from ?? schoolYearStartOf(to, district.schoolYearStart);
  if (from > to)
    throw new ValidationError('to must not come before from', [
      { path: 'querystring.to', message: 'Before "from"', code: 'ends_before_start' },
    ]);
  return { from, to };
}

/** GET /api/districts/:id/equity: the audit of cases and referrals by student group (aggregates; audited). */
export async function equityAudit(ctx: AppContext, actor: Actor, districtId: string, q: EquityQuery) {
  const district = await loadDistrictFor(ctx.db, actor, 'equity.read', districtId);
  const today = localDate(new Date(), district.timeZone);
  const { from, to } = rangeOf(district, q, today);
  return ctx.db.transaction().execute(async (trx): Promise<EquityAudit> => {
    if (q.schoolId) {
      const school = await trx
        .selectFrom('schools')
        .select('id')
        .where('id', '=', q.schoolId)
        .where('districtId', '=', district.id)
        .executeTakeFirst();
      if (!school) throw new NotFoundError('School');
    }
    const filter = {
      districtId: district.id,
      schoolId: q.schoolId,
      from: startOfLocalDay(from, district.timeZone),
      to: startOfLocalDay(addDays(to, 1), district.timeZone),
    };
    const [{ combos: cases, students }, referrals, settings, enrollment] = await Promise.all([
      repo.caseAggregates(trx, filter),
      repo.referralCounts(trx, filter),
      repo.findEquitySettings(trx, district.id),
      enrollmentFor(trx, district, to, today, q.schoolId),
    ]);
    const threshold = settings?.equityThreshold ?? DEFAULT_EQUITY_THRESHOLD;
    const counts = { cases, students, referrals, enrolled: enrollment.enrolled };
    const sums = sumByGroup(counts);
    const groups = equityGroups(counts, sums);
    const alerts = equityAlerts(groups, threshold);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: { userId: actor.userId, role: actor.role }, districtId: district.id },
      { kind: 'equity.read', schoolId: q.schoolId ?? null, from, to, alerts: alerts.length },
    );
    return {
      id: district.id,
      districtId: district.id,
      schoolId: q.schoolId ?? null,
      from,
      to,
      enrollment: {
        schoolYear: enrollment.schoolYear,
        asOf: enrollment.asOf,
        total: enrollment.enrolled.get('all:*') ?? 0,
      },
      threshold,
      totals: {
        cases: sums.cases('*').cases,
        students: sums.students('*'),
        referrals: sums.refs('*').made,
      },
      groups,
      alerts,
    };
  });
}
