import {
  CLOSURE_SIGNOFFS,
  type ClassificationInput,
  type CloseInput,
  NTAC_THEMES,
  type Protocol,
  REFERRAL_STATUSES,
  type SafetyEvaluationInput,
  type TeamRole,
  classificationOf,
  localDate,
  missingRolesToClassify,
  referralAwaitsFollowUp,
} from '@forefront/contract';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { caseProgress } from './case.progress.js';
import { districtTimeZone, memberRoles, sealCtx } from './case.rules.js';
import { runStep } from './case.step.js';
import { settingsOf } from './team.service.js';

/**
 * Issue 15 item 2: the decisions of a case, each refused with a translated reason and its params
 * (nothing written) until the protocol's conditions hold: classification, the safety evaluation,
 * sign-off and closure.
 */
const R = (tail: string) => `/api/threat-cases/:id${tail}`;

export const classify = (ctx: AppContext, actor: Actor, id: string, input: ClassificationInput) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/classification')}`,
    'classification',
    async (c) => {
      if (!classificationOf(c.protocol as Protocol, input.classification))
        throw new ValidationError('This classification does not belong to the case’s protocol', [
          {
            path: 'classification',
            message: 'This classification does not belong to the case’s protocol',
            code: 'not_of_protocol',
            params: { protocol: c.protocol },
          },
        ]);
      const interviews = await ctx.db
        .selectFrom('threatInterviews')
        .select('id')
        .where('caseId', '=', c.id)
        .executeTakeFirst();
      if (!interviews) throw new ConflictError('Record an interview before classifying', 'needs_interview');
      const student = { idea: Number(c.idea) === 1, section504: Number(c.section504) === 1 };
      if ((student.idea || student.section504) && !c.iepCheckedAt)
        throw new ConflictError('Record the IEP/504 check before classifying', 'needs_iep_check');
      const roles = (await memberRoles(ctx.db, c.teamId)).map((m) => m.teamRole as TeamRole);
      const missing = missingRolesToClassify(roles, student);
      if (missing.length)
        throw new ConflictError(`The team lacks: ${missing.join(', ')}`, 'team_missing_roles', { roles: missing });
      if (c.protocol === 'ntac') {
        const answered = await ctx.db
          .selectFrom('threatCaseThemes')
          .select('theme')
          .where('caseId', '=', c.id)
          .execute();
        const left = NTAC_THEMES.filter((t) => !answered.some((a) => a.theme === t));
        if (left.length)
          throw new ConflictError('Answer every investigative theme first', 'themes_unanswered', {
            themes: [...left],
            count: left.length,
          });
      }
    },
    ({ c, sealer, now }) => ({
      set: {
        classification: input.classification,
        severity: classificationOf(c.protocol as Protocol, input.classification)!.severity,
        rationaleSealed: sealer.seal(input.rationale, sealCtx('threat_cases', 'rationale', c.id)),
        classifiedAt: now,
        classifiedBy: actor.userId,
      },
    }),
  );

/**
 * The safety evaluation of a very serious case. Law enforcement joins only when the district's
 * threshold, written in advance in its settings, is met, and the reason is recorded.
 */
export const evaluateSafety = (ctx: AppContext, actor: Actor, id: string, input: SafetyEvaluationInput) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/safety-evaluation')}`,
    'safety_evaluation',
    async (c) => {
      if (c.severity !== 'very_serious')
        throw new ConflictError('A safety evaluation is only for a very serious case', 'not_very_serious');
      if (input.lawEnforcement && (await settingsOf(ctx.db, c.districtId)).leThreshold.trim() === '')
        throw new ConflictError('The district has not set its threshold for law enforcement', 'le_threshold_unset');
    },
    ({ c, sealer, now }) => ({
      set: {
        screeningAt: now,
        screeningBy: actor.userId,
        screeningSealed: sealer.seal(input.screening, sealCtx('threat_cases', 'screening', c.id)),
        leInvolved: input.lawEnforcement ? 1 : 0,
        leReasonSealed:
          input.lawEnforcement && input.lawEnforcementReason
            ? sealer.seal(input.lawEnforcementReason, sealCtx('threat_cases', 'le_reason', c.id))
            : null,
      },
    }),
  );

