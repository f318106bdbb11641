import type { z } from 'zod';
import { type Job, can, issueParams, scopeOf } from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize, authorizeList } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { JOB_KINDS, jobKindOf } from './job.kinds.js';
import * as repo from './job.repository.js';
import type { JobRunner } from './job.runner.js';

/**
 * Jobs: who may start, see, cancel and download them. Seeing a job needs `job.list` and the
 * policy of its kind (an auditor sees export jobs, not imports); starting needs `job.start` and
 * the kind's policy; cancelling `job.cancel` and the kind's policy. Starting is audited; the
 * work itself audits what it does, as the synchronous routes do.
 */
async function districtOf(db: Db, id: string) {
  const d = await findDistrict(db, id);
  if (!d) throw new NotFoundError('District');
  return d;
}

function toJob(r: repo.JobWithFile, runner?: JobRunner): Job {
  // A job this process runs: its thread's latest report, newer than the row's on SQLite (job.runner.ts).
  const live = r.status === 'running' ? runner?.live.get(r.id) : undefined;
  return {
    id: r.id,
    kind: r.kind,
    districtId: r.districtId,
    state: r.state,
    requestedBy: r.requestedBy,
    requestedByName: r.requestedByName ?? null,
    status: r.status,
    phase: live?.phase ?? r.phase,
    percent: live?.percent ?? r.percent,
    cancelRequested: r.cancelRequested === 1,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    resultFile: r.fileName ? { name: r.fileName, contentType: r.fileType!, bytes: Number(r.fileBytes) } : null,
    error: r.errorCode ? { code: r.errorCode, message: r.errorMessage ?? '' } : null,
    rerunOf: r.rerunOf,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** The job, if the actor may see it; 404 for another district's, 403 for a kind beyond the actor's policy. */
async function visibleJob(ctx: AppContext, actor: Actor, id: string, action: 'job.list' | 'job.cancel') {
  const row = await repo.findJob(ctx.db, id);
  if (!row) throw new NotFoundError('Job');
  if (row.districtId === null) {
    // A state's job: seen by those its kind's action allows in that state; to others it does not exist.
    const kind = jobKindOf(row.kind);
    if (!kind || row.state === null || !can(actor, kind.action, { districtId: '', state: row.state }))
      throw new NotFoundError('Job');
    return row;
  }
  const d = await districtOf(ctx.db, row.districtId);
  const resource = { districtId: d.id, state: d.state };
  authorize(actor, action, resource, 'Job');
  const kind = jobKindOf(row.kind);
  if (!kind || !can(actor, kind.action, resource)) throw new ForbiddenError();
  return row;
}

async function createJob(
  ctx: AppContext,
  runner: JobRunner,
  actor: Actor,
  /** A district's job, or a state's (districtId null). */
  owner: { districtId: string; state: null } | { districtId: null; state: string },
  kindName: string,
  /** The input as JSON, or the job whose input the job's thread copies (an import's CSV never passes through here). */
  input: { json: string } | { rerunOf: string },
): Promise<Job> {
  const id = newId();
  const at = nowIso();
  const rerunOf = 'rerunOf' in input ? input.rerunOf : null;
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      id,
      kind: kindName,
      districtId: owner.districtId,
      state: owner.state,
      requestedBy: actor.userId,
      status: 'queued' as const,
      percent: 0,
      cancelRequested: 0,
      rerunOf,
      createdAt: at,
      updatedAt: at,
    };
    if ('json' in input) await repo.insertJob(trx, row, input.json);
    else await repo.insertJobRow(trx, { ...row, rerunOf: input.rerunOf });
    await appendAudit(
      trx,
      // A state's job is recorded in the system chain, like other events outside any district.
      { dialect: ctx.dialect, actor, districtId: owner.districtId },
      { kind: 'job.started', jobId: id, jobKind: kindName, rerunOf },
    );
  });
  runner.dispatch(id);
  return toJob((await repo.findJob(ctx.db, id))!);
}

export async function startJob(
  ctx: AppContext,
  runner: JobRunner,
  actor: Actor,
  districtId: string,
  kindName: string,
  input: unknown,
): Promise<Job> {
  const d = await districtOf(ctx.db, districtId);
  const resource = { districtId: d.id, state: d.state };
  authorize(actor, 'job.start', resource, 'District');
  const kind = jobKindOf(kindName);
  if (!kind || kind.scope === 'state')
    throw new AppError(400, 'job_kind_unknown', `There is no job kind "${kindName}"`);
  if (!can(actor, kind.action, resource)) throw new ForbiddenError();
  if (kind.disclosure) refuseWithoutDisclosure(input);
  return createJob(ctx, runner, actor, { districtId: d.id, state: null }, kindName, {
    json: JSON.stringify(parseInput(kind, input)),
  });
}

function parseInput(kind: { input: z.ZodType }, input: unknown): unknown {
  const parsed = kind.input.safeParse(input ?? {});
  if (!parsed.success)
    throw new ValidationError(
      'The job input is invalid',
      parsed.error.issues.map((i) => ({
        path: ['input', ...i.path].join('.'),
        message: i.message,
        code: i.code,
        params: issueParams(i as unknown as Record<string, unknown>),
      })),
    );
  return parsed.data;
}

/**
 * Issue 13: a state's job, for the actor's own state (a state viewer loading CRDC files). Only
 * kinds declared for a state; the kind's action decides, in the actor's state.
 */
