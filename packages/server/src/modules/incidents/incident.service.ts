import {
  type IncidentDetail,
  type IncidentHistory,
  type IncidentInput,
  IncidentInputSchema,
  type IncidentListQuerySchema,
  type Role,
  canSeeDistrict,
  scopeOf,
} from '@forefront/contract';
import type { z } from 'zod';
import { type Db, type Dialect, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound, loadDistrictForList } from '../../shared/load-district.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { type ActorLike, authorizeIncident, needToKnowFilter } from './incident.access.js';
import { loadClock, lockClock } from '../districts/district.clock.js';
import { deriveRecordClass, schoolYearOfIncident } from './incident.derive.js';
import { findIncidentPage } from './incident.list.js';
import * as repo from './incident.repository.js';
import { loadStoredState, refreshFlags, writeChildren } from './incident.save.js';
import type { IncidentRow } from './incident.table.js';
import { validateIncidentInput } from './incident.validate.js';
import { toIncidentDetail, toIncidentSummary } from './incident.view.js';
import { casesOfIncident } from '../threats/case.access.js';

/**
 * Incidents: authorization first, one transaction per write with its audit event, the
 * role-clarity flags and the role-drift aggregates recomputed on every save. The `...In`
 * functions take the caller's transaction so the demo and the CLI can use them without HTTP.
 */

const audit = (ctx: Pick<AppContext, 'dialect'>, actor: ActorLike, districtId: string) => ({
  dialect: ctx.dialect,
  actor,
  districtId,
});

/** The incident and its district; a missing one answers exactly like one the actor may not see. */
export async function loadIncident(db: Db, id: string, lockFor?: Dialect) {
  if (lockFor === 'postgres') {
    // The district's clock first, then the incident: the order a clock recompute takes them in.
    const found = await repo.findIncident(db, id);
    if (found) await lockClock(db, lockFor, found.districtId);
  }
  const row = lockFor ? await repo.lockIncident(db, lockFor, id) : await repo.findIncident(db, id);
  const district = row ? await findDistrict(db, row.districtId) : undefined;
  if (!row || !district) throw new NotFoundError('Incident');
  return { row, district };
}

/** Every stored time is ISO-8601 UTC text, so ordering and month boundaries agree on both databases. */
function normalizeTimes(input: IncidentInput): IncidentInput {
  const utc = (s: string) => new Date(s).toISOString();
  return {
    ...input,
    occurredAt: utc(input.occurredAt),
    nibrsCodes: [...new Set(input.nibrsCodes)],
    contacts: input.contacts.map((c) => ({
      ...c,
      reportedAt: utc(c.reportedAt),
      arrivedAt: c.arrivedAt ? utc(c.arrivedAt) : null,
      actions: c.actions.map((a) => ({ ...a, at: utc(a.at), emergencyReason: a.emergencyReason || null })),
    })),
  };
}

/** A chosen school must be in the district (400) and, for a school-scoped actor, theirs (403). */
async function authorizeSchool(
  db: Db,
  actor: ActorLike,
  action: 'incident.create' | 'incident.update',
  district: { id: string; state: string },
  schoolId: string,
) {
  if (!(await repo.findSchool(db, district.id, schoolId)))
    throw new ValidationError('This school is not in the district', [
      { path: 'schoolId', message: 'Unknown school', code: 'unknown_school' },
    ]);
  authorize(actor, action, { districtId: district.id, state: district.state, schoolIds: [schoolId] }, 'District');
}

const pad6 = (n: number) => String(n).padStart(6, '0');

/** The next human-readable number of the district, e.g. INC-2026-000001 (per calendar year of entry). */
export async function nextIncidentNumber(db: Db, districtId: string, at = new Date()): Promise<string> {
  const year = at.getUTCFullYear();
  return `INC-${year}-${pad6(await repo.reserveCounter(db, districtId, `incident-${year}`))}`;
}

export async function createIncidentIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect'>,
  actor: ActorLike,
  districtId: string,
  raw: IncidentInput,
): Promise<IncidentRow> {
  const d = await districtOrNotFound(trx, districtId);
  if (!canSeeDistrict(actor, { districtId: d.id, state: d.state })) throw new NotFoundError('District');
  if (scopeOf(actor.role, 'incident.create') === 'none') throw new ForbiddenError();
  const input = normalizeTimes(IncidentInputSchema.parse(raw));
  await authorizeSchool(trx, actor, 'incident.create', d, input.schoolId);
  const clock = await lockClock(trx, ctx.dialect, d.id);
  const snapshots = await validateIncidentInput(trx, d.id, input, {
    creatorSroId: actor.role === 'sro' ? actor.userId : null,
  });
  const now = nowIso();
  const row: IncidentRow = {
    id: newId(),
    districtId: d.id,
    schoolId: input.schoolId,
    number: await nextIncidentNumber(trx, d.id),
    occurredAt: input.occurredAt,
    schoolYear: schoolYearOfIncident(input.occurredAt, clock),
    location: input.location,
    behaviors: JSON.stringify(input.behaviors),
    description: input.description,
    weapon: input.weapon,
    offenseAlleged: input.offenseAlleged ? 1 : 0,
    nibrsCodes: JSON.stringify(input.nibrsCodes),
    state: 'draft',
    recordClass: deriveRecordClass(actor.role, input),
    version: 1,
    mouVersionId: null,
    flagCount: 0,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
  };
  await repo.insertIncident(trx, row);
  await writeChildren(trx, row, input, snapshots, false);
  await refreshFlags(trx, row, input, null);
  await appendAudit(trx, audit(ctx, actor, d.id), {
    kind: 'incident.created',
    incidentId: row.id,
    schoolId: row.schoolId,
  });
  return (await repo.findIncident(trx, row.id))!;
}

