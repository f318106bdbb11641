import type { Role } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { type MouInForce, findMouInForce } from '../mous/mou.in-force.js';
import {
  type DemographicsRow,
  type HistoryRow,
  type SnapshotWithSchool,
  demographicHistory,
  snapshotAsOf,
} from '../students/student.snapshot.js';

export interface StudentRef {
  id: string;
  roster: DemographicsRow;
  /** student_demographics rows, oldest first (validFrom ascending). */
  history: HistoryRow[];
}

export interface ImportLookups {
  districtId: string;
  schoolsByNces: Map<string, string>;
  studentsByLocalId: Map<string, StudentRef>;
  /** Active SROs of the district by lower-cased email. */
  officersByEmail: Map<string, string>;
  /** Active district and school administrators (who may record a review) by lower-cased email. */
  reviewersByEmail: Map<string, string>;
  /** Every active account: the staff member who made a referral to police may hold any role. */
  staffByEmail: Map<string, string>;
  /** The MOU in force on a date; `db` is the import's transaction (SQLite has one connection). */
  mouOn(db: Db, isoDate: string): Promise<MouInForce | null>;
  /** The same, when that day was looked up before (undefined otherwise): no await per incident. */
  mouKnown(isoDate: string): MouInForce | null | undefined;
}

/**
 * Everything a row is checked against, read once per file: a 100-school district's roster fits in
 * memory easily, and a million lookups must not be a million queries.
 */
export async function loadLookups(db: Db, districtId: string): Promise<ImportLookups> {
  const schools = await db
    .selectFrom('schools')
    .select(['id', 'ncesSchoolId'])
    .where('districtId', '=', districtId)
    .execute();
  const students = await db
    .selectFrom('students')
    .select(['id', 'localId', 'schoolId', 'grade', 'race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId)
    .execute();
  const history = await demographicHistory(db, districtId);
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'disabled'])
    .where('districtId', '=', districtId)
    .execute();

  const byId = new Map<string, StudentRef>();
  const studentsByLocalId = new Map<string, StudentRef>();
  for (const s of students) {
    const ref: StudentRef = {
      id: s.id,
      roster: {
        ...s,
        idea: Number(s.idea),
        section504: Number(s.section504),
        englishLearner: Number(s.englishLearner),
      },
      history: [],
    };
    byId.set(s.id, ref);
    studentsByLocalId.set(s.localId, ref);
  }
  for (const [studentId, rows] of history) {
    const ref = byId.get(studentId);
    if (ref) ref.history = rows;
  }

  const active = users.filter((u) => Number(u.disabled) === 0);
  const emailsOf = (roles: Role[]) =>
    new Map(active.filter((u) => roles.includes(u.role as Role)).map((u) => [u.email.toLowerCase(), u.id]));

  // Incidents cluster on school days: one findMouInForce per distinct day, not per incident.
  const mouByDay = new Map<string, Promise<MouInForce | null>>();
  const known = new Map<string, MouInForce | null>();
  return {
    districtId,
    schoolsByNces: new Map(schools.map((s) => [s.ncesSchoolId, s.id])),
    studentsByLocalId,
    officersByEmail: emailsOf(['sro']),
    reviewersByEmail: emailsOf(['district_admin', 'school_admin']),
    staffByEmail: new Map(active.map((u) => [u.email.toLowerCase(), u.id])),
    mouOn(trx, isoDate) {
      const day = isoDate.slice(0, 10);
      let p = mouByDay.get(day);
      if (!p) mouByDay.set(day, (p = findMouInForce(trx, districtId, day).then((m) => (known.set(day, m), m))));
      return p;
    },
    mouKnown: (isoDate) => known.get(isoDate.slice(0, 10)),
  };
}

/** The student's demographics on the incident's day, by the one rule in student.snapshot.ts. */
export const snapshotOf = (s: StudentRef, isoDate: string): SnapshotWithSchool =>
  snapshotAsOf(s.roster, s.history, isoDate);
