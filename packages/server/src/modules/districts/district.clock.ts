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

/** What `districts.clock_applied` holds; null there means the UTC and 07-01 used before districts had clocks. */
export const clockKey = (c: DistrictClock) => `${c.timeZone}|${c.schoolYearStart}`;
export const appliedKey = (d: Pick<DistrictRow, 'clockApplied'>) => d.clockApplied ?? 'UTC|07-01';
