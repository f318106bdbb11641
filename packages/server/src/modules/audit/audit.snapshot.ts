import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../../config.js';
import type { Db, Dialect } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/**
 * Runs `fn` on one consistent snapshot of the database, so that a walk of the audit trail that
 * reads chains, events and heads in many queries sees them as of one moment, while the server
 * keeps appending. Read piecemeal, a head written after its chain was read looks like a truncated
 * chain: a false report of tampering.
 *
 * - PostgreSQL: a read-only repeatable read transaction (one snapshot for all its statements).
 * - SQLite: a deferred read transaction on a connection of its own, opened read-only. In WAL mode
 *   its first read fixes the snapshot until it ends, and it never blocks the writer. A connection
 *   of its own because the app's one connection is shared by every request in the process: a
 *   transaction there would stall them all, and its `begin` is `begin immediate`, a write lock.
 */
export async function withReadSnapshot<T>(
  ctx: { db: Db; dialect: Dialect; config: Pick<Config, 'database'> },
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  const database = ctx.config.database;
  if (ctx.dialect === 'postgres' || database.dialect !== 'sqlite')
    return ctx.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  // A database in memory is private to its one connection; nothing else can write in between.
  if (database.file === ':memory:') return ctx.db.transaction().execute(fn);
  const sqlite = new SQLite(database.file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const reader = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    return await reader.transaction().execute(fn);
  } finally {
    await reader.destroy();
  }
}
