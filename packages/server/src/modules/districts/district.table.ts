import type { Selectable } from 'kysely';
import type { School } from '@forefront/contract';

export interface DistrictTable {
  id: string;
  ncesLeaId: string;
  name: string;
  state: string;
  suppressionMinN: number;
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
