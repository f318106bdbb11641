import type { DemographicSnapshot } from '@forefront/contract';
import type { Db } from '../../db/database.js';

export type SnapshotWithSchool = DemographicSnapshot & { schoolId: string };

/** A demographics row as stored: the roster's current values or one history row. */
export interface DemographicsRow {
  schoolId: string;
  grade: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
}

/**
 * The one snapshot rule (DOMAIN.md section 3: incidents keep demographics as of the incident
 * date): the latest history row valid on that day; a student with no history that early falls
 * back to the earliest known row, then to the roster itself. `history` is oldest first. Used by
 * demographicSnapshots below and, on rows already in memory, by the bulk incident import.
 */
export function snapshotAsOf(roster: DemographicsRow, history: readonly (DemographicsRow & { validFrom: string })[], isoDate: string): SnapshotWithSchool {
  const day = isoDate.slice(0, 10);
  let src: DemographicsRow = history[0] ?? roster;
  for (const h of history) {
    if (h.validFrom <= day) src = h;
    else break;
  }
  return {
    schoolId: src.schoolId,
    grade: src.grade as DemographicSnapshot['grade'],
    race: src.race as DemographicSnapshot['race'],
    sex: src.sex as DemographicSnapshot['sex'],
    idea: Number(src.idea) === 1,
    section504: Number(src.section504) === 1,
    englishLearner: Number(src.englishLearner) === 1,
  };
}

/** Each student's demographics as of a date. Students outside the district are absent from the map. */
export async function demographicSnapshots(db: Db, districtId: string, studentIds: readonly string[], isoDate: string): Promise<Map<string, SnapshotWithSchool>> {
  const out = new Map<string, SnapshotWithSchool>();
  if (studentIds.length === 0) return out;
  const ids = [...new Set(studentIds)];
  const history = await db
    .selectFrom('studentDemographics')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('studentId', 'in', ids)
    .orderBy('studentId')
    .orderBy('validFrom')
    .execute();
  const byStudent = new Map<string, typeof history>();
  for (const h of history) (byStudent.get(h.studentId) ?? byStudent.set(h.studentId, []).get(h.studentId)!).push(h);
  const roster = await db.selectFrom('students').selectAll().where('districtId', '=', districtId).where('id', 'in', ids).execute();
  for (const s of roster) out.set(s.id, snapshotAsOf(s, byStudent.get(s.id) ?? [], isoDate));
  return out;
}
