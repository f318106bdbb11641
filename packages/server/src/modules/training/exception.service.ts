import { addMonths, type ExceptionCreateInput, type ExceptionListQuery, type OfficerDetail } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import * as repo from './exception.repository.js';
import { findSchoolOfDistrict } from './officer.repository.js';
import { detailOf, loadOfficerFor } from './officer.service.js';
import { todayOf } from './officer.view.js';

/**
 * Exceptions to the assignment gate (issue 14 item 1): a district administrator lets an officer who
 * does not meet the standard be assigned (at one school or any), for a reason, until a date at most
 * a year away. Staff information, not a student's: the reason is kept as plain text.
 */
export async function approveException(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  input: ExceptionCreateInput,
): Promise<OfficerDetail> {
  const { district: d } = await loadOfficerFor(ctx.db, actor, 'assignment.exception', officerId);
  const today = todayOf(d);
  if (input.expiresOn <= today)
    throw new ValidationError('The exception must expire after today', [
      { path: 'expiresOn', code: 'expiry_not_future', message: `Today is ${today}` },
    ]);
  const latest = addMonths(today, 12);
  if (input.expiresOn > latest)
    throw new ValidationError('An exception lasts at most one year', [
      { path: 'expiresOn', code: 'expiry_too_far', message: `At most ${latest}`, params: { maximum: latest } },
    ]);
  const schoolId = input.schoolId ?? null;
  if (schoolId !== null && !(await findSchoolOfDistrict(ctx.db, d.id, schoolId)))
    throw new ValidationError('Choose a school of this district', [
      { path: 'schoolId', code: 'unknown_school', message: 'Not a school of this district' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    await repo.insertException(trx, {
      id,
      districtId: d.id,
      officerId,
      schoolId,
      reason: input.reason,
      approvedBy: actor.userId,
      expiresOn: input.expiresOn,
      createdAt: nowIso(),
      revokedAt: null,
      revokedBy: null,
    });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'assignment.exception_approved', officerId, exceptionId: id, schoolId, expiresOn: input.expiresOn },
    );
  });
  return detailOf(ctx.db, d, officerId);
}

export async function revokeException(ctx: AppContext, actor: Actor, id: string): Promise<OfficerDetail> {
  const found = await repo.findException(ctx.db, id);
  const d = found ? await findDistrict(ctx.db, found.districtId) : undefined;
  if (!found || !d) throw new NotFoundError('Exception');
  authorize(actor, 'assignment.exception', { districtId: d.id, state: d.state }, 'Exception');
  await ctx.db.transaction().execute(async (trx) => {
    const e = await repo.findException(trx, id);
    if (!e) throw new NotFoundError('Exception');
    if (e.revokedAt !== null) throw new ConflictError('This exception was already revoked', 'exception_revoked');
    await repo.revokeException(trx, id, nowIso(), actor.userId);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'assignment.exception_revoked', officerId: e.officerId, exceptionId: id },
    );
  });
  return detailOf(ctx.db, d, found.officerId);
}

/**
 * Every exception of the district, current and past. Staff information the roster's readers may
 * see; a principal sees only those of officers serving their schools today.
 */
export async function listExceptions(ctx: AppContext, actor: Actor, districtId: string, q: ExceptionListQuery) {
  const { district: d, scope } = await loadDistrictForList(ctx.db, actor, 'officer.list', districtId);
  const day = todayOf(d);
  if (scope !== 'school')
    return { ...(await repo.findExceptions(ctx.db, d.id, { ...q, day })), limit: q.limit, offset: q.offset };
  const all = await repo.findExceptions(ctx.db, d.id, { state: q.state, day });
  const serving = new Set(
    (
      await ctx.db
        .selectFrom('officerAssignments')
        .select('officerId')
        .where('districtId', '=', d.id)
        .where('schoolId', 'in', actor.schoolIds.length ? [...actor.schoolIds] : [''])
        .where('startsOn', '<=', day)
        .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', day)]))
        .execute()
    ).map((r) => r.officerId),
  );
  const mine = all.items.filter((e) => serving.has(e.officerId));
  return { items: mine.slice(q.offset, q.offset + q.limit), total: mine.length, limit: q.limit, offset: q.offset };
}
