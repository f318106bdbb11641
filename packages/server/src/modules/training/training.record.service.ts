import {
  localDate,
  type CreateTrainingRecordInput,
  type OfficerTrainingRecords,
  type PolicyResource,
  type TrainingRecord,
  type TrainingRecordQueue,
  type TrainingRecordStatus,
  type TrainingTopic,
} from '@forefront/contract';
import { nowIso, type Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { districtOrNotFound } from '../../shared/load-district.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import { checkRecordInput, type RecordFields } from './training.record.input.js';
import * as repo from './training.record.repository.js';
import { officerRef, toRecord } from './training.record.view.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Completion records (issue 14 item 3). A coordinator's or administrator's entry is approved as it
 * is saved (they are the reviewers); an officer's own submission waits for review. Only approved
 * records count toward compliance (compliance.compute.ts), so a pending one changes nothing yet.
 */
const audit = (ctx: AppContext, actor: Actor | null, districtId: string) => ({
  dialect: ctx.dialect,
  actor,
  districtId,
});

export async function districtToday(db: Db, districtId: string): Promise<string> {
  const d = await districtOrNotFound(db, districtId);
  return localDate(new Date(), d.timeZone);
}

/** The officer and the policy resource they are (their district, and the schools they serve today). */
export async function loadOfficer(db: Db, officerId: string) {
  const officer = await repo.findOfficer(db, officerId);
  if (!officer) throw new NotFoundError('Officer');
  const d = await districtOrNotFound(db, officer.districtId);
  const today = localDate(new Date(), d.timeZone);
  const resource: PolicyResource = {
    districtId: d.id,
    state: d.state,
    schoolIds: await repo.officerSchoolIds(db, officer.id, today),
  };
  return { officer, resource, today };
}

async function recordsOf(ctx: AppContext, officer: { id: string; districtId: string }): Promise<TrainingRecord[]> {
  const [rows, standard] = await Promise.all([
    repo.listOfficerRecords(ctx.db, officer.id),
    findStandard(ctx.db, officer.districtId),
  ]);
  return rows.map((r) => toRecord(r, standard.rules));
}

async function readOfficerRecords(
  ctx: AppContext,
  actor: Actor,
  officer: NonNullable<Awaited<ReturnType<typeof repo.findOfficer>>>,
): Promise<OfficerTrainingRecords> {
  const [items, courses, credentialTypes] = await Promise.all([
    recordsOf(ctx, officer),
    repo.listActiveCourses(ctx.db, officer.districtId),
    credentialTypesOf(ctx.db, officer.districtId),
  ]);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, audit(ctx, actor, officer.districtId), {
      kind: 'training.records_viewed',
      officerId: officer.id,
      count: items.length,
    }),
  );
  return {
    officer: { id: officer.id, name: officer.name, agency: officer.agency, badgeNumber: officer.badgeNumber },
    districtId: officer.districtId,
    items,
    courses: courses.map((c) => ({
      id: c.id,
      title: c.title,
      provider: c.provider,
      hours: Number(c.minutes) / 60,
      topics: JSON.parse(c.topics) as TrainingTopic[],
      credentialKey: c.credentialKey,
    })),
    credentialTypes: credentialTypes.map((c) => ({ key: c.key, nameEn: c.nameEn, nameEs: c.nameEs })),
  };
}

export async function listOfficerRecords(ctx: AppContext, actor: Actor, officerId: string) {
  const { officer, resource } = await loadOfficer(ctx.db, officerId);
  authorize(actor, 'officer.read', resource, 'Officer');
  return readOfficerRecords(ctx, actor, officer);
}

async function insertIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  officer: { id: string; districtId: string },
  fields: RecordFields,
  status: 'approved' | 'pending',
): Promise<string> {
  const id = newId();
  const at = nowIso();
  await repo.insertRecord(trx, {
    id,
    districtId: officer.districtId,
    officerId: officer.id,
    ...fields,
    topics: JSON.stringify(fields.topics),
    status,
    source: 'entry',
    createdBy: actor.userId,
    reviewedBy: status === 'approved' ? actor.userId : null,
    reviewedAt: status === 'approved' ? at : null,
    reviewNote: null,
    createdAt: at,
  });
  await appendAudit(trx, audit(ctx, actor, officer.districtId), {
    kind: status === 'approved' ? 'training.record_added' : 'training.record_submitted',
    officerId: officer.id,
    recordId: id,
  });
  return id;
}

