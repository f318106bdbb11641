import type SQLite from 'better-sqlite3';

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * Runs one SQLite write that may be skipped, without waiting for the write lock: `true` when it
 * ran, `false` when another connection held the lock. better-sqlite3 waits synchronously
 * (busy_timeout, 5 s), on the event loop; while a job holds the lock for minutes (a million-row
 * import is one transaction) a wait would stall every request of the process. Only for writes
 * whose loss is harmless (the session's once-a-minute touch is tried again on the next request).
 * Not inside a transaction of the connection: the statement would join it.
 */
export function writeWithoutWaiting(sqlite: SQLite.Database, text: string, params: unknown[]): boolean {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map<string, SQLite.Statement>()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = sqlite.prepare(text)));
  const wait = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    stmt.run(...params);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  } finally {
    sqlite.pragma(`busy_timeout = ${Number(wait)}`);
  }
}
