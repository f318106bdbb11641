import type { DemographicSnapshot } from '@forefront/contract';
import type { Db } from '../../db/database.js';

export type SnapshotWithSchool = DemographicSnapshot & { schoolId: string };

/**
 * Each student's demographics as of a date (DOMAIN.md section 3: incidents keep a snapshot as of
 * the incident date). Uses the latest `student_demographics` row valid on that date; a student
 * with no history that early falls back to the earliest known row, then to the roster itself.
 * Students outside the district are simply absent from the map.
 */
export async function demographicSnapshots(db: Db, districtId: string, studentIds: readonly string[], isoDate: string): Promise<Map<string, SnapshotWithSchool>> {
  const out = new Map<string, SnapshotWithSchool>();
  if (studentIds.length === 0) return out;
  const day = isoDate.slice(0, 10);
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
  for (const s of roster) {
    const rows = byStudent.get(s.id) ?? [];
    const src = rows.filter((r) => r.validFrom <= day).at(-1) ?? rows[0] ?? s;
    out.set(s.id, {
      schoolId: src.schoolId,
      grade: src.grade as DemographicSnapshot['grade'],
      race: src.race as DemographicSnapshot['race'],
      sex: src.sex as DemographicSnapshot['sex'],
      idea: src.idea === 1,
      section504: src.section504 === 1,
      englishLearner: src.englishLearner === 1,
    });
  }
  return out;
}
