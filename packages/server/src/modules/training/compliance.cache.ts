import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { complianceOf, type OfficerCompliance } from './compliance.compute.js';

/**
 * The dashboard's compliance results, kept in memory per (district, asOf) and validated on every
 * read by a fingerprint of the four tables compliance depends on (officers, assignments, records,
 * standard), so no module has to remember to clear this cache and several servers on one database
 * stay correct. Two parts (docs/ARCHITECTURE.md, training/):
 * - on every read, index probes: the latest record created and reviewed, the latest officer
 *   change, the standard's time, and counts of the small tables (officers, assignments): a new
 *   record, a review, an officer's edit, an assignment started or ended shows at once;
 * - at most every FULL_CHECK_MS, the count of the district's records too (a scan of 200,000 index
 *   entries, too slow for every request): a deleted record, or two writes committing out of the
 *   order of their timestamps, shows within that time.
 * A TTL bounds what neither can see (an approved record's fields rewritten in place).
 */
const FULL_CHECK_MS = 10_000;
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 64;

interface Entry {
  fingerprint: string;
  full: string;
  checkedAt: number;
  at: number;
  results: OfficerCompliance[];
}

const cache = new Map<string, Entry>();
/** One computation at a time per key: concurrent requests after a write share it. */
const pending = new Map<string, Promise<Entry>>();

export async function fingerprintOf(db: Db, districtId: string): Promise<string> {
  const row = await sql<Record<string, unknown>>`
    select
      (select count(*) from officers where district_id = ${districtId}) as o_n,
      (select max(updated_at) from officers where district_id = ${districtId}) as o_t,
      (select count(*) from officer_assignments where district_id = ${districtId}) as a_n,
      (select max(created_at) from officer_assignments where district_id = ${districtId}) as a_t,
      (select count(ends_on) from officer_assignments where district_id = ${districtId}) as a_e,
      (select max(ends_on) from officer_assignments where district_id = ${districtId}) as a_m,
      (select max(created_at) from training_records where district_id = ${districtId}) as r_t,
      (select max(reviewed_at) from training_records where district_id = ${districtId}) as r_r,
      (select max(updated_at) from training_standards where district_id = ${districtId}) as s_t
  `.execute(db);
  return Object.values(row.rows[0] ?? {})
    .map((v) => String(v))
    .join('|');
}

export async function recordCountOf(db: Db, districtId: string): Promise<string> {
  const row = await sql<{
    n: unknown;
  }>`select count(*) as n from training_records where district_id = ${districtId}`.execute(db);
  return String(row.rows[0]?.n);
}

export async function cachedCompliance(
  db: Db,
  districtId: string,
  opts: { asOf: string; yearStart: string },
): Promise<OfficerCompliance[]> {
  const key = `${districtId}|${opts.asOf}|${opts.yearStart}`;
  const fingerprint = await fingerprintOf(db, districtId);
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.fingerprint === fingerprint && now - hit.at < TTL_MS) {
    if (now - hit.checkedAt < FULL_CHECK_MS) return hit.results;
    if ((await recordCountOf(db, districtId)) === hit.full) {
      hit.checkedAt = now;
      return hit.results;
    }
  }
  const shared = pending.get(`${key}|${fingerprint}`);
  if (shared) return (await shared).results;
  const work = Promise.all([recordCountOf(db, districtId), complianceOf(db, districtId, opts)]).then(
    ([full, results]) => {
      const entry = { fingerprint, full, checkedAt: Date.now(), at: Date.now(), results };
      cache.delete(key);
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, entry);
      return entry;
    },
  );
  pending.set(`${key}|${fingerprint}`, work);
  try {
    return (await work).results;
  } finally {
    pending.delete(`${key}|${fingerprint}`);
  }
}

/** Tests and the benchmark measure a cold computation. */
export const clearComplianceCache = () => cache.clear();
