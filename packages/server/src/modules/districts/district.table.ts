import type { ColumnType, Selectable } from 'kysely';
import type { School } from '@forefront/contract';

export interface DistrictTable {
  id: string;
  ncesLeaId: string;
  name: string;
  state: string;
  suppressionMinN: number;
  /** IANA zone (contract/district-clock.ts); UTC for a row written without one. */
  timeZone: ColumnType<string, string | undefined, string>;
  /** MM-DD. */
  schoolYearStart: ColumnType<string, string | undefined, string>;
  /** "zone|MM-DD" the stored school years and months were computed on; null: UTC|07-01. */
  clockApplied: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: string;
  updatedAt: string;
}
export type DistrictRow = Selectable<DistrictTable>;

export interface SchoolTable {
  id: string;
  districtId: string;
  /** Text, never a number: NCES ids have leading zeros. */
  ncesSchoolId: string;
  name: string;
  gradeLow: School['gradeLow'];
  gradeHigh: School['gradeHigh'];
  enrollment: number;
  createdAt: string;
  updatedAt: string;
}
export type SchoolRow = Selectable<SchoolTable>;
