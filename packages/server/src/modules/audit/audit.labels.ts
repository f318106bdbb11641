import { type PolicyActor, can } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { LoadedDistrict } from '../../shared/load-district.js';

/**
 * Words for the ids an audit payload names, so the log reads like the field ("Maria Lopez viewed
 * incident INC-2026-000041") rather than like the database. Payloads keep ids only (the chain
 * stays free of names); the words are looked up when the log is read, and only within the
 * district being read: an id from anywhere else gets no label, so the log can never be used to
 * learn a name from another district.
 */
type Subject =
  'incident' | 'student' | 'mou' | 'signatory' | 'school' | 'user' | 'invitation' | 'district' | 'course' | 'officer';

/** Payload key -> what its id names. */
const SUBJECT_OF_KEY: Record<string, Subject> = {
  incidentId: 'incident',
  fromIncidentId: 'incident',
  studentId: 'student',
  mouId: 'mou',
  signatoryId: 'signatory',
  schoolId: 'school',
  userId: 'user',
  adminUserId: 'user',
  invitationId: 'invitation',
  districtId: 'district',
  courseId: 'course',
  officerId: 'officer',
};

export interface LabelledEntry {
  actorId: string | null;
  payload: Record<string, unknown>;
}

export interface AuditLabels {
  /** Actor id -> name, only for people of the district. */
  actorName: (actorId: string | null) => string | null;
  /** payload key -> label, for the keys whose ids could be named. */
  labelsOf: (payload: Record<string, unknown>) => Record<string, string>;
}

const idsOf = (entries: LabelledEntry[], subject: Subject) => {
  const ids = new Set<string>();
  for (const e of entries)
    for (const [key, value] of Object.entries(e.payload))
      if (SUBJECT_OF_KEY[key] === subject && typeof value === 'string') ids.add(value);
  return [...ids];
};

/**
 * Resolve every id one page of entries names, one query per kind of subject. Students are named
 * only when the reader may read that student (FERPA need-to-know; today both readers of the log
 * have district scope, but the check follows the policy table, not that fact).
 */
export async function resolveLabels(
  db: Db,
  reader: PolicyActor,
  district: LoadedDistrict,
  entries: LabelledEntry[],
): Promise<AuditLabels> {
  const d = district.id;
  const userIds = [...new Set([...idsOf(entries, 'user'), ...entries.flatMap((e) => (e.actorId ? [e.actorId] : []))])];
  const some = <T>(ids: string[], run: (ids: string[]) => Promise<T[]>) =>
    ids.length ? run(ids) : Promise.resolve([]);
  const [users, incidents, students, mous, signatories, schools, invitations, courses, officers] = await Promise.all([
    some(userIds, (ids) =>
      db.selectFrom('users').select(['id', 'displayName']).where('districtId', '=', d).where('id', 'in', ids).execute(),
    ),
    some(idsOf(entries, 'incident'), (ids) =>
      db.selectFrom('incidents').select(['id', 'number']).where('districtId', '=', d).where('id', 'in', ids).execute(),
    ),
    some(idsOf(entries, 'student'), (ids) =>
      db
        .selectFrom('students')
        .select(['id', 'givenName', 'familyName', 'localId', 'schoolId'])
        .where('districtId', '=', d)
        .where('id', 'in', ids)
        .execute(),
    ),
    some(idsOf(entries, 'mou'), (ids) =>
      db.selectFrom('mous').select(['id', 'title']).where('districtId', '=', d).where('id', 'in', ids).execute(),
    ),
    some(idsOf(entries, 'signatory'), (ids) =>
      db
        .selectFrom('mouSignatories')
        .select(['id', 'name', 'title'])
        .where('districtId', '=', d)
        .where('id', 'in', ids)
        .execute(),
    ),
    some(idsOf(entries, 'school'), (ids) =>
      db.selectFrom('schools').select(['id', 'name']).where('districtId', '=', d).where('id', 'in', ids).execute(),
    ),
    some(idsOf(entries, 'invitation'), (ids) =>
      db
        .selectFrom('invitations')
        .select(['id', 'displayName'])
        .where('districtId', '=', d)
        .where('id', 'in', ids)
        .execute(),
    ),
    some(idsOf(entries, 'course'), (ids) =>
      db
        .selectFrom('trainingCourses')
        .select(['id', 'title'])
        .where('districtId', '=', d)
        .where('id', 'in', ids)
        .execute(),
    ),
    // Officers (issue 14) are named, with their agency, to readers who may read the whole roster.
    can(reader, 'officer.read', { districtId: d, state: district.state })
      ? some(idsOf(entries, 'officer'), (ids) =>
          db
            .selectFrom('officers')
            .select(['id', 'name', 'agency'])
            .where('districtId', '=', d)
            .where('id', 'in', ids)
            .execute(),
        )
      : Promise.resolve([]),
  ]);

  const names = new Map<Subject, Map<string, string>>([
    ['user', new Map(users.map((u) => [u.id, u.displayName]))],
    ['incident', new Map(incidents.map((i) => [i.id, i.number]))],
    [
      'student',
      new Map(
        students
          .filter((s) => can(reader, 'student.read', { districtId: d, state: district.state, schoolIds: [s.schoolId] }))
          .map((s) => [s.id, `${s.givenName} ${s.familyName} (${s.localId})`]),
      ),
    ],
    ['mou', new Map(mous.map((m) => [m.id, m.title]))],
    ['signatory', new Map(signatories.map((s) => [s.id, s.title ? `${s.name}, ${s.title}` : s.name]))],
    ['school', new Map(schools.map((s) => [s.id, s.name]))],
    ['invitation', new Map(invitations.map((i) => [i.id, i.displayName]))],
    ['district', new Map([[d, district.name]])],
    ['course', new Map(courses.map((c) => [c.id, c.title]))],
    ['officer', new Map(officers.map((o) => [o.id, `${o.name} (${o.agency})`]))],
  ]);

  return {
    actorName: (actorId) => (actorId ? (names.get('user')!.get(actorId) ?? null) : null),
    labelsOf: (payload) => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(payload)) {
        const subject = SUBJECT_OF_KEY[key];
        const label = subject && typeof value === 'string' ? names.get(subject)!.get(value) : undefined;
        if (label !== undefined) out[key] = label;
      }
      return out;
    },
  };
}
