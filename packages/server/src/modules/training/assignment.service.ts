import {
  evaluateCompliance,
  type AssignmentCreateInput,
  type AssignmentEndInput,
  type ComplianceReason,
  type OfficerDetail,
} from '@forefront/contract';
import { nowIso, type Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ConflictError, NotFoundError, ValidationError, type Issue } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { LoadedDistrict } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { approvedRecordsByOfficer } from './compliance.compute.js';
import { findCurrentException } from './exception.repository.js';
import * as repo from './officer.repository.js';
import { detailOf, loadOfficerFor } from './officer.service.js';
import { todayOf } from './officer.view.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Assignments of officers to schools and THE assignment gate (issue 14 item 1): before an officer
 * starts in a school, the rules due before assignment are judged as of the start (or today, if the
 * start is past), and the district's gate mode decides what an unmet standard does.
 */
export type GateAnswer =
  | { gate: 'off' | 'met'; reasons: ComplianceReason[]; exceptionId: null }
  | { gate: 'exception'; reasons: ComplianceReason[]; exceptionId: string }
  | { gate: 'warn' | 'block'; reasons: ComplianceReason[]; exceptionId: null };

export async function gateFor(db: Db, d: LoadedDistrict, officerId: string, schoolId: string, startsOn: string) {
  const standard = await findStandard(db, d.id);
  if (standard.gateMode === 'off') return { gate: 'off', reasons: [], exceptionId: null } satisfies GateAnswer;
  const today = todayOf(d);
  const records = (await approvedRecordsByOfficer(db, d.id, [officerId])).get(officerId) ?? [];
  const result = evaluateCompliance({
    rules: standard.rules.filter((r) => r.kind !== 'annual_hours' && r.due.when === 'before_assignment'),
    records,
    assignedSince: startsOn,
    asOf: startsOn > today ? startsOn : today,
    yearStart: d.schoolYearStart,
  });
  const reasons = result.reasons.filter((r) => r.overdue);
  if (result.rules.every((r) => r.met)) return { gate: 'met', reasons: [], exceptionId: null } satisfies GateAnswer;
  const exception = await findCurrentException(db, officerId, schoolId, today);
  if (exception) return { gate: 'exception', reasons, exceptionId: exception.id } satisfies GateAnswer;
  return { gate: standard.gateMode, reasons, exceptionId: null } satisfies GateAnswer;
}

/** The reasons as a 409's issues: codes and params, so the page says them in the reader's language. */
const reasonIssues = (reasons: ComplianceReason[]): Issue[] =>
  reasons.map((r) => ({
    path: `training.${r.rule}`,
    code: r.code,
    message: `Rule ${r.rule}: ${r.code.replace('_', ' ')}`,
    params: {
      ...(r.params.hours !== undefined && { hours: r.params.hours }),
      ...(r.params.topics !== undefined && { topics: r.params.topics }),
      ...(r.params.credential !== undefined && { credential: r.params.credential }),
      ...(r.params.date !== undefined && { date: r.params.date }),
      ...(r.params.year !== undefined && { year: r.params.year }),
    },
  }));

function gateError(mode: 'warn' | 'block', reasons: ComplianceReason[]) {
  const reason = mode === 'block' ? 'training_gate' : 'training_warning';
  const message =
    mode === 'block'
      ? 'The officer does not meet the training standard; the district blocks the assignment without an exception'
      : 'The officer does not meet the training standard; send confirmWarning to assign anyway';
  return new AppError(409, 'conflict', message, reasonIssues(reasons), { reason, rules: reasons.map((r) => r.rule) });
}

