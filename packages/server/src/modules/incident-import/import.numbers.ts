import type { Db } from '../../db/database.js';
import { reserveCounter } from '../incidents/incident.repository.js';

/**
 * Incident numbers exactly as the incident service gives them (incident.service.ts,
 * nextIncidentNumber): INC-<calendar year of entry>-<6 digits>, from the district counter
 * `incident-<year>`. The import reserves nothing up front (it does not know the count yet): it
 * reads the counter with a zero reservation, which on PostgreSQL also locks the counter row until
 * the import commits, so a concurrent save waits instead of taking the same numbers; then it
 * reserves the whole file's count at the end.
 */
export const counterName = (nowIso: string) => `incident-${nowIso.slice(0, 4)}`;
export const incidentNumber = (nowIso: string, n: number) => `INC-${nowIso.slice(0, 4)}-${String(n).padStart(6, '0')}`;

export const readCounter = (trx: Db, districtId: string, nowIso: string) =>
  reserveCounter(trx, districtId, counterName(nowIso), 0);
export const reserveNumbers = (trx: Db, districtId: string, nowIso: string, count: number) =>
  reserveCounter(trx, districtId, counterName(nowIso), count);
