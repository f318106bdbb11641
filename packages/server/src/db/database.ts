import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type SqliteStatement,
  sql,
} from 'kysely';
import type { Config } from '../config.js';
import { type AccessEpoch, changesAccess, openAccessEpoch } from './access-epoch.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

/** The better-sqlite3 handle under each SQLite Kysely instance opened here (db/compiled.ts reads through it). */
const sqliteHandles = new WeakMap<Db, SQLite.Database>();
export const sqliteHandleOf = (db: Db): SQLite.Database | undefined => sqliteHandles.get(db);

/** The access epoch of each SQLite Kysely instance opened here (db/access-epoch.ts); none on PostgreSQL. */
const accessEpochs = new WeakMap<Db, AccessEpoch>();
export const accessEpochOf = (db: Db): AccessEpoch | undefined => accessEpochs.get(db);

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The raw better-sqlite3 handle, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

/**
 * Open the database named by the config. SQLite is tuned for durability first: WAL so readers never
 * block the writer, synchronous=FULL so an acknowledged write survives power loss, foreign keys on
 * (SQLite leaves them off by default), and mmap/cache so dashboards don't thrash the 2 MB default cache.
 */
export function openDatabase(database: Config['database']): DbHandle {
  if (database.dialect === 'postgres') {
    // pg returns int8/numeric as strings; counts are cast in SQL and parsed through contract schemas.
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  if (database.file !== ':memory:') ownerOnlyFiles(database.file);
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('cache_size = -65536');
  const epoch = openAccessEpoch(database.file);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite, epoch) }),
    plugins: [new CamelCasePlugin()],
  });
  sqliteHandles.set(db, sqlite);
  accessEpochs.set(db, epoch);
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy().finally(() => epoch.close()) };
}

/**
 * The database holds student records: its file, and the WAL and shared-memory files SQLite
 * creates with the database file's mode, are the owner's alone (0600), in a directory created
 * 0700. SQLite would create the file 0644, so it is created here first; a file made by an older
 * version is narrowed to 0600 when opened.
 */
function ownerOnlyFiles(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Distinct SQL texts kept prepared; the app issues a few dozen, so the bound only guards against misuse. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs more than running an
 * indexed lookup (docs/benchmarks.md). Keep prepared statements by SQL text instead. Safe because
 * Kysely runs one query at a time on the single connection (its driver holds a mutex, streams
 * included), so a cached statement is never used by two queries at once.
 *
 * Kysely opens transactions with a plain (deferred) `begin`. Another process may write to the
 * same file (a second worker, a CLI import while the server runs); a deferred transaction that has
 * read and then tries to write after such a commit fails at once with SQLITE_BUSY, without
 * waiting. `begin immediate` takes the write lock up front, so it waits (busy_timeout) instead.
 *
 * It is also where every statement Forefront runs on the file passes, so it is where a committed
 * change to access is announced (db/access-epoch.ts): at once outside a transaction, at its end
 * inside one (a change announced before its commit could be read back as it was, and kept).
 */
function withStatementCache(sqlite: SQLite.Database, epoch: AccessEpoch): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  let pending = false;
  const afterAccessWrite = () => {
    if (sqlite.inTransaction) pending = true;
    else epoch.advance();
  };
  const afterTransactionEnd = () => {
    if (pending && !sqlite.inTransaction) {
      pending = false;
      epoch.advance();
    }
  };
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const sqlText = text === 'begin' ? 'begin immediate' : text;
      let stmt = cache.get(sqlText);
      if (!stmt) {
        const prepared = sqlite.prepare(sqlText);
        stmt = changesAccess(sqlText, prepared.readonly)
          ? thenRun(prepared, afterAccessWrite)
          : /^\s*(commit|end|rollback|release)\b/i.test(sqlText)
            ? thenRun(prepared, afterTransactionEnd)
            : prepared;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/** The statement, with `after` run once it has run (failed included: announcing too much is safe). */
function thenRun(stmt: SQLite.Statement, after: () => void): SqliteStatement {
  return {
    reader: stmt.reader,
    all(parameters) {
      try {
        return stmt.all(parameters);
      } finally {
        after();
      }
    },
    run(parameters) {
      try {
        return stmt.run(parameters);
      } finally {
        after();
      }
    },
    *iterate(parameters) {
      try {
        yield* stmt.iterate(parameters);
      } finally {
        after();
      }
    },
  };
}

export async function isReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Timestamps are ISO-8601 UTC text in both databases, so values and ordering are identical. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** SQLite cannot bind booleans; both databases store flags as 0/1. */
export const flag = (v: boolean): number => (v ? 1 : 0);
