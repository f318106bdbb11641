import {
  ACTIVITY_DELETE_DAYS,
  ACTIVITY_KINDS_WITHOUT_SCHOOL,
  ACTIVITY_MAX_DAY_HOURS,
  type Activity,
  type ActivityInput,
  type ActivityKind,
  type ActivityListQuery,
  type ActivityLogged,
  type ActivityPage,
  canSeeDistrict,
  localDate,
  scopeOf,
} from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import { loadKey } from '../../keys/keys.js';
import { seal, unseal } from '../../keys/seal.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { districtOrNotFound, loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findSchool } from '../districts/district.repository.js';
import * as repo from './activity.repository.js';

/** The note may name a student: sealed under the data key, bound to its row. */
const noteContext = (id: string) => `officer_activities.note:${id}`;
const DAY_MINUTES = ACTIVITY_MAX_DAY_HOURS * 60;
const withoutSchool = (kind: ActivityKind) => (ACTIVITY_KINDS_WITHOUT_SCHOOL as readonly string[]).includes(kind);

/**
 * Who may write an officer's time: a district-wide writer (the district administrator) for anyone;
 * a school-scoped writer (an SRO) only for the roster entry linked to their own account, and only at
 * a school of their own. Unseen districts answer 404 like a missing id.
 */
function authorizeWrite(
  actor: Actor,
  district: { id: string; state: string },
  officerUserId: string | null,
  schoolId: string | null,
  what = 'Officer',
) {
  const resource = { districtId: district.id, state: district.state };
  if (!canSeeDistrict(actor, resource)) throw new NotFoundError(what);
  const scope = scopeOf(actor.role, 'activity.write');
  if (scope === 'district' && actor.districtId === district.id) return;
  if (scope === 'school' && officerUserId === actor.userId && (!schoolId || actor.schoolIds.includes(schoolId))) return;
  throw new ForbiddenError(undefined, district.id);
}

const isDistrictWriter = (actor: Actor, districtId: string) =>
  scopeOf(actor.role, 'activity.write') === 'district' && actor.districtId === districtId;

const withinDeleteWindow = (createdAt: string, now: Date) =>
  now.getTime() - Date.parse(createdAt) <= ACTIVITY_DELETE_DAYS * 24 * 3600 * 1000;

export async function logActivity(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  input: ActivityInput,
): Promise<ActivityLogged> {
  const officer = await repo.findOfficer(ctx.db, officerId);
  if (!officer) throw new NotFoundError('Officer');
  const district = await districtOrNotFound(ctx.db, officer.districtId);
  const schoolId = input.kind === 'away_from_school' ? null : (input.schoolId ?? null);
  authorizeWrite(actor, district, officer.userId, schoolId);

  const today = localDate(new Date(), district.timeZone);
  if (input.activityOn > today)
    throw new ValidationError('The date cannot be in the future', [
      { path: 'activityOn', message: 'The date cannot be in the future', code: 'in_future' },
    ]);
  if (!schoolId && !withoutSchool(input.kind))
    throw new ValidationError('Choose the school', [
      { path: 'schoolId', message: 'Choose the school', code: 'school_required' },
    ]);
  if (schoolId) {
    const school = await findSchool(ctx.db, schoolId);
    if (!school || school.districtId !== district.id)
      throw new ValidationError('Unknown school', [
        { path: 'schoolId', message: 'This school is not in the district', code: 'unknown_school' },
      ]);
  }

  const minutes = Math.round(input.hours * 60);
  const id = newId();
  const note = input.note ? input.note : null;
  const noteSealed = note ? seal(loadKey(ctx.config.keys, 'data', { create: true }), note, noteContext(id)) : null;
  const createdAt = nowIso();
  const dayMinutes = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockOfficer(trx, ctx.dialect, officer.id);
    const logged = await repo.minutesOnDay(trx, officer.id, input.activityOn);
    if (logged + minutes > DAY_MINUTES)
      throw new AppError(400, 'activity_day_full', `The day would pass ${ACTIVITY_MAX_DAY_HOURS} hours`, undefined, {
        loggedHours: logged / 60,
        maxHours: ACTIVITY_MAX_DAY_HOURS,
      });
    await repo.insertActivity(trx, {
      id,
      districtId: district.id,
      officerId: officer.id,
      schoolId,
      activityOn: input.activityOn,
      kind: input.kind,
      minutes,
      noteSealed,
      createdBy: actor.userId,
      createdAt,
    });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      {
        kind: 'activity.logged',
        activityId: id,
        officerId: officer.id,
        schoolId,
        activityOn: input.activityOn,
        activityKind: input.kind,
        minutes,
      },
    );
    return logged + minutes;
  });
  const schoolName = schoolId ? ((await findSchool(ctx.db, schoolId))?.name ?? null) : null;
  return {
    id,
    districtId: district.id,
    officerId: officer.id,
    officerName: officer.name,
    schoolId,
    schoolName,
    activityOn: input.activityOn,
    kind: input.kind,
    hours: minutes / 60,
    note,
    createdBy: actor.userId,
    createdAt,
    deletable: true,
    dayHours: dayMinutes / 60,
  };
}

