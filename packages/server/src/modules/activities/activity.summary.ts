import {
  ACTIVITY_FUNCTION,
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivitySummary,
  type ActivitySummaryQuery,
  BJS_CLASSROOM_SHARE,
  COPS_IN_SCHOOL_SHARE,
  SRO_FUNCTIONS,
  localDate,
  schoolYearOfDate,
} from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { classroomResponse } from '../incidents/drift.service.js';
import * as repo from './activity.repository.js';
import { readerFilter } from './activity.service.js';

export interface FunctionHours {
  byKind: Map<ActivityKind, number>;
  total: number;
  inSchool: number;
}

/** Hours by kind, total and in schools, from minutes by kind (shared with the public page). */
export function hoursOf(rows: { kind: string; minutes: number; inSchool: number }[]): FunctionHours {
  const byKind = new Map<ActivityKind, number>(ACTIVITY_KINDS.map((k) => [k, 0]));
  let total = 0;
  let inSchool = 0;
  for (const r of rows) {
    if (!byKind.has(r.kind as ActivityKind)) continue;
    byKind.set(r.kind as ActivityKind, (byKind.get(r.kind as ActivityKind) ?? 0) + r.minutes / 60);
    total += r.minutes;
    inSchool += r.inSchool;
  }
  return { byKind, total: total / 60, inSchool: inSchool / 60 };
}

/** The three functions' hours and shares of the hours that count toward one (training and time away count toward none). */
export function functionShares(byKind: Map<ActivityKind, number>) {
  const hours = new Map(SRO_FUNCTIONS.map((f) => [f, 0]));
  for (const [kind, h] of byKind) {
    const f = ACTIVITY_FUNCTION[kind];
    if (f) hours.set(f, hours.get(f)! + h);
  }
  const sum = [...hours.values()].reduce((a, b) => a + b, 0);
  return SRO_FUNCTIONS.map((f) => ({ function: f, hours: hours.get(f)!, share: sum > 0 ? hours.get(f)! / sum : null }));
}

/** The first day of the school year `date` falls in, on the district's clock. */
export const schoolYearStartOf = (date: string, schoolYearStart: string) =>
  `${schoolYearOfDate(date, schoolYearStart).slice(0, 4)}-${schoolYearStart}`;

export async function activitySummary(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: ActivitySummaryQuery,
): Promise<ActivitySummary> {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'activity.list', districtId);
  const now = new Date();
  const today = localDate(now, district.timeZone);
  const from = q.from ?? schoolYearStartOf(today, district.schoolYearStart);
  const to = q.to ?? today;
  const reader = readerFilter(actor, scope);
  const rows = await repo.minutesByKind(ctx.db, {
    districtId: district.id,
    officerId: q.officerId,
    schoolId: q.schoolId,
    from,
    to,
    ...reader,
  });
  const h = hoursOf(rows);
  const target = q.inSchoolTarget ?? COPS_IN_SCHOOL_SHARE;
  const share = h.total > 0 ? h.inSchool / h.total : null;
  // The same measure as the role-drift dashboard, for the schools this reader looks at.
  const schoolIds = q.schoolId ? [q.schoolId] : scope === 'school' ? actor.schoolIds : undefined;
  const classroom = await classroomResponse(ctx, district.id, now, district.timeZone, schoolIds);
  return {
    districtId: district.id,
    from,
    to,
    totalHours: h.total,
    items: ACTIVITY_KINDS.map((kind) => ({ kind, function: ACTIVITY_FUNCTION[kind], hours: h.byKind.get(kind) ?? 0 })),
    byFunction: functionShares(h.byKind),
    inSchools: { hours: h.inSchool, share, target, meetsTarget: share === null ? null : share >= target },
    classroom: { ...classroom, bjsShare: BJS_CLASSROOM_SHARE },
  };
}
