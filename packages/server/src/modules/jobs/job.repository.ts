import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { JobFileTable, JobTable } from './job.table.js';

export type JobRow = Selectable<JobTable>;

const COLUMNS = [
  'jobs.id',
  'jobs.kind',
  'jobs.districtId',
  'jobs.state',
  'jobs.requestedBy',
  'jobs.status',
  'jobs.phase',
  'jobs.percent',
  'jobs.cancelRequested',
  'jobs.result',
  'jobs.errorCode',
  'jobs.errorMessage',
  'jobs.rerunOf',
  'jobs.createdAt',
  'jobs.startedAt',
  'jobs.finishedAt',
  'jobs.updatedAt',
] as const;

export async function insertJob(db: Db, row: Insertable<JobTable>, input: string) {
  await db.insertInto('jobs').values(row).execute();
  await db.insertInto('jobInputs').values({ jobId: row.id, input }).execute();
}

/** A job with its file's name and size and the name of who started it. */
const withFile = (db: Db) =>
  db
    .selectFrom('jobs')
    .leftJoin('jobFiles', 'jobFiles.jobId', 'jobs.id')
    .leftJoin('users', 'users.id', 'jobs.requestedBy')
    .select([
      ...COLUMNS,
      'jobFiles.name as fileName',
      'jobFiles.contentType as fileType',
      'jobFiles.bytes as fileBytes',
      'users.displayName as requestedByName',
    ]);

export async function findJob(db: Db, id: string) {
  return withFile(db).where('jobs.id', '=', id).executeTakeFirst();
}
export type JobWithFile = NonNullable<Awaited<ReturnType<typeof findJob>>>;

const ENDED = ['done', 'failed', 'cancelled'] as const;

export interface JobListFilter {
  status?: JobTable['status'];
  finished?: boolean;
  limit: number;
  offset: number;
}

/** A page of a district's jobs of these kinds, newest first, and how many there are in all. */
export async function listJobs(db: Db, districtId: string, kinds: string[], f: JobListFilter) {
  if (kinds.length === 0) return { rows: [], total: 0 };
  let base = db.selectFrom('jobs').where('jobs.districtId', '=', districtId).where('jobs.kind', 'in', kinds);
  if (f.status) base = base.where('jobs.status', '=', f.status);
  if (f.finished !== undefined) base = base.where('jobs.status', f.finished ? 'in' : 'not in', [...ENDED]);
  const ids = base.select('jobs.id');
  const rows = await withFile(db)
    .where('jobs.id', 'in', ids)
    .orderBy('jobs.createdAt', 'desc')
    .orderBy('jobs.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export const insertJobRow = (db: Db, row: Insertable<JobTable>) => db.insertInto('jobs').values(row).execute();

/**
 * A rerun's input, copied from the job it reruns by the database, in the job's thread (an
 * import's input is its whole CSV: copied on the event loop, better-sqlite3 would hold it seconds).
 */
export async function copyInput(db: Db, id: string, from: string) {
  await db
    .insertInto('jobInputs')
    .columns(['jobId', 'input'])
    .expression((eb) =>
      eb
        .selectFrom('jobInputs')
        .select([eb.val(id).as('jobId'), 'input'])
        .where('jobId', '=', from),
    )
    .onConflict((oc) => oc.column('jobId').doNothing())
    .execute();
}

export const hasInput = async (db: Db, id: string) =>
  (await db.selectFrom('jobInputs').select('jobId').where('jobId', '=', id).executeTakeFirst()) !== undefined;

export const jobInput = (db: Db, id: string) =>
  db.selectFrom('jobInputs').select('input').where('jobId', '=', id).executeTakeFirst();

export const deleteJobInput = (db: Db, id: string) => db.deleteFrom('jobInputs').where('jobId', '=', id).execute();

export const jobFile = (db: Db, id: string) =>
  db.selectFrom('jobFiles').selectAll().where('jobId', '=', id).executeTakeFirst();

export const insertJobFile = (db: Db, row: Insertable<JobFileTable>) => db.insertInto('jobFiles').values(row).execute();

/** queued -> running, only if still queued (a job cancelled while queued is never started). */
export async function claimJob(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'running', startedAt: at, updatedAt: at, phase: 'starting' })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The end of a running job; `where status = running` so nothing ends twice. */
export async function finishJob(db: Db, id: string, set: Partial<JobTable> & { finishedAt: string }) {
  const r = await db
    .updateTable('jobs')
    .set({ ...set, updatedAt: set.finishedAt })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** At start-up: jobs that were queued or running when the last process stopped can't be running now. */
export async function failUnfinished(db: Db, at: string, message: string) {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'failed', errorCode: 'job_interrupted', errorMessage: message, finishedAt: at, updatedAt: at })
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
