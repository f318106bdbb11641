import {
  type AdminReviewInput,
  type IncidentDetail,
  type IncidentState,
  type RecordClass,
  ReviewInputSchema,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import { clockOf } from '../districts/district.clock.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, type Issue, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { applyIncidentTransparency } from '../transparency/transparency.aggregates.js';
import { countsPublicly } from '../transparency/transparency.derive.js';
import { type ActorLike, authorizeIncident } from './incident.access.js';
import * as repo from './incident.repository.js';
import { loadStoredState, refreshFlags } from './incident.save.js';
import { loadIncident } from './incident.service.js';
import type { IncidentRow } from './incident.table.js';
import { toIncidentDetail } from './incident.view.js';

/** The incident's life after it is written: states, the administrator's review, reclassification. */

const NEXT: Partial<Record<IncidentState, IncidentState>> = {
  draft: 'submitted',
  submitted: 'reviewed',
  reviewed: 'closed',
};

/**
 * draft -> submitted (whoever may edit it) -> reviewed -> closed (an administrator). Asking for the
 * state the incident is already in changes nothing and succeeds, so a phone that retries a submit
 * on a flaky connection does not get an error; anything else out of order is 409.
 */
export async function transitionIncidentIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect'>,
  actor: ActorLike,
  id: string,
  to: IncidentState,
): Promise<IncidentRow> {
  const { row, district } = await loadIncident(trx, id, ctx.dialect);
  await authorizeIncident(trx, actor, 'incident.update', row, district);
  if (to === 'reviewed' || to === 'closed') await authorizeIncident(trx, actor, 'incident.review', row, district);
  const from = row.state as IncidentState;
  if (from === to) return row;
  if (NEXT[from] !== to) throw new ConflictError(`An incident cannot go from ${from} to ${to}`, 'incident_step');
  const now = nowIso();
  await repo.updateIncident(trx, row.id, {
    state: to,
    updatedAt: now,
    ...(to === 'submitted' && { submittedAt: now }),
  });
  // Leaving draft puts the incident into the public figures.
  if (countsPublicly(from) !== countsPublicly(to)) {
    const stored = await loadStoredState(trx, row);
    await applyIncidentTransparency(
      trx,
      district.id,
      { ...stored, state: from },
      { ...stored, state: to },
      clockOf(district),
    );
  }
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId: district.id },
    { kind: 'incident.transitioned', incidentId: row.id, from, to },
  );
  return (await repo.findIncident(trx, row.id))!;
}

export async function transitionIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  to: IncidentState,
): Promise<IncidentDetail> {
  return ctx.db
    .transaction()
    .execute(async (trx) => toIncidentDetail(trx, await transitionIncidentIn(trx, ctx, actor, id, to)));
}

/**
 * The administrator's review before an arrest or referral: who (the actor), when (as entered:
 * the review may be recorded after the fact), the decision and a note. Flags and aggregates are
 * recomputed, since a review recorded before an arrest clears its `review_missing` flag.
 */
export async function addReviewIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect'>,
  actor: ActorLike,
  id: string,
  raw: AdminReviewInput,
): Promise<IncidentRow> {
  const { row, district } = await loadIncident(trx, id, ctx.dialect);
  await authorizeIncident(trx, actor, 'incident.review', row, district);
  if (row.state === 'closed') throw new ConflictError('A closed incident cannot be reviewed', 'incident_closed');
  const input = ReviewInputSchema.parse(raw);
  const reviewedAt = new Date(input.reviewedAt).toISOString();
  const issues: Issue[] = [];
  if (Date.parse(reviewedAt) > Date.now() + 5 * 60_000)
    issues.push({ path: 'reviewedAt', message: 'The review time cannot be in the future', code: 'in_future' });
  const previous = await loadStoredState(trx, row);
  if (input.studentId && !previous.input.students.some((s) => s.studentId === input.studentId))
    issues.push({ path: 'studentId', message: 'This student is not on the incident', code: 'student_not_on_incident' });
  if (issues.length) throw new ValidationError(issues[0]!.message, issues);
  const reviewId = newId();
  await repo.insertReview(trx, {
    id: reviewId,
    districtId: district.id,
    incidentId: row.id,
    studentId: input.studentId,
    reviewerId: actor.userId,
    reviewedAt,
    decision: input.decision,
    note: input.note,
    recordedAt: nowIso(),
  });
  await refreshFlags(trx, row, previous.input, previous);
  await repo.updateIncident(trx, row.id, { updatedAt: nowIso() });
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId: district.id },
    { kind: 'incident.reviewed', incidentId: row.id, reviewId, decision: input.decision },
  );
  return (await repo.findIncident(trx, row.id))!;
}

export async function addReview(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AdminReviewInput,
): Promise<IncidentDetail> {
  return ctx.db
    .transaction()
    .execute(async (trx) => toIncidentDetail(trx, await addReviewIn(trx, ctx, actor, id, input)));
}

/**
 * FERPA 99.8: a district administrator's logged act. The version it replaces is kept with the
 * reason (the audit event names ids only, never free text). A discipline record stays an
 * education record (99.8(b)(2)): one where an officer handled routine discipline, or with no
 * officer at all, cannot become a law-enforcement-unit record.
 */
export async function reclassifyIncidentIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect'>,
  actor: ActorLike,
  id: string,
  to: RecordClass,
  reason: string,
): Promise<IncidentRow> {
  const { row, district } = await loadIncident(trx, id, ctx.dialect);
  await authorizeIncident(trx, actor, 'incident.reclassify', row, district);
  const from = row.recordClass as RecordClass;
  if (from === to)
    throw new ConflictError(`This incident is already a ${to.replaceAll('_', ' ')} record`, 'incident_already_kind');
  const previous = await loadStoredState(trx, row);
  const contacts = previous.input.contacts;
  if (
    to === 'law_enforcement_unit' &&
    (contacts.length === 0 || contacts.some((c) => c.purpose === 'routine_discipline'))
  )
    throw new ConflictError('A discipline record stays an education record (FERPA 99.8(b)(2))', 'discipline_stays');
  const now = nowIso();
  await repo.insertVersion(trx, {
    id: newId(),
    districtId: district.id,
    incidentId: row.id,
    version: row.version,
    state: row.state,
    snapshot: JSON.stringify({ ...previous.input, recordClass: from, changeNote: reason }),
    changedBy: actor.userId,
    changedAt: now,
  });
  await repo.updateIncident(trx, row.id, { recordClass: to, version: row.version + 1, updatedAt: now });
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId: district.id },
    { kind: 'incident.reclassified', incidentId: row.id, from, to },
  );
  return (await repo.findIncident(trx, row.id))!;
}

export async function reclassifyIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  to: RecordClass,
  reason: string,
): Promise<IncidentDetail> {
  return ctx.db
    .transaction()
    .execute(async (trx) => toIncidentDetail(trx, await reclassifyIncidentIn(trx, ctx, actor, id, to, reason)));
}
