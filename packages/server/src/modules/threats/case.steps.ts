import {
  type CaseDetail,
  CheckinDoneSchema,
  CheckinInputSchema,
  type InterviewInput,
  IepCheckInputSchema,
  NTAC_THEMES,
  ParentContactInputSchema,
  SafetyPlanInputSchema,
  type TaskInput,
  TaskUpdateSchema,
  ThemeInputSchema,
  CaseNoteInputSchema,
} from '@forefront/contract';
import type { z } from 'zod';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { checkDueOn, checkInstant, checkOwner, districtTimeZone, memberRoles, sealCtx } from './case.rules.js';
import { runStep } from './case.step.js';

/** Issue 15 item 2: the steps of a case that record what the team did (each sealed, each audited). */

type In<S extends z.ZodTypeAny> = z.infer<S>;
const R = (tail: string) => `/api/threat-cases/:id${tail}`;

export const addInterview = (ctx: AppContext, actor: Actor, id: string, input: InterviewInput): Promise<CaseDetail> =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/interviews')}`,
    'interviews',
    (c) => checkInstant(c, 'interviewedAt', input.interviewedAt),
    async ({ trx, c, sealer, now }) => {
      const childId = newId();
      await trx
        .insertInto('threatInterviews')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          intervieweeKind: input.intervieweeKind,
          intervieweeSealed: sealer.seal(input.interviewee, sealCtx('threat_interviews', 'interviewee', childId)),
          interviewedAt: new Date(input.interviewedAt).toISOString(),
          interviewerId: actor.userId,
          summarySealed: sealer.seal(input.summary, sealCtx('threat_interviews', 'summary', childId)),
          createdAt: now,
        })
        .execute();
      return { childId };
    },
  );

export const recordIepCheck = (ctx: AppContext, actor: Actor, id: string, input: In<typeof IepCheckInputSchema>) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/iep-check')}`,
    'iep_check',
    () => undefined,
    ({ c, sealer, now }) => ({
      set: {
        iepCheckedAt: now,
        iepCheckedBy: actor.userId,
        iepNoteSealed: sealer.seal(input.note, sealCtx('threat_cases', 'iep_note', c.id)),
      },
    }),
  );

export const recordSafetyPlan = (ctx: AppContext, actor: Actor, id: string, input: In<typeof SafetyPlanInputSchema>) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/safety-plan')}`,
    'safety_plan',
    () => undefined,
    ({ c, sealer, now }) => ({
      set: {
        safetyPlanAt: now,
        safetyPlanSealed: sealer.seal(input.plan, sealCtx('threat_cases', 'safety_plan', c.id)),
      },
    }),
  );

export async function addTask(ctx: AppContext, actor: Actor, id: string, input: TaskInput) {
  return runStep(
    ctx,
    actor,
    id,
    `POST ${R('/tasks')}`,
    'safety_plan_task',
    async (c) => {
      await checkOwner(ctx.db, c, input.ownerId);
      checkDueOn(c, await districtTimeZone(ctx.db, c.districtId), 'dueOn', input.dueOn);
    },
    async ({ trx, c, sealer, now }) => {
      const childId = newId();
      await trx
        .insertInto('threatSafetyTasks')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          titleSealed: sealer.seal(input.title, sealCtx('threat_safety_tasks', 'title', childId)),
          ownerId: input.ownerId,
          dueOn: input.dueOn,
          status: 'open',
          doneAt: null,
          createdAt: now,
        })
        .execute();
      return { childId };
    },
  );
}

async function child(ctx: AppContext, table: 'threatSafetyTasks' | 'threatCheckins', caseId: string, childId: string) {
  const row = await ctx.db
    .selectFrom(table)
    .select(['id', 'doneAt'])
    .where('id', '=', childId)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(table === 'threatSafetyTasks' ? 'Task' : 'Check-in');
  return row;
}

export const updateTask = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  childId: string,
  input: In<typeof TaskUpdateSchema>,
) =>
  runStep(
    ctx,
    actor,
    id,
    `PATCH ${R('/tasks/:childId')}`,
    'safety_plan_task',
    async (c) => void (await child(ctx, 'threatSafetyTasks', c.id, childId)),
    async ({ trx, now }) => {
      await trx
        .updateTable('threatSafetyTasks')
        .set({ status: input.status, doneAt: input.status === 'done' ? now : null })
        .where('id', '=', childId)
        .execute();
      return { childId };
    },
  );