export async function createIncident(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: IncidentInput,
): Promise<IncidentDetail> {
  return ctx.db
    .transaction()
    .execute(async (trx) => toIncidentDetail(trx, await createIncidentIn(trx, ctx, actor, districtId, input)));
}

export async function updateIncidentIn(
  trx: Db,
  ctx: Pick<AppContext, 'dialect'>,
  actor: ActorLike,
  id: string,
  raw: IncidentInput,
): Promise<IncidentRow> {
  const { row, district } = await loadIncident(trx, id, ctx.dialect);
  await authorizeIncident(trx, actor, 'incident.update', row, district);
  if (row.state === 'closed') throw new ConflictError('A closed incident cannot be edited', 'incident_closed');
  const input = normalizeTimes(IncidentInputSchema.parse(raw));
  if (input.schoolId !== row.schoolId) await authorizeSchool(trx, actor, 'incident.update', district, input.schoolId);
  const snapshots = await validateIncidentInput(trx, district.id, input, { creatorSroId: null });
  const previous = await loadStoredState(trx, row);
  const now = nowIso();
  // Drafts are edited in place; after submission every edit keeps the version it replaces.
  let version = row.version;
  if (row.state !== 'draft') {
    await repo.insertVersion(trx, {
      id: newId(),
      districtId: district.id,
      incidentId: row.id,
      version: row.version,
      state: row.state,
      snapshot: JSON.stringify({ ...previous.input, recordClass: row.recordClass, changeNote: null }),
      changedBy: actor.userId,
      changedAt: now,
    });
    version += 1;
  }
  // The class follows the record's purpose as it is corrected, unless a district administrator
  // reclassified it (then it no longer equals what the old content derives, and it stays).
  const creatorRole = ((await trx.selectFrom('users').select('role').where('id', '=', row.createdBy).executeTakeFirst())
    ?.role ?? 'district_admin') as Role;
  const recordClass =
    row.recordClass === deriveRecordClass(creatorRole, previous.input)
      ? deriveRecordClass(creatorRole, input)
      : row.recordClass;
  await repo.updateIncident(trx, row.id, {
    schoolId: input.schoolId,
    occurredAt: input.occurredAt,
    schoolYear: schoolYearOfIncident(input.occurredAt, await loadClock(trx, row.districtId)),
    location: input.location,
    behaviors: JSON.stringify(input.behaviors),
    description: input.description,
    weapon: input.weapon,
    offenseAlleged: input.offenseAlleged ? 1 : 0,
    nibrsCodes: JSON.stringify(input.nibrsCodes),
    recordClass,
    version,
    updatedAt: now,
  });
  await writeChildren(trx, row, input, snapshots, true);
  await refreshFlags(trx, row, input, previous);
  await appendAudit(trx, audit(ctx, actor, district.id), { kind: 'incident.updated', incidentId: row.id, version });
  return (await repo.findIncident(trx, row.id))!;
}

export async function updateIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: IncidentInput,
): Promise<IncidentDetail> {
  return ctx.db
    .transaction()
    .execute(async (trx) => toIncidentDetail(trx, await updateIncidentIn(trx, ctx, actor, id, input)));
}

/** Reading an incident is reading student records: audited in the same transaction. */
export async function readIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, district } = await loadIncident(trx, id);
    await authorizeIncident(trx, actor, 'incident.read', row, district);
    const detail = await toIncidentDetail(trx, row);
    detail.threatCases = await casesOfIncident(trx, actor, row.id);
    await appendAudit(trx, audit(ctx, actor, district.id), { kind: 'incident.viewed', incidentId: row.id });
    return detail;
  });
}

export async function readIncidentHistory(ctx: AppContext, actor: Actor, id: string): Promise<IncidentHistory> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, district } = await loadIncident(trx, id);
    await authorizeIncident(trx, actor, 'incident.read', row, district);
    const versions = (await repo.findVersionRows(trx, row.id)).map((v) => {
      const { changeNote, ...snapshot } = JSON.parse(v.snapshot) as Record<string, unknown> & {
        changeNote?: string | null;
      };
      return {
        version: v.version,
        state: v.state as IncidentDetail['state'],
        changedBy: v.changedBy,
        changedByName: v.changedByName,
        changedAt: v.changedAt,
        changeNote: changeNote ?? null,
        snapshot,
      };
    });
    await appendAudit(trx, audit(ctx, actor, district.id), { kind: 'incident.viewed', incidentId: row.id });
    return { id: row.id, number: row.number, version: row.version, versions };
  });
}

export async function listIncidents(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  q: z.infer<typeof IncidentListQuerySchema>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { district: d, scope } = await loadDistrictForList(trx, actor, 'incident.list', districtId);
    if (q.schoolId && scope === 'school' && !actor.schoolIds.includes(q.schoolId)) throw new ForbiddenError();
    const { items, total } = await findIncidentPage(trx, d.id, q, {
      ...(scope === 'school' && { schoolIds: actor.schoolIds }),
      needToKnow: await needToKnowFilter(trx, actor, d.id),
      timeZone: d.timeZone,
    });
    await appendAudit(trx, audit(ctx, actor, d.id), {
      kind: 'incident.listed',
      count: items.length,
      incidentIds: items.map((i) => i.id),
    });
    return { items: items.map(toIncidentSummary), total, limit: q.limit, offset: q.offset };
  });
}
