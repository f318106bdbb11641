import { randomFillSync } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * How a process learns, in one system call, that something deciding who may do what has changed
 * in the embedded database, so it may keep a copy of it (db/epoch-cache.ts).
 *
 * The value is 8 bytes in a file beside the database (`<database file>-access`). Every process
 * that writes the database through db/database.ts, the server's workers and the CLI alike,
 * rewrites it with fresh random bytes right after it commits a statement that may change access
 * (`changesAccess` below), and before it answers anyone. A reader reads the value before it reads
 * the database and keeps what it read under that value; once the value differs, the copy is
 * dropped. A commit is therefore seen by every request that starts after the writer's answer.
 *
 * PostgreSQL deployments may run on several hosts that share no file: they have no epoch, and
 * read the database on every request. A database in memory is private to one connection, so a
 * counter in the process does the same job.
 */
export interface AccessEpoch {
  /** The current value: equal values mean nothing deciding access was committed in between. */
  read(): number;
  /** Announce a committed change to access. */
  advance(): void;
  close(): void;
}

/**
 * The tables whose rows decide access and are kept in epoch caches: a signed-in request's actor
 * (its session, account and schools: modules/auth/auth.repository.ts) and districts (their state
 * decides a state viewer's reach: modules/districts/district.repository.ts). A cache of another
 * table's rows needs its table added here (test/access-epoch.test.ts checks the two queries).
 */
export const ACCESS_TABLES: readonly string[] = ['users', 'user_schools', 'sessions', 'districts'];
const accessTable = new RegExp(`\\b(${ACCESS_TABLES.join('|')})\\b`);

/**
 * Writes to an access table that cannot change what an existing session may do: the idle touch
 * (it only moves last_seen_at forward; the cache re-reads a session that looks idle anyway), and
 * inserting a new session (no process has a copy of a session that did not exist). Compared
 * with the SQL text Kysely compiles, checked by test/access-epoch.test.ts.
 */
export const ACCESS_NEUTRAL_SQL: readonly string[] = [
  'update "sessions" set "last_seen_at" = ? where "id" = ? and "last_seen_at" < ?',
];

/**
 * Whether a statement may change access once committed. Errs towards yes: any statement that
 * writes and names an access table, and every delete or schema change whatever its table (a
 * cascade can reach the access tables from elsewhere).
 */
export function changesAccess(sqlText: string, readonly: boolean): boolean {
  if (readonly) return false;
  const s = sqlText.trimStart().toLowerCase();
  if (/^(delete|drop|alter)\b/.test(s)) return true;
  if (s.startsWith('insert into "sessions"') || ACCESS_NEUTRAL_SQL.includes(sqlText)) return false;
  return accessTable.test(s);
}

export function openAccessEpoch(databaseFile: string): AccessEpoch {
  if (databaseFile === ':memory:') {
    let n = 0;
    return { read: () => n, advance: () => void n++, close: () => {} };
  }
  const fd = openSync(`${databaseFile}-access`, constants.O_RDWR | constants.O_CREAT, 0o600);
  fchmodSync(fd, 0o600); // one made by an older version may be wider
  const current = Buffer.alloc(8);
  const next = Buffer.alloc(8);
  const advance = () => {
    randomFillSync(next);
    writeSync(fd, next, 0, 8, 0);
  };
  if (readSync(fd, current, 0, 8, 0) < 8) advance();
  return {
    read() {
      // A short read (another process creating the file) is a value too: it only ever drops a copy.
      const n = readSync(fd, current, 0, 8, 0);
      return n < 8 ? -1 : current.readUInt32LE(0) * 2 ** 21 + (current.readUInt32LE(4) >>> 11);
    },
    advance,
    close: () => closeSync(fd),
  };
}
