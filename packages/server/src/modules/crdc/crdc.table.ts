import type { Selectable } from 'kysely';

type Race = 'Hi' | 'Am' | 'As' | 'Hp' | 'Bl' | 'Wh' | 'Tr';
type Sex = 'M' | 'F';
type EnrollmentKey = `enr${Race | 'Tot' | 'Idea' | 'Sec504' | 'Lep'}${Sex}`;
type DisciplineKey =
  `${'ref' | 'arr'}${'Wodis' | 'Idea'}${Race | 'Tot' | 'Lep'}${Sex}` | `${'ref' | 'arr'}Sec504${Sex}`;
type OffenseKey = `offense${'Rape' | 'Batt' | 'Robww' | 'Robwow' | 'Attww' | 'Attwow' | 'Thrww' | 'Thrwow' | 'Posswx'}`;
type RsKind = 'Mech' | 'Phys' | 'Secl';
type RestraintKey =
  | `rs${'Nonidea' | 'Idea'}${RsKind}${Race | 'Tot' | 'Lep'}${Sex}`
  | `rsNonidea${RsKind}Sec504${Sex}`
  | `rsInst${RsKind}${'Wodis' | 'Idea' | 'Sec504'}`;
type FteKey =
  'fteLeo' | 'fteGuard' | 'fteCounselor' | 'fteNurse' | 'ftePsychologist' | 'fteSocialWorker' | 'fteTeacher';

/**
 * One school in one CRDC collection (migration 20261128T0005_crdc; offenses, restraint and
 * seclusion added by 20261207T0301_crdc_offenses_restraint). Every value column is null when
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
} & { [K in EnrollmentKey | DisciplineKey | OffenseKey | RestraintKey]: number | null } & {
  [K in FteKey]: number | null;
};

export type CrdcSchoolRow = Selectable<CrdcSchoolTable>;
