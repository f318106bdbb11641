import type { AuditEvent, CaseDetail } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Db } from '../../db/database.js';
import { type DistrictSealer, districtSealer } from '../../keys/district-key.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { appendAudit } from '../audit/audit.service.js';
import type { CaseRow } from './case.access.js';
import { assertOpen, openCaseFor, touchCase } from './case.rules.js';
import { buildDetail } from './case.view.js';

export interface StepTools {
  trx: Db;
  c: CaseRow;
  sealer: DistrictSealer;
  now: string;
}

export interface StepResult {
  /** Columns of threat_cases the step sets (besides version and updated_at). */
  set?: Record<string, unknown>;
  /** The child row the step wrote (an interview, a task...), for the audit event. */
  childId?: string | null;
  /** Another event than `threat_case.step` (closure records its outcome). */
  event?: AuditEvent;
}

/**
 * One step of a case, the same way every time: authorized for case.write (off the team: 404,
 * recorded), refused on a closed case, `check` run before anything is written (so a refusal
 * changes nothing), then `write` and its audit event in one transaction. Answers the case as it
 * now stands.
 */
export async function runStep(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  route: string,
  step: string,
  check: (c: CaseRow) => Promise<void> | void,
  write: (t: StepTools) => Promise<StepResult | void> | StepResult,
): Promise<CaseDetail> {
  const c = await openCaseFor(ctx, actor, 'case.write', caseId, route);
  assertOpen(c);
  await check(c);
  await ctx.db.transaction().execute(async (trx) => {
    const sealer = await districtSealer(trx, ctx.config, c.districtId);
    const now = nowIso();
    const r = (await write({ trx, c, sealer, now })) ?? {};
    await touchCase(trx, c, now, r.set);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: c.districtId },
      r.event ?? { kind: 'threat_case.step', caseId: c.id, step, childId: r.childId ?? null },
    );
  });
  const fresh = await ctx.db.selectFrom('threatCases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
  return buildDetail(ctx, actor, fresh);
}