export async function startStateJob(
  ctx: AppContext,
  runner: JobRunner,
  actor: Actor,
  kindName: string,
  input: unknown,
): Promise<Job> {
  const kind = jobKindOf(kindName);
  if (!kind || kind.scope !== 'state')
    throw new AppError(400, 'job_kind_unknown', `There is no job kind "${kindName}" for a state`);
  if (actor.state === null || !can(actor, kind.action, { districtId: '', state: actor.state }))
    throw new ForbiddenError();
  return createJob(ctx, runner, actor, { districtId: null, state: actor.state }, kindName, {
    json: JSON.stringify(parseInput(kind, input)),
  });
}

const DISCLOSURE_FIELDS = ['party', 'purpose', 'legalBasis'] as const;

/** FERPA 99.32(a): a release of student records names who receives them, why, and on what ground. */
function refuseWithoutDisclosure(input: unknown): void {
  const given = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const missing = DISCLOSURE_FIELDS.filter((k) => {
    const v = given[k];
    return typeof v !== 'string' || v.trim() === '';
  });
  if (missing.length > 0)
    throw new AppError(
      400,
      'disclosure_required',
      'An export of student records must name the recipient, the purpose and the legal basis (FERPA 99.32)',
      missing.map((k) => ({ path: `input.${k}`, message: `The ${k} of the disclosure is required` })),
    );
}

export async function listJobsOf(
  ctx: AppContext,
  runner: JobRunner,
  actor: Actor,
  districtId: string,
  q: { status?: Job['status']; finished?: 'true' | 'false'; limit: number; offset: number },
) {
  const d = await districtOf(ctx.db, districtId);
  const resource = { districtId: d.id, state: d.state };
  authorizeList(actor, 'job.list', resource);
  const kinds = Object.entries(JOB_KINDS)
    .filter(([, k]) => k.scope !== 'state')
    .filter(([, k]) => scopeOf(actor.role, k.action) !== 'none' && can(actor, k.action, resource))
    .map(([name]) => name);
  const page = await repo.listJobs(ctx.db, d.id, kinds, {
    ...(q.status && { status: q.status }),
    ...(q.finished && { finished: q.finished === 'true' }),
    limit: q.limit,
    offset: q.offset,
  });
  return { items: page.rows.map((r) => toJob(r, runner)), total: page.total, limit: q.limit, offset: q.offset };
}

export async function readJob(ctx: AppContext, runner: JobRunner, actor: Actor, id: string): Promise<Job> {
  return toJob(await visibleJob(ctx, actor, id, 'job.list'), runner);
}

/**
 * A queued job is cancelled at once; a running one at its next progress point (its transaction
 * rolls back). Cancelling a job that has ended is refused; cancelling twice is no error.
 */
export async function cancelJob(ctx: AppContext, actor: Actor, id: string): Promise<Job> {
  const row = await visibleJob(ctx, actor, id, 'job.cancel');
  if (row.status === 'done' || row.status === 'failed')
    throw new AppError(409, 'job_finished', 'The job has already finished');
  if (row.status !== 'cancelled' && row.cancelRequested !== 1) {
    const at = nowIso();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('jobs')
        .set({ status: 'cancelled', finishedAt: at, updatedAt: at, cancelRequested: 1 })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute();
      await trx.updateTable('jobs').set({ cancelRequested: 1, updatedAt: at }).where('id', '=', id).execute();
      await appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: row.districtId },
        { kind: 'job.cancelled', jobId: id },
      );
    });
  }
  return toJob((await repo.findJob(ctx.db, id))!);
}

/**
 * Runs a failed or cancelled job again as a new job with the same input. Safe because every
 * kind either commits all its work in one transaction or only reads: an interrupted job left
 * nothing behind to double.
 */
export async function rerunJob(ctx: AppContext, runner: JobRunner, actor: Actor, id: string): Promise<Job> {
  const row = await visibleJob(ctx, actor, id, 'job.cancel');
  if (row.status !== 'failed' && row.status !== 'cancelled')
    throw new ConflictError('Only a failed or cancelled job can be run again', 'job_not_rerunnable');
  // The job whose input to use: this one, or (a rerun cancelled before it started) the job it reran.
  const source = (await repo.hasInput(ctx.db, id))
    ? id
    : row.rerunOf && (await repo.hasInput(ctx.db, row.rerunOf))
      ? row.rerunOf
      : null;
  if (!source) throw new ConflictError('This job kept no input to run again', 'job_no_input');
  // A state's job was allowed by visibleJob (its kind's action in its state).
  if (row.districtId === null)
    return createJob(ctx, runner, actor, { districtId: null, state: row.state! }, row.kind, { rerunOf: source });
  const d = await districtOf(ctx.db, row.districtId);
  authorize(actor, 'job.start', { districtId: d.id, state: d.state }, 'Job');
  return createJob(ctx, runner, actor, { districtId: d.id, state: null }, row.kind, { rerunOf: source });
}

/** An export's file: audited as a read of what it holds (its disclosure was recorded when it ran). */
export async function downloadJobResult(ctx: AppContext, actor: Actor, id: string) {
  const row = await visibleJob(ctx, actor, id, 'job.list');
  return ctx.db.transaction().execute(async (trx) => {
    const file = await repo.jobFile(trx, id);
    if (!file) throw new NotFoundError('Job result', 'This job has no file to download');
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: row.districtId },
      { kind: 'job.result_downloaded', jobId: id, jobKind: row.kind },
    );
    return file;
  });
}

/**
 * At start-up, before serving: no job can be running yet, so every job left queued or running
 * was interrupted (a crash, kill -9, power loss). Each is marked failed and can be run again.
 */
export async function failInterruptedJobs(db: Db): Promise<number> {
  return repo.failUnfinished(
    db,
    nowIso(),
    'The server stopped while this job ran; nothing it did was kept. Run it again.',
  );
}
