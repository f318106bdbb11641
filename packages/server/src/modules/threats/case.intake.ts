import { type CaseSource, type ThreatReportInput, localDate } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Db } from '../../db/database.js';
import { districtSealer } from '../../keys/district-key.js';
import type { Actor, AuditActor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { districtOrNotFound } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { authorizeIncident } from '../incidents/incident.access.js';
import { findIncident, reserveCounter } from '../incidents/incident.repository.js';
import { demographicSnapshots } from '../students/student.snapshot.js';
import { sealCtx } from './case.rules.js';
import { findTeamOf } from './team.repository.js';
import { settingsOf } from './team.service.js';

/** Issue 15 item 2: intake. A staff report, an incident or (a later issue) a tip becomes a case in one call. */

export interface OpenCaseInput {
  source: CaseSource;
  tipId?: string;
  incidentId?: string;
  schoolId: string;
  studentId: string;
  /** What was said or done; sealed with the district's key, never logged. */
  concern: string;
}

export interface OpenedCase {
  id: string;
  districtId: string;
  number: string;
  teamId: string;
  teamName: string;
}

const bad = (path: string, message: string, code: 'unknown_school' | 'student_not_at_school') =>
  new ValidationError(message, [{ path, message, code }]);

/**
 * Opens a case inside the caller's transaction: the student must be enrolled at the school; the
 * case goes to the school's team, or the district's when the school has none (409 `no_team` when
 * neither exists); the student's groups are kept as of intake for the equity audit; the number is
 * `TA-<year>-NNNN`. The caller has authorized the actor (or is the system, for a tip: actor null).
 */
export async function openCaseIn(
  trx: Db,
  ctx: AppContext,
  actor: AuditActor,
  input: OpenCaseInput,
): Promise<OpenedCase> {
  const school = await trx
    .selectFrom('schools')
    .select(['id', 'districtId'])
    .where('id', '=', input.schoolId)
    .executeTakeFirst();
  if (!school) throw bad('schoolId', 'This school is not in the district', 'unknown_school');
  const district = await districtOrNotFound(trx, school.districtId);
  const student = await trx
    .selectFrom('students')
    .select(['id', 'schoolId', 'active'])
    .where('id', '=', input.studentId)
    .where('districtId', '=', district.id)
    .executeTakeFirst();
  if (!student || student.schoolId !== school.id || Number(student.active) !== 1)
    throw bad('studentId', 'This student is not enrolled at this school', 'student_not_at_school');
  const team = (await findTeamOf(trx, district.id, school.id)) ?? (await findTeamOf(trx, district.id, null));
  if (!team) throw new ConflictError('Neither the school nor the district has a threat assessment team', 'no_team');

  const now = nowIso();
  const today = localDate(now, district.timeZone);
  const year = today.slice(0, 4);
  const snap = (await demographicSnapshots(trx, district.id, [student.id], today)).get(student.id)!;
  const n = await reserveCounter(trx, district.id, `threat_case:${year}`);
  const number = `TA-${year}-${String(n).padStart(4, '0')}`;
  const id = newId();
  const sealer = await districtSealer(trx, ctx.config, district.id);
  const { protocol } = await settingsOf(trx, district.id);
  await trx
    .insertInto('threatCases')
    .values({
      id,
      districtId: district.id,
      number,
      schoolId: school.id,
      teamId: team.id,
      studentId: student.id,
      protocol,
      source: input.source,
      incidentId: input.incidentId ?? null,
      tipId: input.tipId ?? null,
      status: 'open',
      reportedBy: actor?.userId ?? null,
      concernSealed: sealer.seal(input.concern, sealCtx('threat_cases', 'concern', id)),
      openedAt: now,
      race: snap.race,
      sex: snap.sex,
      idea: snap.idea ? 1 : 0,
      section504: snap.section504 ? 1 : 0,
      englishLearner: snap.englishLearner ? 1 : 0,
      leInvolved: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId: district.id },
    {
      kind: 'threat_case.opened',
      caseId: id,
      number,
      source: input.source,
      schoolId: school.id,
      teamId: team.id,
      incidentId: input.incidentId ?? null,
      tipId: input.tipId ?? null,
    },
  );
  return { id, districtId: district.id, number, teamId: team.id, teamName: team.name };
}

/**
 * A staff member's report (any staff member of the school). The reporter learns the number and
 * the team, not the case. From an incident, the reporter must be able to read the incident and
 * the student must be on it: the case and the incident then link to each other.
 */
export async function reportThreat(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: ThreatReportInput,
): Promise<{ number: string; teamName: string }> {
  const district = await districtOrNotFound(ctx.db, districtId);
  authorize(
    actor,
    'case.report',
    { districtId: district.id, state: district.state, schoolIds: [input.schoolId] },
    'District',
  );
  if (input.incidentId) {
    const incident = await findIncident(ctx.db, input.incidentId);
    if (!incident || incident.districtId !== district.id) throw new NotFoundError('Incident');
    await authorizeIncident(ctx.db, actor, 'incident.read', incident, district);
    const onIt = await ctx.db
      .selectFrom('incidentStudents')
      .select('id')
      .where('incidentId', '=', incident.id)
      .where('studentId', '=', input.studentId)
      .executeTakeFirst();
    if (!onIt)
      throw new ValidationError('This student is not on the incident', [
        { path: 'studentId', message: 'This student is not on the incident', code: 'student_not_on_incident' },
      ]);
  }
  const school = await ctx.db
    .selectFrom('schools')
    .select('districtId')
    .where('id', '=', input.schoolId)
    .executeTakeFirst();
  if (school?.districtId !== district.id) throw bad('schoolId', 'This school is not in the district', 'unknown_school');
  const opened = await ctx.db.transaction().execute((trx) =>
    openCaseIn(trx, ctx, actor, {
      source: input.incidentId ? 'incident' : 'staff_report',
      incidentId: input.incidentId,
      schoolId: input.schoolId,
      studentId: input.studentId,
      concern: input.concern,
    }),
  );
  return { number: opened.number, teamName: opened.teamName };
}
