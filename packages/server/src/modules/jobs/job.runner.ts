import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { type Db, nowIso } from '../../db/database.js';
import type { JobTask } from './job.worker.js';
import { finishJob } from './job.repository.js';

/**
 * The worker threads that run jobs (piscina), one pool per server process, started on the first
 * job. The server runs its TypeScript through tsx, so each thread loads tsx first
 * (`--import` tsx's loader), then job.worker.ts. JOB_THREADS threads (default 1: on a small machine one
 * core stays with the event loop); further jobs wait in the pool's queue with status `queued`.
 */
/** tsx's loader by path: a bare `--import tsx` would resolve from the working directory, wherever `forefront` was started. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class JobRunner {
  private pool: Piscina | null = null;
  private readonly running = new Set<Promise<unknown>>();
  /**
   * The latest phase and percent of each job this process runs, as its thread reports them: on
   * SQLite an import's transaction holds the write lock, so the row cannot take its progress.
   */
  readonly live = new Map<string, { phase: string; percent: number }>();

  constructor(
    private readonly config: Config,
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  dispatch(jobId: string): void {
    this.pool ??= new Piscina({
      filename: new URL('./job.worker.ts', import.meta.url).href,
      execArgv: ['--import', TSX_LOADER],
      minThreads: 0,
      maxThreads: this.config.jobThreads,
      idleTimeout: 60_000,
    });
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: { phase: string; percent: number }) => this.live.set(jobId, m));
    port1.unref();
    const task: JobTask = { jobId, config: this.config, port: port2 };
    const p = this.pool
      .run(task, { transferList: [port2] })
      .catch(async (err: unknown) => {
        // The thread died (out of memory, terminated at shutdown): the job did not finish.
        this.log.error({ err, jobId }, 'job worker failed');
        await finishJob(this.db, jobId, {
          status: 'failed',
          errorCode: 'job_interrupted',
          errorMessage: 'The job stopped before it finished; nothing it did was kept. Run it again.',
          finishedAt: nowIso(),
        }).catch(() => undefined);
      })
      .finally(() => {
        port1.close();
        this.live.delete(jobId);
        this.running.delete(p);
      });
    this.running.add(p);
  }

  /** For tests and the benchmark: resolves when every dispatched job has ended. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** At shutdown: the threads are stopped; their jobs are marked failed at the next start. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy();
  }
}
