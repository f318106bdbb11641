import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Incident numbers: one running counter per district in district_counters, shown with the year the
 * incident occurred (INC-2026-000123). The import reads the counter once, numbers the file's
 * incidents in order, and writes the counter back once, all in its transaction.
 */
export const INCIDENT_COUNTER = 'incident';

export const incidentNumber = (occurredAt: string, n: number) => `INC-${occurredAt.slice(0, 4)}-${String(n).padStart(6, '0')}`;

export async function readCounter(trx: Db, districtId: string): Promise<number> {
  const row = await trx.selectFrom('districtCounters').select('value').where('districtId', '=', districtId).where('name', '=', INCIDENT_COUNTER).executeTakeFirst();
  return Number(row?.value ?? 0);
}

export async function writeCounter(trx: Db, districtId: string, value: number): Promise<void> {
  await sql`insert into district_counters (district_id, name, value) values (${districtId}, ${INCIDENT_COUNTER}, ${value})
    on conflict (district_id, name) do update set value = excluded.value`.execute(trx);
}
