import { type Compilable, type CompiledQuery, type QueryResult, createQueryId } from 'kysely';
import { type Db, sqliteHandleOf } from './database.js';

/**
 * Kysely's "execute compiled queries" recipe for the few queries every request runs (session,
 * account, district): build and compile once per database, then execute with new parameter
 * values. Building a query costs more than SQLite takes to answer it (docs/benchmarks.md).
 * Only for queries whose parameters are exactly the given values, in order; checked at compile.
 *
 * On SQLite a compiled read also skips Kysely's per-query machinery (connection mutex, a chain
 * of promises, the CamelCasePlugin walking each row's keys), which cost more than the indexed
 * read itself: it runs its own prepared statement in raw mode and names the columns with keys
 * mapped once, at compile time, by the database's own plugins. Isolation is unchanged:
 * better-sqlite3 runs a statement synchronously, so nothing else can use the connection
 * meanwhile, and while a Kysely transaction is open on the connection the read goes through
 * Kysely and waits for it, as it did before. PostgreSQL always goes through Kysely.
 */
export function compiledQuery<P extends readonly unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const cache = new WeakMap<Db, Promise<Runner<R>>>();
  return async (db: Db, ...params: P): Promise<R[]> => {
    let runner = cache.get(db);
    if (!runner) {
      runner = prepare(db, build(db, ...params).compile(), params);
      cache.set(db, runner);
      // A failed compile (parameters that do not match) is not kept: the next call tries again and fails the same way.
      runner.catch(() => cache.delete(db));
    }
    return (await runner)(params);
  };
}

type Runner<R> = (params: readonly unknown[]) => R[] | Promise<R[]>;

async function prepare<R>(db: Db, compiled: CompiledQuery<R>, params: readonly unknown[]): Promise<Runner<R>> {
  if (compiled.parameters.length !== params.length || compiled.parameters.some((p, i) => p !== params[i]))
    throw new Error(`compiledQuery: parameters ${JSON.stringify(compiled.parameters)} do not match the arguments`);
  const viaKysely = async (parameters: readonly unknown[]) =>
    (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  const sqlite = sqliteHandleOf(db);
  if (!sqlite) return viaKysely;
  const stmt = sqlite.prepare(compiled.sql);
  // Writes (a returning clause makes one a reader too) go through Kysely's driver, and so through
  // the statement cache that announces access changes (db/access-epoch.ts).
  if (!stmt.reader || !stmt.readonly) return viaKysely;
  const keys = await resultKeys(
    db,
    stmt.columns().map((c) => c.name),
  );
  if (!keys) return viaKysely;
  stmt.raw(true);
  return (parameters) => {
    if (sqlite.inTransaction) return viaKysely(parameters);
    return (stmt.all(parameters) as unknown[][]).map((row) => rowObject(keys, row));
  };
}

/**
 * What Kysely's plugins (CamelCasePlugin) name each column, found by passing them one row with
 * those column names; null when a plugin renames or drops columns in a way a fixed list of keys
 * cannot reproduce (then the query keeps Kysely's own path).
 */
async function resultKeys(db: Db, columns: string[]): Promise<string[] | null> {
  if (new Set(columns).size !== columns.length) return null;
  let result: QueryResult<Record<string, unknown>> = { rows: [Object.fromEntries(columns.map((c, i) => [c, i]))] };
  for (const plugin of db.getExecutor().plugins)
    result = await plugin.transformResult({ result, queryId: createQueryId() });
  const row = result.rows[0];
  if (!row) return null;
  const keys = Object.keys(row);
  // Each key must carry its own column's value, in column order, for the mapping to be a pure rename.
  return keys.length === columns.length && keys.every((k, i) => row[k] === i) ? keys : null;
}

function rowObject<R>(keys: string[], row: unknown[]): R {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) o[keys[i]!] = row[i];
  return o as R;
}
