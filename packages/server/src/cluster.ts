import cluster, { type Worker } from 'node:cluster';
import pino from 'pino';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { sealPlainTotpSecrets } from './modules/auth/totp.secret.js';
import { failInterruptedJobs } from './modules/jobs/job.service.js';

/** Tells a worker its stable number (0..n-1), which survives restarts; worker 0 runs the singletons. */
export const WORKER_INDEX_ENV = 'FOREFRONT_WORKER_INDEX';

/**
 * Logged (info) once every worker has started listening. Until then the port answers, but only
 * from the workers that are up: a load test or health check that opens its connections earlier
 * would see fewer processes than configured.
 */
export const ALL_WORKERS_LISTENING = 'all workers listening';

/** A worker that keeps dying is a bug or a broken deployment, not something to retry forever. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * WORKERS > 1: this process only supervises. It migrates the database once (workers never race
 * on migrations), forks the workers, which share the listening port (Node's cluster module hands
 * connections out round-robin), restarts one that dies, and on SIGTERM/SIGINT passes SIGTERM on
 * and waits for every worker to finish its in-flight requests before exiting.
 *
 * Why several processes: one Node process uses one core, and a request's cost is mostly fixed
 * per request (HTTP, headers, logging; docs/benchmarks.md), so more cores need more processes.
 * Everything shared lives in the database (sessions, lockouts, audit chain); what is per
 * process is listed in docs/operations.md.
 */
export async function superviseWorkers(config: Config, graceMs: number): Promise<void> {
  const log = pino({ level: config.logLevel, base: { pid: process.pid, role: 'supervisor' } });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  await sealPlainTotpSecrets(handle.db, config);
  // Before any worker serves: jobs left queued or running were interrupted (modules/jobs).
  await failInterruptedJobs(handle.db);
  await handle.close();

  const live = new Map<Worker, number>();
  const restarts: number[] = [];
  let closing = false;
  let exitCode = 0;
  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    live.set(worker, index);
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (closing) {
        if (code !== 0) exitCode = 1;
        if (live.size === 0) process.exit(exitCode);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        log.fatal({ index, code, signal }, `workers died ${restarts.length} times within a minute; stopping`);
        exitCode = 1;
        return void shutdown('restart limit');
      }
      log.error({ index, code, signal }, 'worker exited; starting a new one');
      fork(index);
    });
  };

  const shutdown = (signal: string) => {
    if (closing) {
      // A second Ctrl-C means "now", as with a single process.
      for (const worker of live.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    closing = true;
    log.info({ signal, workers: live.size }, 'shutting down: workers finish their in-flight requests');
    if (live.size === 0) process.exit(exitCode);
    for (const worker of live.keys()) worker.process.kill('SIGTERM');
    // The workers give up on their own after graceMs; this only covers a worker that hangs.
    setTimeout(() => {
      log.error('workers did not exit in time; killing them');
      for (const worker of live.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs + 5_000).unref();
  };
  const listening = new Set<number>();
  cluster.on('listening', (worker) => {
    const index = live.get(worker);
    if (index === undefined || listening.has(index)) return;
    listening.add(index);
    if (listening.size === config.workers) log.info({ workers: config.workers }, ALL_WORKERS_LISTENING);
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  for (let i = 0; i < config.workers; i++) fork(i);
  log.info({ workers: config.workers, port: config.port }, 'supervising workers');
}