async function oneRecord(ctx: AppContext, id: string, districtId: string): Promise<TrainingRecord> {
  const [row, standard] = await Promise.all([repo.findRecord(ctx.db, id), findStandard(ctx.db, districtId)]);
  return toRecord(row!, standard.rules);
}

/** A coordinator or administrator enters a record: approved as saved, with them as its reviewer. */
export async function addRecord(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  input: CreateTrainingRecordInput,
): Promise<TrainingRecord> {
  const { officer, resource, today } = await loadOfficer(ctx.db, officerId);
  authorize(actor, 'training.record', resource, 'Officer');
  const fields = await checkRecordInput(ctx.db, officer.districtId, input, today);
  const id = await ctx.db.transaction().execute((trx) => insertIn(trx, ctx, actor, officer, fields, 'approved'));
  return oneRecord(ctx, id, officer.districtId);
}

/**
 * The signed-in officer's own roster entry. Only an SRO has one (403 for any other role); an SRO
 * whose account is not on the roster gets 404, as for any missing resource.
 */
export async function ownOfficer(ctx: AppContext, actor: Actor) {
  if (actor.role !== 'sro') throw new ForbiddenError('Only a school resource officer keeps their own training file');
  const officer = await repo.findOfficerOfUser(ctx.db, actor.userId);
  if (!officer || officer.districtId !== actor.districtId) throw new NotFoundError('Officer');
  return officer;
}

export async function listMyRecords(ctx: AppContext, actor: Actor): Promise<OfficerTrainingRecords> {
  return readOfficerRecords(ctx, actor, await ownOfficer(ctx, actor));
}

/** An SRO submits their own record: pending until a training coordinator approves it. */
export async function submitMyRecord(
  ctx: AppContext,
  actor: Actor,
  input: CreateTrainingRecordInput,
): Promise<TrainingRecord> {
  const officer = await ownOfficer(ctx, actor);
  const today = await districtToday(ctx.db, officer.districtId);
  const fields = await checkRecordInput(ctx.db, officer.districtId, input, today);
  const id = await ctx.db.transaction().execute((trx) => insertIn(trx, ctx, actor, officer, fields, 'pending'));
  return oneRecord(ctx, id, officer.districtId);
}

/** The record with its district's resource (records are the district's: the coordinator's scope). */
export async function loadRecord(db: Db, recordId: string) {
  const row = await repo.findRecord(db, recordId);
  if (!row) throw new NotFoundError('Training record');
  const d = await districtOrNotFound(db, row.districtId);
  return { row, resource: { districtId: d.id, state: d.state } as PolicyResource };
}

export async function reviewRecord(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  decision: 'approved' | 'rejected',
  note: string | undefined,
): Promise<TrainingRecord> {
  const { row, resource } = await loadRecord(ctx.db, recordId);
  authorize(actor, 'training.approve', resource, 'Training record');
  await ctx.db.transaction().execute(async (trx) => {
    const done = await repo.reviewRecord(trx, row.id, {
      status: decision,
      reviewedBy: actor.userId,
      reviewedAt: nowIso(),
      reviewNote: note ? note : null,
    });
    if (!done) throw new ConflictError('The record was already reviewed', 'record_reviewed', { status: row.status });
    await appendAudit(trx, audit(ctx, actor, row.districtId), {
      kind: decision === 'approved' ? 'training.record_approved' : 'training.record_rejected',
      officerId: row.officerId,
      recordId: row.id,
    });
  });
  return oneRecord(ctx, row.id, row.districtId);
}

/** The district's records by status (pending first of all: the coordinator's queue), oldest first. */
export async function listQueue(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: { status: TrainingRecordStatus; limit: number; offset: number },
): Promise<TrainingRecordQueue> {
  const d = await loadDistrictFor(ctx.db, actor, 'training.approve', districtId);
  const [{ rows, total }, standard] = await Promise.all([
    repo.listQueue(ctx.db, d.id, q.status, q),
    findStandard(ctx.db, d.id),
  ]);
  return {
    items: rows.map((r) => ({ ...toRecord(r, standard.rules), officer: officerRef(r) })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}
