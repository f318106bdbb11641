import {
  type IssueCode,
  type Referral,
  type ReferralInput,
  type ReferralListQuery,
  type ReferralStatus,
  type ReferralStatusInput,
  type ReferralStudent,
  type ReferralStudentQuery,
  localDate,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import { districtSealer } from '../../keys/district-key.js';
import type { Actor, AuditActor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { districtOrNotFound, loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findStudentPage } from '../students/student.repository.js';
import { demographicSnapshots } from '../students/student.snapshot.js';
import { loadCaseFor } from '../threats/case.access.js';
import { findProvider } from './provider.repository.js';
import * as repo from './referral.repository.js';
import { DATE_COLUMN, latestDate, mayMove } from './referral.status.js';
import { reasonContext, toReferral } from './referral.view.js';

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'config'>;
const issue = (path: string, code: IssueCode, message: string) =>
  new ValidationError(message, [{ path, message, code }]);

async function readBack(ctx: Ctx, db: Db, actor: Actor, id: string, today: string): Promise<Referral> {
  const row = (await repo.findReferralRow(db, id))!;
  const sealer = await districtSealer(db, ctx.config, row.districtId);
  return toReferral(db, actor, sealer, row, today);
}

/**
 * A referral made by a person (directly, or from a case they may write). The student must be
 * enrolled at the school named, which must be one of the actor's when their scope is a school.
 */
export async function makeReferral(ctx: Ctx, actor: Actor, districtId: string, input: ReferralInput) {
  const district = await districtOrNotFound(ctx.db, districtId);
  const resource = { districtId: district.id, state: district.state, schoolIds: [input.schoolId] };
  authorize(actor, 'referral.write', resource, 'District');
  const today = localDate(new Date(), district.timeZone);
  const student = await ctx.db
    .selectFrom('students')
    .select(['id', 'schoolId'])
    .where('id', '=', input.studentId)
    .where('districtId', '=', district.id)
    .executeTakeFirst();
  if (!student || student.schoolId !== input.schoolId)
    throw issue('studentId', 'not_in_school', 'This student is not enrolled at the chosen school');
  if (input.providerId) {
    const p = await findProvider(ctx.db, input.providerId);
    if (!p || p.districtId !== district.id || Number(p.active) !== 1)
      throw issue('providerId', 'unknown_provider', 'Choose a provider from the district directory');
  }
  if (input.followUpDueOn < today)
    throw issue('followUpDueOn', 'before_referral', 'The follow-up date is before the referral');
  return ctx.db.transaction().execute(async (trx) => {
    if (input.caseId) {
      const c = await loadCaseFor(trx, actor, 'case.write', input.caseId);
      if (c.studentId !== input.studentId || c.schoolId !== input.schoolId)
        throw issue('caseId', 'case_mismatch', 'The case is about another student or school');
    }
    const id = await insertReferralIn(trx, ctx, actor, district.id, {
      ...input,
      providerId: input.providerId ?? null,
      source: input.caseId ? 'case' : 'direct',
      caseId: input.caseId ?? null,
      incidentId: null,
      madeAt: nowIso(),
    });
    return readBack(ctx, trx, actor, id, today);
  });
}

export interface NewReferral {
  id?: string;
  studentId: string;
  schoolId: string;
  kind: ReferralInput['kind'];
  providerId: string | null;
  reason: string;
  followUpDueOn: string;
  source: 'case' | 'incident' | 'direct';
  caseId: string | null;
  incidentId: string | null;
  madeAt: string;
}

/**
 * Writes one referral and its audit event in the caller's transaction: the reason sealed under
 * the district's key, the student's groups as of the referral copied (the equity figures count
 * the student as they were then, as incidents do).
 */
export async function insertReferralIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect' | 'config'>,
  actor: AuditActor,
  districtId: string,
  r: NewReferral,
): Promise<string> {
  const id = r.id ?? newId();
  const sealer = await districtSealer(trx, ctx.config, districtId);
  const snap = (await demographicSnapshots(trx, districtId, [r.studentId], r.madeAt)).get(r.studentId)!;
  const now = nowIso();
  await repo.insertReferral(trx, {
    id,
    districtId,
    schoolId: r.schoolId,
    studentId: r.studentId,
    providerId: r.providerId,
    kind: r.kind,
    source: r.source,
    caseId: r.caseId,
    incidentId: r.incidentId,
    reasonSealed: sealer.seal(r.reason, reasonContext(id)),
    status: 'made',
    madeAt: r.madeAt,
    madeBy: actor?.userId ?? null,
    acceptedAt: null,
    firstContactAt: null,
    ongoingAt: null,
    completedAt: null,
    declinedAt: null,
    followUpDueOn: r.followUpDueOn,
    race: snap.race,
    sex: snap.sex,
    idea: snap.idea ? 1 : 0,
    section504: snap.section504 ? 1 : 0,
    englishLearner: snap.englishLearner ? 1 : 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId },
    {
      kind: 'referral.made',
      referralId: id,
      studentId: r.studentId,
      schoolId: r.schoolId,
      source: r.source,
      caseId: r.caseId,
      fromIncidentId: r.incidentId,
    },
  );
  return id;
}

export async function listReferrals(ctx: AppContext, actor: Actor, districtId: string, q: ReferralListQuery) {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'referral.list', districtId);
  const today = localDate(new Date(), district.timeZone);
  const filter: repo.ReferralFilter = {
    districtId: district.id,
    status: q.status,
    providerId: q.providerId,
    schoolId: q.schoolId,
    overdueBefore: q.overdue === 'true' ? today : undefined,
    ...(scope === 'school' ? { schoolIds: actor.schoolIds.filter(Boolean) } : {}),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const { items, total } = await repo.findReferrals(trx, filter, today, q.limit, q.offset);
    const sealer = await districtSealer(trx, ctx.config, district.id);
    const seen = new Map<string, boolean>();
    const out: Referral[] = [];
    for (const r of items) out.push(await toReferral(trx, actor, sealer, r, today, seen));
    // Names of students and why they need help: a page of them is a read of student records.
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'referral.listed', count: out.length, providerId: q.providerId ?? null },
    );
    return { items: out, total, limit: q.limit, offset: q.offset };
  });
}

