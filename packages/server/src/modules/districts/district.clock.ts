import type { DistrictClock } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { NotFoundError } from '../../shared/errors.js';
import { findDistrict } from './district.repository.js';
import type { DistrictRow } from './district.table.js';

/** The clock a district's dates are read on (contract/district-clock.ts does the arithmetic). */
export const clockOf = (d: Pick<DistrictRow, 'timeZone' | 'schoolYearStart'>): DistrictClock => ({
  timeZone: d.timeZone,
  schoolYearStart: d.schoolYearStart,
});

export async function loadClock(db: Db, districtId: string): Promise<DistrictClock> {
  const d = await findDistrict(db, districtId);
  if (!d) throw new NotFoundError('District');
  return clockOf(d);
}

/**
 * The clock for a write that stores dates derived from it (an incident save, an import). On
 * PostgreSQL the district row is share-locked for the rest of the transaction: writes do not wait
 * for each other, but a clock change's recompute (which locks the row for update) waits for them,
 * and they for it, so no write stores a school year of the clock being replaced after the recompute
 * read its rows. Take it before locking incident rows (the recompute's order). SQLite serializes writers.
 */
export async function lockClock(db: Db, dialect: 'sqlite' | 'postgres', districtId: string): Promise<DistrictClock> {
  if (dialect === 'sqlite') return loadClock(db, districtId);
  const d = await db
    .selectFrom('districts')
    .select(['timeZone', 'schoolYearStart'])
    .where('id', '=', districtId)
    .forShare()
    .executeTakeFirst();
  if (!d) throw new NotFoundError('District');
  return clockOf(d);
}

/** What `districts.clock_applied` holds; null there means the UTC and 07-01 used before districts had clocks. */
export const clockKey = (c: DistrictClock) => `${c.timeZone}|${c.schoolYearStart}`;
export const appliedKey = (d: Pick<DistrictRow, 'clockApplied'>) => d.clockApplied ?? 'UTC|07-01';