export const addCheckin = (ctx: AppContext, actor: Actor, id: string, input: In<typeof CheckinInputSchema>) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/checkins')}`,
    'monitoring',
    async (c) => {
      await checkOwner(ctx.db, c, input.ownerId);
      checkDueOn(c, await districtTimeZone(ctx.db, c.districtId), 'dueOn', input.dueOn);
    },
    async ({ trx, c, now }) => {
      const childId = newId();
      await trx
        .insertInto('threatCheckins')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          dueOn: input.dueOn,
          ownerId: input.ownerId,
          doneAt: null,
          noteSealed: null,
          createdAt: now,
        })
        .execute();
      return { childId };
    },
  );

export const completeCheckin = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  childId: string,
  input: In<typeof CheckinDoneSchema>,
) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/checkins/:childId/done')}`,
    'monitoring',
    async (c) => {
      const row = await child(ctx, 'threatCheckins', c.id, childId);
      if (row.doneAt) throw new ConflictError('This check-in was already recorded', 'already_done');
    },
    async ({ trx, sealer, now }) => {
      await trx
        .updateTable('threatCheckins')
        .set({ doneAt: now, noteSealed: sealer.seal(input.note, sealCtx('threat_checkins', 'note', childId)) })
        .where('id', '=', childId)
        .execute();
      return { childId };
    },
  );

export const addParentContact = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: In<typeof ParentContactInputSchema>,
) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/parent-contacts')}`,
    'parent_contact',
    (c) => checkInstant(c, 'contactedAt', input.contactedAt),
    async ({ trx, c, sealer, now }) => {
      const childId = newId();
      await trx
        .insertInto('threatParentContacts')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          contactedAt: new Date(input.contactedAt).toISOString(),
          method: input.method,
          byUserId: actor.userId,
          noteSealed: input.note ? sealer.seal(input.note, sealCtx('threat_parent_contacts', 'note', childId)) : null,
          createdAt: now,
        })
        .execute();
      return { childId };
    },
  );

/**
 * A note. FERPA 99.8: a law-enforcement-unit record only when the SRO on the team (team role
 * law_enforcement) writes it and marks it for a law-enforcement purpose; otherwise an education record.
 */
export const addNote = (ctx: AppContext, actor: Actor, id: string, input: In<typeof CaseNoteInputSchema>) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/notes')}`,
    'note',
    () => undefined,
    async ({ trx, c, sealer, now }) => {
      const childId = newId();
      const asSro =
        actor.role === 'sro' &&
        input.lawEnforcementPurpose === true &&
        (await memberRoles(trx, c.teamId)).some((m) => m.userId === actor.userId && m.teamRole === 'law_enforcement');
      await trx
        .insertInto('threatCaseNotes')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          authorId: actor.userId,
          recordClass: asSro ? 'law_enforcement_unit' : 'education',
          bodySealed: sealer.seal(input.body, sealCtx('threat_case_notes', 'body', childId)),
          createdAt: now,
        })
        .execute();
      return { childId };
    },
  );

/** NTAC: the team's finding on one investigative theme (written again, it replaces the finding). */
export const answerTheme = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  theme: string,
  input: In<typeof ThemeInputSchema>,
) =>
  runStep(
    ctx,
    actor,
    id,
    `PUT ${R('/themes/:theme')}`,
    'theme',
    (c) => {
      if (c.protocol !== 'ntac' || !(NTAC_THEMES as readonly string[]).includes(theme))
        throw new ValidationError('Not an investigative theme of this case’s protocol', [
          { path: 'theme', message: 'Not an investigative theme of this case’s protocol', code: 'unknown_theme' },
        ]);
    },
    async ({ trx, c, sealer, now }) => {
      const existing = await trx
        .selectFrom('threatCaseThemes')
        .select('id')
        .where('caseId', '=', c.id)
        .where('theme', '=', theme)
        .executeTakeFirst();
      const childId = existing?.id ?? newId();
      const findingSealed = sealer.seal(input.finding, sealCtx('threat_case_themes', 'finding', childId));
      if (existing)
        await trx
          .updateTable('threatCaseThemes')
          .set({ findingSealed, updatedBy: actor.userId, updatedAt: now })
          .where('id', '=', childId)
          .execute();
      else
        await trx
          .insertInto('threatCaseThemes')
          .values({
            id: childId,
            districtId: c.districtId,
            caseId: c.id,
            theme,
            findingSealed,
            updatedBy: actor.userId,
            updatedAt: now,
          })
          .execute();
      return { childId };
    },
  );
