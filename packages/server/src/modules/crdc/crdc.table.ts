import type { Selectable } from 'kysely';

type Race = 'Hi' | 'Am' | 'As' | 'Hp' | 'Bl' | 'Wh' | 'Tr';
type Sex = 'M' | 'F';
type EnrollmentKey = `enr${Race | 'Tot' | 'Idea' | 'Sec504' | 'Lep'}${Sex}`;
type DisciplineKey =
  `${'ref' | 'arr'}${'Wodis' | 'Idea'}${Race | 'Tot' | 'Lep'}${Sex}` | `${'ref' | 'arr'}Sec504${Sex}`;
type FteKey =
  'fteLeo' | 'fteGuard' | 'fteCounselor' | 'fteNurse' | 'ftePsychologist' | 'fteSocialWorker' | 'fteTeacher';

/**
 * One school in one CRDC collection (migration 20261128T0005_crdc). Every value column is null when
 * OCR published a reserve code (negative) there: missing, not zero. Public federal data: no tenant.
 */
export type CrdcSchoolTable = {
  year: string;
  combokey: string;
  ncesSchoolId: string | null;
  leaId: string;
  leaName: string;
  state: string;
  schoolName: string;
  juvenileJustice: number;
  /** The district's own school with this NCES id, when there is one. */
  schoolId: string | null;
  districtId: string | null;
} & { [K in EnrollmentKey | DisciplineKey]: number | null } & { [K in FteKey]: number | null };

export type CrdcSchoolRow = Selectable<CrdcSchoolTable>;