/** What rows a reader sees: district readers all; principals their schools; officers their own entries. */
export function readerFilter(actor: Actor, scope: string): Pick<repo.ActivityFilter, 'schoolIds' | 'ownUserId'> {
  if (scope !== 'school') return {};
  return actor.role === 'sro' ? { ownUserId: actor.userId } : { schoolIds: actor.schoolIds.filter(Boolean) };
}

export async function listActivities(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: ActivityListQuery,
): Promise<ActivityPage> {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'activity.list', districtId);
  const reader = readerFilter(actor, scope);
  const filter = {
    districtId: district.id,
    officerId: q.officerId,
    schoolId: q.schoolId,
    from: q.from,
    to: q.to,
    ...reader,
  };
  const { items, total } = await repo.findActivities(ctx.db, filter, q.limit, q.offset);
  const now = new Date();
  const today = localDate(now, district.timeZone);
  const officers = await repo.findPickableOfficers(ctx.db, district.id, today, reader);
  const key = items.some((r) => r.noteSealed) ? loadKey(ctx.config.keys, 'data', { create: false }) : null;
  const out: Activity[] = items.map((r) => ({
    id: r.id,
    districtId: r.districtId,
    officerId: r.officerId,
    officerName: r.officerName,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    activityOn: r.activityOn,
    kind: r.kind as ActivityKind,
    hours: r.minutes / 60,
    note: r.noteSealed && key ? unseal(key, r.noteSealed, noteContext(r.id)) : null,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    deletable:
      withinDeleteWindow(r.createdAt, now) &&
      (isDistrictWriter(actor, district.id) ||
        (r.createdBy === actor.userId && scopeOf(actor.role, 'activity.write') !== 'none')),
  }));
  // Notes are free text that may name a student: a page that shows any is a read worth recording.
  if (out.some((a) => a.note !== null))
    await ctx.db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { dialect: ctx.dialect, actor, districtId: district.id },
          { kind: 'activity.listed', count: out.length, officerId: q.officerId ?? null, schoolId: q.schoolId ?? null },
        ),
      );
  return {
    items: out,
    total,
    limit: q.limit,
    offset: q.offset,
    officers: officers.map((o) => ({ id: o.id, name: o.name, schoolIds: o.schoolIds, own: o.userId === actor.userId })),
  };
}

export async function deleteActivity(ctx: AppContext, actor: Actor, id: string): Promise<{ ok: true }> {
  const row = await repo.findActivity(ctx.db, id);
  if (!row) throw new NotFoundError('Activity');
  const district = await districtOrNotFound(ctx.db, row.districtId);
  const officer = await repo.findOfficer(ctx.db, row.officerId);
  if (isDistrictWriter(actor, district.id)) {
    // The district administrator may withdraw anyone's entry.
  } else {
    authorizeWrite(actor, district, officer?.userId ?? null, row.schoolId, 'Activity');
    if (row.createdBy !== actor.userId) throw new ForbiddenError(undefined, district.id);
  }
  if (!withinDeleteWindow(row.createdAt, new Date()))
    throw new ConflictError('Entries can be withdrawn only within 7 days', 'activity_too_old', {
      days: ACTIVITY_DELETE_DAYS,
    });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteActivity(trx, id);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'activity.deleted', activityId: id, officerId: row.officerId, activityOn: row.activityOn },
    );
  });
  return { ok: true };
}
