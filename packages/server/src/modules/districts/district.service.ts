import { DEFAULT_SCHOOL_YEAR_START, scopeOf } from '@forefront/contract';
import type {
  CreateDistrictInput,
  CreateSchoolInput,
  District,
  School,
  UpdateDistrictInput,
  UpdateSchoolInput,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound, loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';
import { clockKey, clockOf } from './district.clock.js';
import { isClockApplied, recomputeDistrictClock } from './district.recompute.js';
import * as repo from './district.repository.js';
import { runners } from '../jobs/job.routes.js';
import { startJob } from '../jobs/job.service.js';
import type { DistrictRow, SchoolRow } from './district.table.js';

export const toDistrict = (r: DistrictRow): District => ({ ...r, suppressionMinN: Number(r.suppressionMinN) });
export const toSchool = (r: SchoolRow): School => ({ ...r, enrollment: Number(r.enrollment) });

const auditCtx = (ctx: AppContext, actor: Actor | null, districtId: string): AuditContext => ({
  dialect: ctx.dialect,
  actor,
  districtId,
});

export async function readDistrict(ctx: AppContext, actor: Actor, id: string): Promise<District> {
  const d = await loadDistrictFor(ctx.db, actor, 'district.read', id);
  return toDistrict(d);
}

export async function updateDistrict(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDistrictInput,
): Promise<District> {
  await loadDistrictFor(ctx.db, actor, 'district.update', id);
  await ctx.db.transaction().execute(async (trx) => {
    // The clock as it is now, read under the row lock: two settings changes at once must each see
    // the other's committed zone, or one could think nothing moved.
    const current = await trx
      .selectFrom('districts')
      .select(['timeZone', 'schoolYearStart'])
      .where('id', '=', id)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const from = clockOf(current);
    const to = {
      timeZone: input.timeZone ?? from.timeZone,
      schoolYearStart: input.schoolYearStart ?? from.schoolYearStart,
    };
    await repo.updateDistrict(trx, id, { ...input, updatedAt: nowIso() });
    await appendAudit(trx, auditCtx(ctx, actor, id), {
      kind: 'district.updated',
      districtId: id,
      fields: Object.keys(input),
    });
    if (clockKey(from) !== clockKey(to))
      await appendAudit(trx, auditCtx(ctx, actor, id), { kind: 'district.clock_changed', districtId: id, from, to });
  });
  // Every school year, month and published figure moves with the clock: a job recomputes them in
  // a worker thread (job kind district.clock.recompute); `clock_applied` lets a restart finish a
  // recompute that was cut short (recomputePendingClocks). Without a job runner (the CLI) it runs here.
  if ((input.timeZone !== undefined || input.schoolYearStart !== undefined) && !(await isClockApplied(ctx.db, id))) {
    const runner = runners.get(ctx);
    if (runner) await startJob(ctx, runner, actor, id, 'district.clock.recompute', {});
    else await recomputeDistrictClock(ctx, id);
  }
  return toDistrict((await repo.findDistrict(ctx.db, id))!);
}

/**
 * Used by setup and the CLI (no actor yet): creates a district inside the caller's transaction. No
 * account may create a district, so there is no actor to authorize (the ...In rule).
 */
export async function createDistrictIn(
  trx: Db,
  ctx: AppContext,
  actor: null,
  input: CreateDistrictInput,
): Promise<DistrictRow> {
  if (await repo.findDistrictByLeaId(trx, input.ncesLeaId))
    throw new ConflictError(`A district with NCES LEA id ${input.ncesLeaId} already exists`, 'district_exists', {
      value: input.ncesLeaId,
    });
  const now = nowIso();
  const clock = { timeZone: input.timeZone, schoolYearStart: input.schoolYearStart ?? DEFAULT_SCHOOL_YEAR_START };
  const row = {
    id: newId(),
    ...input,
    ...clock,
    clockApplied: clockKey(clock),
    suppressionMinN: 10,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertDistrict(trx, row);
  await appendAudit(trx, auditCtx(ctx, actor, row.id), {
    kind: 'district.created',
    districtId: row.id,
    ncesLeaId: row.ncesLeaId,
  });
  return row;
}

export async function listSchools(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  page: { limit: number; offset: number },
) {
  const { scope } = await loadDistrictForList(ctx.db, actor, 'school.list', districtId);
  const { items, total } = await repo.findSchools(
    ctx.db,
    districtId,
    page,
    scope === 'school' ? actor.schoolIds : undefined,
  );
  return { items: items.map(toSchool), total, ...page };
}

async function loadSchool(ctx: AppContext, id: string) {
  const s = await repo.findSchool(ctx.db, id);
  const d = s && (await repo.findDistrict(ctx.db, s.districtId));
  if (!s || !d) throw new NotFoundError('School');
  return { school: s, resource: { districtId: d.id, state: d.state, schoolIds: [s.id] } };
}

export async function readSchool(ctx: AppContext, actor: Actor, id: string): Promise<School> {
  const { school, resource } = await loadSchool(ctx, id);
  authorize(actor, 'school.read', resource, 'School');
  return toSchool(school);
}

export async function createSchool(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: CreateSchoolInput,
): Promise<School> {
  await loadDistrictFor(ctx.db, actor, 'school.create', districtId);
  return toSchool(await ctx.db.transaction().execute((trx) => createSchoolIn(trx, ctx, actor, districtId, input)));
}

export async function createSchoolIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  districtId: string,
  input: CreateSchoolInput,
): Promise<SchoolRow> {
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted operator path.
  if (actor) await loadDistrictFor(trx, actor, 'school.create', districtId);
  if (await repo.findSchoolByNcesId(trx, input.ncesSchoolId))
    throw new ConflictError(`A school with NCES id ${input.ncesSchoolId} already exists`, 'school_exists', {
      value: input.ncesSchoolId,
    });
  const now = nowIso();
  const row = { id: newId(), districtId, ...input, createdAt: now, updatedAt: now };
  await repo.insertSchool(trx, row);
  await appendAudit(trx, auditCtx(ctx, actor, districtId), {
    kind: 'school.created',
    schoolId: row.id,
    ncesSchoolId: row.ncesSchoolId,
  });
  return row;
}

export async function updateSchool(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateSchoolInput,
): Promise<School> {
  const { school, resource } = await loadSchool(ctx, id);
  authorize(actor, 'school.update', resource, 'School');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSchool(trx, id, { ...input, updatedAt: nowIso() });
    await appendAudit(trx, auditCtx(ctx, actor, school.districtId), {
      kind: 'school.updated',
      schoolId: id,
      fields: Object.keys(input),
    });
  });
  return toSchool((await repo.findSchool(ctx.db, id))!);
}

export async function listStateDistricts(ctx: AppContext, actor: Actor, page: { limit: number; offset: number }) {
  // The scope of a state viewer is their state; any other role is refused by the policy table.
  if (scopeOf(actor.role, 'state.district.list') !== 'state' || !actor.state) throw new ForbiddenError();
  const { items, total } = await repo.findDistrictsInState(ctx.db, actor.state ?? '', page.limit, page.offset);
  return { items: items.map(toDistrict), total, ...page };
}

/** The public district page: no sign-in, so only what is safe for anyone to see. */
export async function readPublicDistrict(ctx: AppContext, id: string) {
  const d = await districtOrNotFound(ctx.db, id);
  const schools = await repo.findAllSchools(ctx.db, id);
  return {
    id: d.id,
    name: d.name,
    state: d.state,
    ncesLeaId: d.ncesLeaId,
    schools: schools.map((s) => ({
      id: s.id,
      name: s.name,
      ncesSchoolId: s.ncesSchoolId,
      gradeLow: s.gradeLow,
      gradeHigh: s.gradeHigh,
      enrollment: Number(s.enrollment),
    })),
  };
}

export const listPublicDistricts = async (ctx: AppContext) => ({ items: await repo.findAllDistricts(ctx.db) });
