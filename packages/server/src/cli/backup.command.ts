import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import { withContext } from './context.js';

/**
 * SQLite's online backup API copies a consistent snapshot page by page while the server keeps
 * serving (readers and the writer are not blocked for the whole copy). PostgreSQL deployments use
 * pg_dump / pg_restore (docs/operations.md).
 */
export function registerBackupCommands(program: Command) {
  program
    .command('backup <file>')
    .description('Copy the embedded SQLite database to <file>, consistently, even while the server runs')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.database.dialect !== 'sqlite') throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see docs/operations.md)');
      if (!existsSync(config.database.file)) throw new Error(`No database at ${config.database.file}`);
      const target = resolve(file);
      if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
      const source = new SQLite(config.database.file, { fileMustExist: true });
      try {
        const info = await source.backup(target);
        console.log(`Backed up ${info.totalPages} pages to ${target}`);
      } finally {
        source.close();
      }
    });
  program
    .command('restore <file>')
    .description('Replace the embedded SQLite database with a backup made by `forefront backup` (stop the server first)')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.database.dialect !== 'sqlite') throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore (see docs/operations.md)');
      const backup = new SQLite(resolve(file), { readonly: true, fileMustExist: true });
      try {
        const check = backup.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
        const ok = backup.prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'").get() as { n: number };
        if (!ok.n) throw new Error(`${file} is not a Forefront database`);
        await backup.backup(config.database.file);
      } finally {
        backup.close();
      }
      // The restore itself goes on the record of the restored database.
      await withContext((ctx) => ctx.db.transaction().execute((trx) => appendAudit(trx, { dialect: ctx.dialect, actor: null, districtId: null }, { kind: 'database.restored', file: resolve(file) })), config);
      console.log(`Restored ${config.database.file} from ${resolve(file)}`);
    });
}
