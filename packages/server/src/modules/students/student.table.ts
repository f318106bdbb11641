import type { Selectable } from 'kysely';

export interface StudentTable {
  id: string;
  districtId: string;
  schoolId: string;
  localId: string;
  sourceId: string | null;
  givenName: string;
  familyName: string;
  grade: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}
export type StudentRow = Selectable<StudentTable>;

/** Demographics valid from a date on (an incident snapshots the row in force on its date). */
export interface StudentDemographicsTable {
  id: string;
  districtId: string;
  studentId: string;
  validFrom: string;
  schoolId: string;
  grade: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
}
