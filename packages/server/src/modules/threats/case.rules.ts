import type { Action } from '@forefront/contract';
import { localDate } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { type CaseRow, loadCaseFor } from './case.access.js';

/**
 * Shared checks of the case services: opening a case for an action (recording a refusal), the
 * closed-case rule, dates against the case's opening, and owners on the team.
 */

/** The context a sealed value is bound to: its table, column and row (keys/district-key.ts). */
export const sealCtx = (table: string, column: string, id: string) => `${table}.${column}:${id}`;

/**
 * loadCaseFor, recording every 404 answered to someone of a district (off the team, or an id that
 * is no case) in the actor's district chain: recorded alike, so the log does not tell which ids
 * are cases. The answer stays the 404 of a missing case.
 */
export async function openCaseFor(
  ctx: AppContext,
  actor: Actor,
  action: Action,
  caseId: string,
  route: string,
): Promise<CaseRow> {
  try {
    return await loadCaseFor(ctx.db, actor, action, caseId);
  } catch (err) {
    const districtId = actor.districtId;
    if (err instanceof NotFoundError && districtId)
      await ctx.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, { dialect: ctx.dialect, actor, districtId }, { kind: 'threat_case.refused', caseId, route }),
        );
    throw err;
  }
}

export function assertOpen(c: CaseRow): void {
  if (c.status === 'closed') throw new ConflictError('This case is closed', 'case_closed', { number: c.number });
}

export async function districtTimeZone(db: Db, districtId: string): Promise<string> {
  const d = await db.selectFrom('districts').select('timeZone').where('id', '=', districtId).executeTakeFirstOrThrow();
  return d.timeZone;
}

/** An instant of a step (an interview, a parent contact): not before the case opened, not in the future. */
export function checkInstant(c: CaseRow, path: string, instant: string): void {
  const t = Date.parse(instant);
  if (t < Date.parse(c.openedAt))
    throw new ValidationError('The date cannot be before the case was opened', [
      {
        path,
        message: 'The date cannot be before the case was opened',
        code: 'before_case_opened',
        params: { openedAt: c.openedAt },
      },
    ]);
  if (t > Date.now() + 60_000)
    throw new ValidationError('The date cannot be in the future', [
      { path, message: 'The date cannot be in the future', code: 'in_future' },
    ]);
}

/** A due date (task, check-in): not before the day the case opened, in the district's calendar. */
export function checkDueOn(c: CaseRow, timeZone: string, path: string, dueOn: string): void {
  const opened = localDate(c.openedAt, timeZone);
  if (dueOn < opened)
    throw new ValidationError('The date cannot be before the case was opened', [
      {
        path,
        message: 'The date cannot be before the case was opened',
        code: 'before_case_opened',
        params: { openedOn: opened },
      },
    ]);
}

export async function memberRoles(db: Db, teamId: string) {
  return db.selectFrom('threatTeamMembers').select(['userId', 'teamRole']).where('teamId', '=', teamId).execute();
}

/** A task's or check-in's owner must be on the case's team. */
export async function checkOwner(db: Db, c: CaseRow, ownerId: string): Promise<void> {
  const members = await memberRoles(db, c.teamId);
  if (!members.some((m) => m.userId === ownerId))
    throw new ValidationError('Choose someone on the case’s team', [
      { path: 'ownerId', message: 'Choose someone on the case’s team', code: 'owner_not_on_team' },
    ]);
}

/** After a step: the case's version moves on (optimistic locking for the page) and its time. */
export async function touchCase(db: Db, c: CaseRow, now: string, set: Record<string, unknown> = {}): Promise<void> {
  await db
    .updateTable('threatCases')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', c.id)
    .execute();
}
