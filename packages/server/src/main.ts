import cluster from 'node:cluster';
import { type Config, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { sealPlainTotpSecrets } from './modules/auth/totp.secret.js';
import { buildApp } from './app.js';
import { BatchedLogDestination } from './plugins/log-destination.js';
import { isSetupNeeded, issueSetupLink } from './modules/setup/setup.service.js';
import { scheduleMouReminders } from './modules/mous/mou.reminders.js';
import { scheduleTrainingReminders } from './modules/training/training.reminders.schedule.js';
import { scheduleThreatReminders } from './modules/threats/threat.reminders.schedule.js';
import { scheduleAuditAnchors } from './modules/audit/audit.anchor.file.js';
import { recomputePendingClocks } from './modules/districts/district.recompute.js';
import { failInterruptedJobs } from './modules/jobs/job.service.js';
import { WORKER_INDEX_ENV, superviseWorkers } from './cluster.js';

/**
 * How long in-flight requests get to finish after SIGTERM/SIGINT. Below the 30 s that container
 * orchestrators (Kubernetes, ECS, systemd's default) wait before SIGKILL, so we still close the
 * database ourselves; a request still running by then is abandoned (its transaction rolls back).
 */
const SHUTDOWN_GRACE_MS = 20_000;

/**
 * Process entry. With WORKERS=1 (the default) this process migrates and serves. With more, this
 * process becomes the supervisor (cluster.ts): it migrates once, then forks the workers, which
 * come back here and serve on the shared port.
 */
export async function serve(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config, SHUTDOWN_GRACE_MS);
  // The supervisor numbers its workers 0..n-1 (cluster's own ids grow with every restart).
  const index = cluster.isWorker ? Number(process.env[WORKER_INDEX_ENV] ?? 0) : 0;
  await serveProcess(config, { migrate: cluster.isPrimary, singletons: index === 0 });
}

/**
 * Config, database, app, listen; graceful shutdown on SIGTERM/SIGINT. `singletons`: the work one
 * process does for the whole deployment (the daily MOU reminders, the one-time setup link).
 */
async function serveProcess(config: Config, opts: { migrate: boolean; singletons: boolean }): Promise<void> {
  const handle = openDatabase(config.database);
  if (opts.migrate) {
    await migrateToLatest(handle.db);
    await sealPlainTotpSecrets(handle.db, config);
    // Nothing runs yet: jobs left queued or running were interrupted (modules/jobs).
    await failInterruptedJobs(handle.db);
  }
  // Standard output in batches, warnings and errors at once (plugins/log-destination.ts).
  const { app, ctx } = await buildApp(config, handle, { logStream: new BatchedLogDestination(1) });
  if (opts.singletons) {
    scheduleMouReminders(app, ctx); // daily annual-review reminders; cleared on close
    scheduleTrainingReminders(app, ctx); // daily training lapse reminders (60 and 30 days); cleared on close
    scheduleThreatReminders(app, ctx); // daily overdue case tasks, check-ins and referral follow-ups; cleared on close
    scheduleAuditAnchors(app, ctx); // signed audit heads every AUDIT_ANCHOR_INTERVAL minutes; cleared on close
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      // A second Ctrl-C means "now": skip the wait for in-flight requests.
      app.log.warn({ signal }, 'second signal: exiting without waiting for in-flight requests');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    // close() closes the keep-alive connections that are idle at that moment, but a connection
    // whose request was still running becomes idle only after its answer, and would then hold the
    // shutdown open until the client hangs up (keep-alive lasts 72 s). Sweep those as they free up.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    sweeper.unref();
    try {
      // close() stops accepting connections, answers 503 to new requests on open keep-alive
      // connections, and waits for in-flight requests, so every write that was acknowledged has
      // committed (synchronous=FULL on SQLite) before the database is closed.
      await app.close();
      clearInterval(sweeper);
      await handle.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  // Installed before listening, so a signal during start-up also closes the database cleanly.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (cluster.isWorker) {
    // Ctrl-C reaches the whole process group; the supervisor answers it by sending SIGTERM, which
    // would otherwise count here as a second signal and cut in-flight requests short.
    process.on('SIGINT', () => undefined);
    // The supervisor is gone (killed outright): finish what is in flight and go too.
    process.on('disconnect', () => void shutdown('supervisor gone'));
  } else {
    process.on('SIGINT', () => void shutdown('SIGINT'));
  }

  await app.listen({ port: config.port, host: config.host });
  // Districts whose figures were computed on another clock (the migration's stated zones, or a
  // settings change whose recompute was cut short) are recomputed after start, one by one.
  if (opts.singletons)
    void recomputePendingClocks(ctx).then(
      (done) => {
        for (const r of done)
          app.log.info({ districtId: r.districtId, ...r.clock, moved: r.incidentsMoved }, 'district clock recomputed');
      },
      (err: unknown) => app.log.error({ err }, 'district clock recompute failed; it is retried at the next start'),
    );
  if (opts.singletons && (await isSetupNeeded(ctx))) {
    const link = await issueSetupLink(ctx);
    console.log(
      `\nForefront has no district yet. Open this one-time link to create the first district and its administrator:\n\n  ${link}\n\n(Or load a demo district: npx forefront demo)\n`,
    );
  }
}
