import type { DemographicSnapshot } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { StudentDemographicsTable } from './student.table.js';

export type SnapshotWithSchool = DemographicSnapshot & { schoolId: string };

/** A demographics row as stored: the roster's current values or one history row. */
export type DemographicsRow = Pick<
  StudentDemographicsTable,
  'schoolId' | 'grade' | 'race' | 'sex' | 'idea' | 'section504' | 'englishLearner'
>;

/**
 * The one snapshot rule (DOMAIN.md section 3: incidents keep demographics as of the incident
 * date): the latest history row valid on that day; a student with no history that early falls
 * back to the earliest known row, then to the roster itself. `history` is oldest first. Used by
 * demographicSnapshots below and, on rows already in memory, by the bulk incident import.
 */
export function snapshotAsOf(
  roster: DemographicsRow,
  history: readonly HistoryRow[],
  isoDate: string,
): SnapshotWithSchool {
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

export type HistoryRow = DemographicsRow & { validFrom: string };

/**
 * The demographic history of a district's students (or of the given ones), oldest first per
 * student, flags as numbers: what `snapshotAsOf` reads. One query for any number of students.
 */
export async function demographicHistory(
  db: Db,
  districtId: string,
  studentIds?: readonly string[],
): Promise<Map<string, HistoryRow[]>> {
  let q = db
    .selectFrom('studentDemographics')
    .select(['studentId', 'validFrom', 'schoolId', 'grade', 'race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId);
  if (studentIds) q = q.where('studentId', 'in', studentIds);
  const rows = await q.orderBy('studentId').orderBy('validFrom').execute();
  const byStudent = new Map<string, HistoryRow[]>();
  for (const { studentId, ...h } of rows) {
    const row = {
      ...h,
      idea: Number(h.idea),
      section504: Number(h.section504),
      englishLearner: Number(h.englishLearner),
    };
    (byStudent.get(studentId) ?? byStudent.set(studentId, []).get(studentId)!).push(row);
  }
  return byStudent;
}

/** Each student's demographics as of a date. Students outside the district are absent from the map. */
export async function demographicSnapshots(
  db: Db,
  districtId: string,
  studentIds: readonly string[],
  isoDate: string,
): Promise<Map<string, SnapshotWithSchool>> {
  const out = new Map<string, SnapshotWithSchool>();
  if (studentIds.length === 0) return out;
  const ids = [...new Set(studentIds)];
  const byStudent = await demographicHistory(db, districtId, ids);
  const roster = await db
    .selectFrom('students')
    .selectAll()
    .where('districtId', '=', districtId)
    .where('id', 'in', ids)
    .execute();
  for (const s of roster) out.set(s.id, snapshotAsOf(s, byStudent.get(s.id) ?? [], isoDate));
  return out;
}
