import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@forefront/contract';
import type { Config } from '../../config.js';
import { type DbHandle, nowIso, openDatabase } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ForbiddenError } from '../../shared/errors.js';
import { createMailer } from '../mail/mailer.js';
import { jobKindOf } from './job.kinds.js';
import {
  JobCancelled,
  type ProgressChannel,
  poolProgressChannel,
  progressReporter,
  sqliteProgressChannel,
} from './job.progress.js';
import { claimJob, copyInput, deleteJobInput, finishJob, insertJobFile, jobInput } from './job.repository.js';

/**
 * The piscina worker: runs one job in a worker thread, off the server's event loop. It opens its
 * own database handle (kept for the thread's life, one per database), marks the job running,
 * runs its kind with the requester as the actor (read afresh: a role removed since the job was
 * started is refused), and writes the outcome. Loaded through tsx (job.runner.ts).
 */
/**
 * Jobs yield the CPU to requests: on Linux a nice value set from a thread applies to that thread
 * only, so the event loop keeps its priority and a job runs on what it leaves (on a 2-core machine
 * the difference between a p95 of tens and hundreds of milliseconds while a job runs). Where the
 * platform refuses, the job runs at normal priority.
 */
const JOB_NICE = 10;
try {
  setPriority(JOB_NICE);
} catch {
  // not permitted here: run at normal priority
}

export interface JobTask {
  jobId: string;
  config: Config;
  /** Progress for the starting process as well (job.runner.ts): seen even while the database cannot take it. */
  port?: MessagePort;
}

interface WorkerDb {
  ctx: AppContext;
  channel: ProgressChannel;
}
const handles = new Map<string, WorkerDb>();

function workerDb(config: Config): WorkerDb {
  const key = config.database.dialect === 'postgres' ? config.database.url : config.database.file;
  let w = handles.get(key);
  if (!w) {
    const handle: DbHandle = openDatabase(config.database);
    const log = pino({ level: config.logLevel, base: { job: true } }) as unknown as FastifyBaseLogger;
    const ctx: AppContext = {
      db: handle.db,
      dialect: handle.dialect,
      sqlite: handle.sqlite,
      config,
      log,
      mailer: createMailer(config, handle.db, log),
    };
    const channel =
      config.database.dialect === 'sqlite' ? sqliteProgressChannel(config.database.file) : poolProgressChannel(ctx.db);
    w = { ctx, channel };
    handles.set(key, w);
  }
  return w;
}

/** The requester as the auth plugin would see them now; a disabled account runs nothing. */
async function actorOf(ctx: AppContext, userId: string | null, jobId: string): Promise<Actor> {
  if (!userId) throw new ForbiddenError();
  const rows = await ctx.db
    .selectFrom('users as u')
    .leftJoin('districts as d', 'd.id', 'u.districtId')
    .leftJoin('userSchools as us', 'us.userId', 'u.id')
    .select(['u.id', 'u.role', 'u.districtId', 'u.disabled', 'u.state as ownState', 'd.state', 'us.schoolId'])
    .where('u.id', '=', userId)
    .execute();
  const u = rows[0];
  if (!u || u.disabled) throw new ForbiddenError();
  return {
    userId: u.id,
    role: u.role as Role,
    districtId: u.districtId,
    // A state viewer's state is their account's; anyone else's is their district's.
    state: u.ownState ?? u.state ?? null,
    schoolIds: rows.flatMap((r) => (r.schoolId ? [r.schoolId] : [])),
    sessionId: `job:${jobId}`,
  };
}

export default async function runJob(task: JobTask): Promise<string> {
  const { ctx, channel } = workerDb(task.config);
  const { db } = ctx;
  if (!(await claimJob(db, task.jobId, nowIso()))) return 'skipped';
  const job = await db
    .selectFrom('jobs')
    .select(['kind', 'districtId', 'state', 'requestedBy', 'rerunOf'])
    .where('id', '=', task.jobId)
    .executeTakeFirstOrThrow();
  const progress = progressReporter(channel, task.jobId, task.port);
  try {
    const kind = jobKindOf(job.kind);
    if (!kind) throw new AppError(400, 'job_kind_unknown', `No job kind ${job.kind}`);
    const actor = await actorOf(ctx, job.requestedBy, task.jobId);
    if (job.rerunOf) await copyInput(db, task.jobId, job.rerunOf);
    const input = kind.input.parse(JSON.parse((await jobInput(db, task.jobId))?.input ?? '{}'));
    const base = { ctx, actor, input, progress: progress.report };
    const out =
      kind.scope === 'state'
        ? await kind.run({ ...base, state: job.state! })
        : await kind.run({ ...base, districtId: job.districtId! });
    await progress.settle().catch(() => undefined); // finished anyway: a late cancel changes nothing
    const at = nowIso();
    await db.transaction().execute(async (trx) => {
      if (out.file)
        await insertJobFile(trx, {
          jobId: task.jobId,
          name: out.file.name,
          contentType: out.file.contentType,
          bytes: Buffer.byteLength(out.file.content),
          content: out.file.content,
        });
      await deleteJobInput(trx, task.jobId); // done: the input (an import's file) is not kept
      await finishJob(trx, task.jobId, {
        status: 'done',
        phase: null,
        percent: 100,
        result: JSON.stringify(out.result ?? null),
        finishedAt: at,
      });
    });
    return 'done';
  } catch (err) {
    const at = nowIso();
    if (err instanceof JobCancelled) {
      await finishJob(db, task.jobId, { status: 'cancelled', finishedAt: at });
      return 'cancelled';
    }
    const known = err instanceof AppError;
    if (!known) ctx.log.error({ err, jobId: task.jobId, kind: job.kind }, 'job failed');
    await finishJob(db, task.jobId, {
      status: 'failed',
      errorCode: known ? err.code : 'job_failed',
      errorMessage: known ? err.message : 'The job failed; the server log has the details',
      finishedAt: at,
    });
    return 'failed';
  }
}