/** A member's sign-off for closure, with the team role they play. */
export const signOff = (ctx: AppContext, actor: Actor, id: string) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/signoffs')}`,
    'signoff',
    async (c) => {
      const me = (await memberRoles(ctx.db, c.teamId)).find((m) => m.userId === actor.userId);
      if (!me) throw new ConflictError('Only members of the case’s team sign off', 'not_team_member');
      const signed = await ctx.db
        .selectFrom('threatCaseSignoffs')
        .select('id')
        .where('caseId', '=', c.id)
        .where('userId', '=', actor.userId)
        .executeTakeFirst();
      if (signed) throw new ConflictError('You already signed off', 'already_done');
    },
    async ({ trx, c, now }) => {
      const me = (await memberRoles(trx, c.teamId)).find((m) => m.userId === actor.userId)!;
      const childId = newId();
      await trx
        .insertInto('threatCaseSignoffs')
        .values({
          id: childId,
          districtId: c.districtId,
          caseId: c.id,
          userId: actor.userId,
          teamRole: me.teamRole,
          signedAt: now,
        })
        .execute();
      return { childId };
    },
  );

/**
 * Closure: every step the classification requires is done; two members signed off, one of them
 * the mental-health professional; and no support referral made from the case awaits its follow-up
 * (the refusal names each: kind, provider and id).
 */
export const closeCase = (ctx: AppContext, actor: Actor, id: string, input: CloseInput) =>
  runStep(
    ctx,
    actor,
    id,
    `POST ${R('/close')}`,
    'closure',
    async (c) => {
      if (!c.classification)
        throw new ConflictError('Classify the case before closing it', 'steps_missing', { steps: ['classification'] });
      const today = localDate(new Date(), await districtTimeZone(ctx.db, c.districtId));
      const progress = (await caseProgress(ctx.db, [c], today)).get(c.id)!;
      if (progress.stepsRequired.length)
        throw new ConflictError(`Steps not done: ${progress.stepsRequired.join(', ')}`, 'steps_missing', {
          steps: progress.stepsRequired,
        });
      const signoffs = await ctx.db
        .selectFrom('threatCaseSignoffs')
        .select(['userId', 'teamRole'])
        .where('caseId', '=', c.id)
        .execute();
      const hasMentalHealth = signoffs.some((s) => s.teamRole === 'mental_health');
      if (new Set(signoffs.map((s) => s.userId)).size < CLOSURE_SIGNOFFS || !hasMentalHealth)
        throw new ConflictError('Two members must sign off, one the mental-health professional', 'signoffs_missing', {
          count: signoffs.length,
          needed: CLOSURE_SIGNOFFS,
          mentalHealth: hasMentalHealth,
        });
      const waiting = (
        await ctx.db
          .selectFrom('supportReferrals as r')
          .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
          .select(['r.id', 'r.kind', 'r.status', 'p.name as providerName'])
          .where('r.caseId', '=', c.id)
          .where(
            'r.status',
            'in',
            REFERRAL_STATUSES.filter((s) => referralAwaitsFollowUp(s)),
          )
          .orderBy('r.madeAt')
          .execute()
      ).map((r) => ({ ...r, label: `${r.kind} · ${r.providerName ?? '—'} · ${r.id}` }));
      if (waiting.length)
        throw new ConflictError(
          `Referrals await follow-up: ${waiting.map((w) => w.label).join('; ')}`,
          'referral_awaits_follow_up',
          { referrals: waiting.map((w) => w.label), referralIds: waiting.map((w) => w.id) },
        );
    },
    ({ c, sealer, now }) => ({
      set: {
        status: 'closed',
        outcome: input.outcome,
        closureSealed: sealer.seal(input.summary, sealCtx('threat_cases', 'closure', c.id)),
        closedAt: now,
      },
      event: { kind: 'threat_case.closed', caseId: c.id, outcome: input.outcome },
    }),
  );
