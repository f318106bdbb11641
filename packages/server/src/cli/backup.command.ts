import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';

/**
 * SQLite's online backup API copies a consistent snapshot while the server keeps serving: in WAL
 * mode the copy reads one snapshot and never blocks the server's writer. PostgreSQL deployments use
 * pg_dump / pg_restore (docs/operations.md).
 */
export function registerBackupCommands(program: Command) {
  program
    .command('backup <file>')
    .description('Copy the embedded SQLite database to <file>, consistently, even while the server runs')
    .action(async (file: string) => {
      const { closeSync, openSync } = await import('node:fs');
      const { default: SQLite } = await import('better-sqlite3');
      const { loadConfig } = await import('../config.js');
      const config = loadConfig();
      if (config.database.dialect !== 'sqlite')
        throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see docs/operations.md)');
      if (!existsSync(config.database.file)) throw new Error(`No database at ${config.database.file}`);
      const target = resolve(file);
      if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
      // Created empty and 0600 first (an empty file is an empty database to SQLite), so the copy of
      // the student records is never readable by others, not even while it is being written.
      closeSync(openSync(target, 'wx', 0o600));
      const source = new SQLite(config.database.file, { fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        // All remaining pages in one step. better-sqlite3's default copies 100 pages per event-loop
        // turn, and SQLite restarts a step-wise backup from the first page whenever another process
        // (the running server) writes in between: under steady writes a large database would never
        // finish. One step reads a single WAL snapshot, so the copy is consistent and never restarts.
        const info = await source.backup(target, { progress: () => 0x7fffffff });
        console.log(`Backed up ${info.totalPages} pages to ${target}`);
      } finally {
        source.close();
      }
    });
  program
    .command('restore <file>')
    .description(
      'Replace the embedded SQLite database with a backup made by `forefront backup` (stop the server first)',
    )
    .action(async (file: string) => {
      const { mkdirSync } = await import('node:fs');
      const { default: SQLite } = await import('better-sqlite3');
      const { loadConfig } = await import('../config.js');
      const { withContext } = await import('./context.js');
      const { appendAudit } = await import('../modules/audit/audit.service.js');
      const config = loadConfig();
      if (config.database.dialect !== 'sqlite')
        throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore (see docs/operations.md)');
      // Before anything is read or written: a restore under a running server would be overwritten
      // by its next checkpoint, or mix two databases, and its audit event would record a restore
      // that did not happen.
      refuseIfInUse(SQLite, config.database.file);
      const backup = new SQLite(resolve(file), { readonly: true, fileMustExist: true });
      try {
        const check = backup.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
        const ok = backup.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get() as {
          n: number;
        };
        if (!ok.n) throw new Error(`${file} is not a Forefront database`);
        mkdirSync(dirname(config.database.file), { recursive: true });
        await backup.backup(config.database.file, { progress: () => 0x7fffffff });
      } finally {
        backup.close();
      }
      const { accessEpochOf } = await import('../db/database.js');
      // The restore itself goes on the record of the restored database. Every account, session and
      // district may differ now: a server still running must drop its copies (db/access-epoch.ts).
      await withContext(async (ctx) => {
        await ctx.db
          .transaction()
          .execute((trx) =>
            appendAudit(
              trx,
              { dialect: ctx.dialect, actor: null, districtId: null },
              { kind: 'database.restored', file: resolve(file) },
            ),
          );
        accessEpochOf(ctx.db)?.advance();
      }, config);
      console.log(`Restored ${config.database.file} from ${resolve(file)}`);
    });
}

/**
 * Refuses while any process (a `forefront serve` worker, another command) has the database open.
 * Every open connection to a WAL database holds a shared lock on its shared-memory index, which the
 * operating system drops when the process ends, even on kill -9; so taking SQLite's exclusive lock
 * succeeds exactly when no one else has the file open. A stale lock file or the access-epoch file
 * could not say that. (A server started in the few milliseconds between this check and the copy
 * is not caught; the copy itself then fails or the server finds the restored file.)
 */
function refuseIfInUse(SQLite: typeof import('better-sqlite3'), file: string) {
  if (!existsSync(file)) return;
  const probe = new SQLite(file, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('begin exclusive');
    probe.exec('commit');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new Error(
        `${file} is in use by a running Forefront server or another command: stop it first (docs/operations.md), then restore. Nothing was changed.`,
        { cause: err },
      );
    throw err;
  } finally {
    probe.close();
  }
}
