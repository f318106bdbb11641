import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type Cell, IMPORT_TABLES, type ImportTable, TABLE_ORDER } from './import.rows.js';

/**
 * Bulk writers for the import's second half. Rows are buffered per table and written in
 * multi-row INSERTs, parents first. Both run inside the import's one transaction: on SQLite the
 * caller holds Kysely's transaction (and with it the only connection), and the raw better-sqlite3
 * statements below run on that same connection, so they are part of it.
 */
export interface BulkWriter {
  add(table: ImportTable, row: Cell[]): void;
  /** Writes what is buffered once enough has accumulated (call between incidents). */
  maybeFlush(): Promise<void>;
  flush(): Promise<void>;
  /** Drops what is buffered (the file was rejected; the transaction rolls back). */
  discard(): void;
}

/** Incidents buffered before a flush: big enough for long INSERTs, small enough to stay in cache. */
const FLUSH_EVERY = 500;

abstract class BufferedWriter implements BulkWriter {
  protected buffers = new Map<ImportTable, Cell[][]>(TABLE_ORDER.map((t) => [t, []]));
  add(table: ImportTable, row: Cell[]) {
    this.buffers.get(table)!.push(row);
  }
  async maybeFlush() {
    if (this.buffers.get('incidents')!.length >= FLUSH_EVERY) await this.flush();
  }
  async flush() {
    for (const t of TABLE_ORDER) {
      const rows = this.buffers.get(t)!;
      if (rows.length > 0) await this.write(t, rows);
      this.buffers.set(t, []);
    }
  }
  discard() {
    for (const t of TABLE_ORDER) this.buffers.set(t, []);
  }
  protected abstract write(table: ImportTable, rows: Cell[][]): Promise<void>;
}

/** Rows per INSERT on SQLite: 100 x 21 columns stays far below SQLite's 32,766 bound parameters. */
const SQLITE_ROWS_PER_INSERT = 100;
const statementCache = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

export class SqliteBulkWriter extends BufferedWriter {
  private statements: Map<string, SQLite.Statement>;
  constructor(private readonly sqlite: SQLite.Database) {
    super();
    this.statements = statementCache.get(sqlite) ?? statementCache.set(sqlite, new Map()).get(sqlite)!;
  }

  private statement(table: ImportTable, rows: number) {
    const key = `${table}:${rows}`;
    let s = this.statements.get(key);
    if (!s) {
      const cols = IMPORT_TABLES[table];
      const tuple = `(${cols.map(() => '?').join(',')})`;
      s = this.sqlite.prepare(`insert into ${table} (${cols.join(',')}) values ${Array(rows).fill(tuple).join(',')}`);
      this.statements.set(key, s);
    }
    return s;
  }

  protected async write(table: ImportTable, rows: Cell[][]) {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + SQLITE_ROWS_PER_INSERT);
      this.statement(table, chunk.length).run(chunk.flat());
    }
  }
}

/** PostgreSQL allows 65,535 parameters per statement: 1,000 rows x 21 columns fits. */
const PG_ROWS_PER_INSERT = 1000;

export class KyselyBulkWriter extends BufferedWriter {
  constructor(private readonly trx: Db) {
    super();
  }
  protected async write(table: ImportTable, rows: Cell[][]) {
    const cols = IMPORT_TABLES[table];
    for (let i = 0; i < rows.length; i += PG_ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + PG_ROWS_PER_INSERT);
      await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))}) values ${sql.join(chunk.map((r) => sql`(${sql.join(r)})`))}`.execute(this.trx);
    }
  }
}
