import { localDate, type ComplianceSummary, type Officer, type OfficerStatus } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { LoadedDistrict } from '../../shared/load-district.js';
import { complianceOf, type OfficerCompliance } from './compliance.compute.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import type { OfficerTable } from './training.table.js';

/** The district's today and school-year start: what every compliance answer is judged on. */
export const todayOf = (d: Pick<LoadedDistrict, 'timeZone'>) => localDate(new Date(), d.timeZone);

export const summaryOf = (c: OfficerCompliance, asOf: string): ComplianceSummary => ({
  status: c.result.status,
  reasons: c.result.reasons,
  nextLapse: c.result.nextLapse,
  asOf,
});

/** Officers (by id) with today's schools and compliance, in the order of `ids`. */
export async function officersWithCompliance(
  db: Db,
  d: LoadedDistrict,
  ids: readonly string[],
  rows: ReadonlyMap<string, Pick<OfficerTable, 'email' | 'userId' | 'districtId'>>,
  names: ReadonlyMap<string, string>,
): Promise<Officer[]> {
  const asOf = todayOf(d);
  const judged = await complianceOf(db, d.id, { asOf, yearStart: d.schoolYearStart, officerIds: ids });
  const byId = new Map(judged.map((c) => [c.officerId, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    const row = rows.get(id);
    if (!c || !row) return [];
    return [
      {
        id,
        districtId: row.districtId,
        name: c.name,
        agency: c.agency,
        badgeNumber: c.badgeNumber,
        email: row.email,
        userId: row.userId,
        status: c.officerStatus as OfficerStatus,
        schools: c.schoolIds.map((s) => ({ id: s, name: names.get(s) ?? '' })),
        compliance: summaryOf(c, asOf),
      },
    ];
  });
}

/** The district's credential names in both languages, so a reason reads in the reader's language. */
export async function credentialNames(db: Db, districtId: string) {
  return (await credentialTypesOf(db, districtId)).map((c) => ({ key: c.key, en: c.nameEn, es: c.nameEs }));
}
