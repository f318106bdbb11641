import type { AccessEpoch } from './access-epoch.js';
import { type Db, accessEpochOf } from './database.js';

/** Copies kept per cache and process; beyond it the oldest goes (a bound on memory, not on freshness). */
const MAX_ENTRIES = 10_000;

/**
 * A process's copies of rows every signed-in request reads (its session with the account and
 * schools, its district): on SQLite, reading them cost a request more than all the rest of its
 * work (docs/benchmarks.md). Every copy was read under the current access epoch
 * (db/access-epoch.ts), so it is what the database holds: a committed change to those tables,
 * made by any process, drops every copy before its writer answers.
 *
 * Copies are frozen: a caller that changed one would change what the next request sees.
 */
export class EpochCache<V extends object> {
  readonly #entries = new Map<string, V>();
  #epoch = Number.NaN;

  constructor(private readonly epoch: AccessEpoch) {}

  /**
   * The epoch to read the database under: take it first, then read the database, then `keep`
   * what was read with this value. Drops every copy when the value has changed.
   */
  currentEpoch(): number {
    const e = this.epoch.read();
    if (e !== this.#epoch) {
      this.#entries.clear();
      this.#epoch = e;
    }
    return e;
  }

  /** A copy read under the epoch `currentEpoch` last returned, if there is one. */
  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  /** Keeps a row read after `currentEpoch` returned `epoch`, unless the epoch has moved since. */
  keep(key: string, value: V, epoch: number): void {
    if (epoch !== this.#epoch) return;
    if (this.#entries.size >= MAX_ENTRIES && !this.#entries.has(key))
      this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, deepFreeze(value));
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function deepFreeze<V extends object>(value: V): V {
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object') Object.freeze(v);
  return Object.freeze(value);
}

const caches = new WeakMap<Db, Map<string, EpochCache<object>>>();

/**
 * The named cache of this database connection; null where there is no access epoch (PostgreSQL)
 * or `db` is a transaction (which reads the database itself).
 */
export function epochCacheOf<V extends object>(db: Db, name: string): EpochCache<V> | null {
  let named = caches.get(db);
  if (!named) {
    const epoch = accessEpochOf(db);
    if (!epoch) return null;
    named = new Map();
    caches.set(db, named);
  }
  let cache = named.get(name);
  if (!cache) {
    cache = new EpochCache<object>(accessEpochOf(db)!);
    named.set(name, cache);
  }
  return cache as EpochCache<V>;
}