export async function createAssignment(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  input: AssignmentCreateInput,
): Promise<OfficerDetail> {
  const { district: d } = await loadOfficerFor(ctx.db, actor, 'officer.assign', officerId);
  const audit = { dialect: ctx.dialect, actor, districtId: d.id };
  const blocked = await ctx.db.transaction().execute(async (trx) => {
    const officer = await repo.findOfficer(trx, officerId);
    if (!officer) throw new NotFoundError('Officer');
    if (officer.status !== 'active')
      throw new ValidationError('Only an active officer can be assigned', [
        { path: 'officerId', code: 'officer_not_active', message: 'The officer is inactive' },
      ]);
    if (!(await repo.findSchoolOfDistrict(trx, d.id, input.schoolId)))
      throw new ValidationError('Choose a school of this district', [
        { path: 'schoolId', code: 'unknown_school', message: 'Not a school of this district' },
      ]);
    const overlap = await trx
      .selectFrom('officerAssignments')
      .select('id')
      .where('officerId', '=', officerId)
      .where('schoolId', '=', input.schoolId)
      .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', input.startsOn)]))
      .executeTakeFirst();
    if (overlap)
      throw new ConflictError('The officer is already assigned to this school on those dates', 'assignment_overlap');
    const answer: GateAnswer = await gateFor(trx, d, officerId, input.schoolId, input.startsOn);
    const codes = answer.reasons.map((r) => r.code);
    if (answer.gate === 'block') {
      // The refusal is recorded (committed), then answered: nothing else is written.
      await appendAudit(trx, audit, {
        kind: 'assignment.blocked',
        officerId,
        schoolId: input.schoolId,
        startsOn: input.startsOn,
        reasons: codes,
      });
      return answer.reasons;
    }
    if (answer.gate === 'warn' && input.confirmWarning !== true) throw gateError('warn', answer.reasons);
    const id = newId();
    const gate = answer.gate === 'warn' ? 'warned' : answer.gate;
    await trx
      .insertInto('officerAssignments')
      .values({
        id,
        districtId: d.id,
        officerId,
        schoolId: input.schoolId,
        startsOn: input.startsOn,
        endsOn: null,
        gate,
        exceptionId: answer.exceptionId,
        createdBy: actor.userId,
        createdAt: nowIso(),
      })
      .execute();
    await appendAudit(trx, audit, {
      kind: 'assignment.created',
      officerId,
      assignmentId: id,
      schoolId: input.schoolId,
      startsOn: input.startsOn,
      gate,
      exceptionId: answer.exceptionId,
      reasons: codes,
    });
    return null;
  });
  if (blocked) throw gateError('block', blocked);
  return detailOf(ctx.db, d, officerId);
}

export async function endAssignment(ctx: AppContext, actor: Actor, id: string, input: AssignmentEndInput) {
  const found = await repo.findAssignment(ctx.db, id);
  const d = found ? await findDistrict(ctx.db, found.districtId) : undefined;
  if (!found || !d) throw new NotFoundError('Assignment');
  authorize(actor, 'officer.assign', { districtId: d.id, state: d.state, schoolIds: [found.schoolId] }, 'Assignment');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await repo.findAssignment(trx, id);
    if (!a) throw new NotFoundError('Assignment');
    if (input.endsOn < a.startsOn)
      throw new ValidationError('The end must not come before the start', [
        { path: 'endsOn', code: 'ends_before_start', message: `Starts on ${a.startsOn}` },
      ]);
    // Ending again corrects the date; a later end must not run into the next assignment at the school.
    const next = await trx
      .selectFrom('officerAssignments')
      .select('id')
      .where('officerId', '=', a.officerId)
      .where('schoolId', '=', a.schoolId)
      .where('id', '<>', a.id)
      .where('startsOn', '>', a.startsOn)
      .where('startsOn', '<=', input.endsOn)
      .executeTakeFirst();
    if (next)
      throw new ConflictError('The officer has a later assignment at this school by then', 'assignment_overlap');
    await trx.updateTable('officerAssignments').set({ endsOn: input.endsOn }).where('id', '=', id).execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      {
        kind: 'assignment.ended',
        officerId: a.officerId,
        assignmentId: id,
        schoolId: a.schoolId,
        endsOn: input.endsOn,
      },
    );
  });
  return detailOf(ctx.db, d, found.officerId);
}