/** The referral, authorized for `action` against its student's school; 404 when missing or unseen. */
async function loadReferralFor(db: Db, actor: Actor, action: 'referral.read' | 'referral.write', id: string) {
  const row = await repo.findReferral(db, id);
  if (!row) throw new NotFoundError('Referral');
  const district = await districtOrNotFound(db, row.districtId);
  authorize(actor, action, { districtId: district.id, state: district.state, schoolIds: [row.schoolId] }, 'Referral');
  return { row, district };
}

export async function readReferral(ctx: AppContext, actor: Actor, id: string): Promise<Referral> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, district } = await loadReferralFor(trx, actor, 'referral.read', id);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'referral.viewed', referralId: row.id, studentId: row.studentId },
    );
    return readBack(ctx, trx, actor, row.id, localDate(new Date(), district.timeZone));
  });
}

/** Moves a referral on (or declines it), dating the new status; refuses a stale version. */
export async function moveReferral(ctx: AppContext, actor: Actor, id: string, input: ReferralStatusInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, district } = await loadReferralFor(trx, actor, 'referral.write', id);
    const today = localDate(new Date(), district.timeZone);
    if (row.version !== input.version)
      throw new ConflictError('The referral changed since it was read', 'referral_changed');
    const from = row.status as ReferralStatus;
    const to = input.status;
    if (!mayMove(from, to))
      throw new ConflictError(`A referral cannot move from ${from} to ${to}`, 'referral_status_order', { from, to });
    const on = input.on ?? today;
    const madeOn = localDate(row.madeAt, district.timeZone);
    if (on > today) throw issue('on', 'in_future', 'The date cannot be in the future');
    if (on < madeOn) throw issue('on', 'before_referral', 'The date is before the referral was made');
    if (on < latestDate(row, madeOn))
      throw issue('on', 'before_previous_status', "The date is before the referral's previous status");
    let providerId = row.providerId;
    if (input.providerId !== undefined && input.providerId !== row.providerId) {
      const p = input.providerId ? await findProvider(trx, input.providerId) : null;
      if (input.providerId && (!p || p.districtId !== district.id || Number(p.active) !== 1))
        throw issue('providerId', 'unknown_provider', 'Choose a provider from the district directory');
      providerId = input.providerId;
    }
    const changed = await repo.updateReferralAt(trx, row.id, row.version, {
      status: to,
      [DATE_COLUMN[to]]: on,
      providerId,
      version: row.version + 1,
      updatedAt: nowIso(),
    });
    if (changed !== 1) throw new ConflictError('The referral changed since it was read', 'referral_changed');
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'referral.status_changed', referralId: row.id, studentId: row.studentId, from, to, on },
    );
    return readBack(ctx, trx, actor, row.id, today);
  });
}

/** Students the actor may refer: active, at their schools when their scope is a school. Audited (names). */
export async function searchReferralStudents(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: ReferralStudentQuery,
): Promise<{ items: ReferralStudent[] }> {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'referral.write', districtId);
  const only = scope === 'school' ? actor.schoolIds.filter(Boolean) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const page = await findStudentPage(
      trx,
      district.id,
      { q: q.q, schoolId: q.schoolId, status: 'active', limit: 20, offset: 0 },
      only,
    );
    const items = page.items.map((s) => ({
      id: s.id,
      districtId: s.districtId,
      schoolId: s.schoolId,
      name: `${s.givenName} ${s.familyName}`,
      localId: s.localId,
    }));
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'referral.students_searched', count: items.length },
    );
    return { items };
  });
}
