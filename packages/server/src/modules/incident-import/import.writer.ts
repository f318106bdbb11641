import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type Cell, IMPORT_TABLES, type ImportTable, TABLE_ORDER } from './import.rows.js';

/**
 * Bulk writers for the import. Both run inside the import's one transaction: on SQLite the
 * caller holds Kysely's transaction (and with it the only connection), and the raw better-sqlite3
 * statements below run on that same connection, so they are part of it.
 */
export interface BulkWriter {
  add(table: ImportTable, row: Cell[]): void;
  /** Whether enough is buffered to write now (checked between incidents, without an await). */
  readonly full: boolean;
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
  get full() {
    return this.buffers.get('incidents')!.length >= FLUSH_EVERY;
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

/**
 * SQLite: one cached single-row prepared INSERT per table, run as each row is emitted (parents
 * first by construction). Measured in bench/incidents-bench.ts: multi-row VALUES statements of 20
 * or 100 rows were slower here than single-row statements (ratio to the raw baseline 0.30 with 100
 * rows against 0.43 with one), since SQLite's cost is the B-tree and index work per row, not the
 * statement, and nothing needs buffering.
 */
const statementCache = new WeakMap<SQLite.Database, Map<ImportTable, SQLite.Statement>>();

export class SqliteBulkWriter implements BulkWriter {
  private statements: Map<ImportTable, SQLite.Statement>;
  constructor(sqlite: SQLite.Database) {
    let cached = statementCache.get(sqlite);
    if (!cached) {
      cached = new Map(
        TABLE_ORDER.map((t) => [
          t,
          sqlite.prepare(
            `insert into ${t} (${IMPORT_TABLES[t].join(',')}) values (${IMPORT_TABLES[t].map(() => '?').join(',')})`,
          ),
        ]),
      );
      statementCache.set(sqlite, cached);
    }
    this.statements = cached;
  }
  add(table: ImportTable, row: Cell[]) {
    this.statements.get(table)!.run(row);
  }
  readonly full = false;
  async flush() {}
  discard() {}
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
      await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))}) values ${sql.join(chunk.map((r) => sql`(${sql.join(r)})`))}`.execute(
        this.trx,
      );
    }
  }
}
