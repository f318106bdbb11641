import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/**
 * Kysely's "execute compiled queries" recipe for the few queries every request runs (session,
 * account, district): build and compile once per database, then execute with new parameter
 * values. Building a query costs more than SQLite takes to answer it (docs/benchmarks.md).
 * Only for queries whose parameters are exactly the given values, in order; checked at compile.
 */
export function compiledQuery<P extends readonly unknown[], R>(build: (db: Db, ...params: P) => Compilable<R>) {
  const cache = new WeakMap<Db, CompiledQuery<R>>();
  return async (db: Db, ...params: P): Promise<R[]> => {
    let compiled = cache.get(db);
    if (!compiled) {
      compiled = build(db, ...params).compile();
      if (compiled.parameters.length !== params.length || compiled.parameters.some((p, i) => p !== params[i]))
        throw new Error(`compiledQuery: parameters ${JSON.stringify(compiled.parameters)} do not match the arguments`);
      cache.set(db, compiled);
    }
    const { rows } = await db.executeQuery<R>({ ...compiled, parameters: params });
    return rows;
  };
}
