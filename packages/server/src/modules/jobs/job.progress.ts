import type { MessagePort } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';

/** Thrown at a progress point once a cancel was asked for: the job's transaction rolls back. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Progress is written at most this often (or at a new phase). */
const PROGRESS_EVERY_MS = 500;

/**
 * Writes a job's phase and percent, and learns whether a cancel was asked for, on a connection of
 * its own: the job's work may hold a transaction for minutes (a million-row import is one
 * transaction), and progress written inside it would be invisible until it commits.
 * On SQLite the job's transaction holds the write lock, so this connection never waits for it
 * (busy_timeout 0): a write that finds the lock taken is skipped and only the cancel flag is read
 * (WAL readers never wait). Returns the cancel flag, or undefined when it could not be read.
 */
export interface ProgressChannel {
  write(jobId: string, phase: string, percent: number): Promise<boolean | undefined>;
  close(): void;
}

export function sqliteProgressChannel(file: string): ProgressChannel {
  const conn = new SQLite(file);
  conn.pragma('busy_timeout = 0');
  const update = conn.prepare(
    `update jobs set phase = ?, percent = ?, updated_at = ? where id = ? and status = 'running' returning cancel_requested`,
  );
  const read = conn.prepare(`select cancel_requested from jobs where id = ?`);
  return {
    write(jobId, phase, percent) {
      try {
        const row = update.get(phase, percent, nowIso(), jobId) as { cancel_requested: number } | undefined;
        return Promise.resolve(row ? row.cancel_requested === 1 : undefined);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        const row = read.get(jobId) as { cancel_requested: number } | undefined;
        return Promise.resolve(row ? row.cancel_requested === 1 : undefined);
      }
    },
    close: () => conn.close(),
  };
}

/** PostgreSQL: another connection of the pool; the job's transaction does not lock the jobs row. */
export function poolProgressChannel(db: Db): ProgressChannel {
  return {
    async write(jobId, phase, percent) {
      const row = await db
        .updateTable('jobs')
        .set({ phase, percent, updatedAt: nowIso() })
        .where('id', '=', jobId)
        .where('status', '=', 'running')
        .returning('cancelRequested')
        .executeTakeFirst();
      return row ? row.cancelRequested === 1 : undefined;
    },
    close: () => undefined,
  };
}

/** The `progress` function a job kind calls: cheap enough to call per row (it writes twice a second). */
export function progressReporter(channel: ProgressChannel, jobId: string, port?: Pick<MessagePort, 'postMessage'>) {
  let last = 0;
  let lastPhase = '';
  let cancelled = false;
  let pending: Promise<void> | null = null;
  const report = (phase: string, percent: number) => {
    if (cancelled) throw new JobCancelled();
    const now = Date.now();
    if (pending || (phase === lastPhase && now - last < PROGRESS_EVERY_MS)) return;
    last = now;
    lastPhase = phase;
    const pct = Math.max(0, Math.min(100, Math.round(percent)));
    port?.postMessage({ phase: phase.slice(0, 100), percent: pct });
    pending = channel
      .write(jobId, phase.slice(0, 100), pct)
      .then((c) => {
        if (c) cancelled = true;
      })
      .catch(() => undefined) // progress is best-effort; the job's own result is what counts
      .finally(() => {
        pending = null;
      });
  };
  /** Waits for the last write (so a cancel asked for during it is seen), then checks once more. */
  const settle = async () => {
    await pending;
    if (cancelled) throw new JobCancelled();
  };
  return { report, settle };
}
