import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { complianceOf, type OfficerCompliance } from './compliance.compute.js';

/**
 * The dashboard's compliance results, kept in memory per (district, asOf) and validated on every
 * read by a fingerprint of the four tables compliance depends on (officers, assignments, records,
 * standard): counts and latest timestamps, one indexed query. Any write through any module changes
 * it (an insert, a delete, a review, an edit of an officer, an ended assignment), so no module has
 * to remember to clear this cache, and several servers on one database stay correct. A TTL bounds
 * what an edit the fingerprint cannot see (an approved record's fields rewritten in place) could leave.
 */
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 64;

interface Entry {
  fingerprint: string;
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
      (select count(*) from training_records where district_id = ${districtId}) as r_n,
      (select max(created_at) from training_records where district_id = ${districtId}) as r_t,
      (select max(reviewed_at) from training_records where district_id = ${districtId}) as r_r,
      (select max(updated_at) from training_standards where district_id = ${districtId}) as s_t
  `.execute(db);
  return Object.values(row.rows[0] ?? {})
    .map((v) => String(v))
    .join('|');
}

export async function cachedCompliance(
  db: Db,
  districtId: string,
  opts: { asOf: string; yearStart: string },
): Promise<OfficerCompliance[]> {
  const key = `${districtId}|${opts.asOf}|${opts.yearStart}`;
  const fingerprint = await fingerprintOf(db, districtId);
  const hit = cache.get(key);
  if (hit && hit.fingerprint === fingerprint && Date.now() - hit.at < TTL_MS) return hit.results;
  const shared = pending.get(`${key}|${fingerprint}`);
  if (shared) return (await shared).results;
  const work = complianceOf(db, districtId, opts).then((results) => {
    const entry = { fingerprint, at: Date.now(), results };
    cache.delete(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    return entry;
  });
  pending.set(`${key}|${fingerprint}`, work);
  try {
    return (await work).results;
  } finally {
    pending.delete(`${key}|${fingerprint}`);
  }
}

/** Tests and the benchmark measure a cold computation. */
export const clearComplianceCache = () => cache.clear();
