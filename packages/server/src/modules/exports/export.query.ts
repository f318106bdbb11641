import type { Db } from '../../db/database.js';
import type {
  IncidentFlagTable,
  OutsideReferralTable,
  IncidentReviewTable,
  IncidentStudentTable,
  SroActionTable,
  SroContactTable,
} from '../incidents/incident.table.js';

/** What an export covers: a district, optionally one school year, as of the disclosure time. */
export interface ExportScope {
  districtId: string;
  schoolYear: string | null;
  /** Incidents created after this moment are left out, so the export matches its disclosure record. */
  asOf: string;
}

export interface ExportIncident {
  id: string;
  number: string;
  schoolId: string;
  occurredAt: string;
  schoolYear: string;
  location: string;
  behaviors: string[];
  description: string;
  weapon: string;
  offenseAlleged: boolean;
  nibrsCodes: string[];
  state: string;
  recordClass: string;
  mouVersionId: string | null;
  students: IncidentStudentTable[];
  contacts: (SroContactTable & { actions: SroActionTable[] })[];
  reviews: IncidentReviewTable[];
  flags: IncidentFlagTable[];
  outsideReferrals: OutsideReferralTable[];
}

/** Names the exports print instead of internal ids. */
export interface ExportNames {
  schoolNces: Map<string, string>;
  userEmail: Map<string, string>;
  studentLocalId: Map<string, string>;
  /** The district's IANA zone: exported local dates are on its clock, with the zone and offset beside them. */
  timeZone: string;
}

export async function loadNames(db: Db, districtId: string): Promise<ExportNames> {
  const [district, schools, users, students] = await Promise.all([
    db.selectFrom('districts').select('timeZone').where('id', '=', districtId).executeTakeFirst(),
    db.selectFrom('schools').select(['id', 'ncesSchoolId']).where('districtId', '=', districtId).execute(),
    db.selectFrom('users').select(['id', 'email']).where('districtId', '=', districtId).execute(),
    db.selectFrom('students').select(['id', 'localId']).where('districtId', '=', districtId).execute(),
  ]);
  return {
    schoolNces: new Map(schools.map((s) => [s.id, s.ncesSchoolId])),
    userEmail: new Map(users.map((u) => [u.id, u.email])),
    studentLocalId: new Map(students.map((s) => [s.id, s.localId])),
    timeZone: district?.timeZone ?? 'UTC',
  };
}

const BATCH = 1000;

const groupBy = <T extends { incidentId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) (m.get(r.incidentId) ?? m.set(r.incidentId, []).get(r.incidentId)!).push(r);
  return m;
};

/**
 * The scope's incidents with everything they hold, in date order, a thousand at a time (keyset
 * pagination on the district/date index), so an export of a million incidents streams in bounded
 * memory and never holds the database for long. Children come in a fixed order (PostgreSQL has
 * no natural row order) so two exports of the same data are identical.
 */
export async function* incidentBatches(db: Db, scope: ExportScope): AsyncGenerator<ExportIncident[]> {
  let after: { occurredAt: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('incidents')
      .selectAll()
      .where('districtId', '=', scope.districtId)
      .where('createdAt', '<=', scope.asOf)
      .orderBy('occurredAt')
      .orderBy('id')
      .limit(BATCH);
    if (scope.schoolYear) q = q.where('schoolYear', '=', scope.schoolYear);
    if (after) {
      const a: { occurredAt: string; id: string } = after;
      q = q.where((eb) =>
        eb.or([
          eb('occurredAt', '>', a.occurredAt),
          eb.and([eb('occurredAt', '=', a.occurredAt), eb('id', '>', a.id)]),
        ]),
      );
    }
    const incidents = await q.execute();
    if (incidents.length === 0) return;
    const ids = incidents.map((i) => i.id);
    const [students, contacts, actions, reviews, flags, outside] = await Promise.all([
      db.selectFrom('incidentStudents').selectAll().where('incidentId', 'in', ids).orderBy('role').execute(),
      db
        .selectFrom('sroContacts')
        .selectAll()
        .where('incidentId', 'in', ids)
        .orderBy('reportedAt')
        .orderBy('officerId')
        .execute(),
      db.selectFrom('sroActions').selectAll().where('incidentId', 'in', ids).orderBy('at').orderBy('action').execute(),
      db
        .selectFrom('incidentReviews')
        .selectAll()
        .where('incidentId', 'in', ids)
        .orderBy('reviewedAt')
        .orderBy('decision')
        .execute(),
      db
        .selectFrom('incidentFlags')
        .selectAll()
        .where('incidentId', 'in', ids)
        .orderBy('kind')
        .orderBy('action')
        .execute(),
      db.selectFrom('outsideReferrals').selectAll().where('incidentId', 'in', ids).orderBy('id').execute(),
    ]);
    const s = groupBy(students);
    const c = groupBy(contacts);
    const a = groupBy(actions);
    const r = groupBy(reviews);
    const f = groupBy(flags);
    const o = groupBy(outside);
    yield incidents.map((i) => ({
      id: i.id,
      number: i.number,
      schoolId: i.schoolId,
      occurredAt: i.occurredAt,
      schoolYear: i.schoolYear,
      location: i.location,
      behaviors: JSON.parse(i.behaviors) as string[],
      description: i.description,
      weapon: i.weapon,
      offenseAlleged: Number(i.offenseAlleged) === 1,
      nibrsCodes: JSON.parse(i.nibrsCodes) as string[],
      state: i.state,
      recordClass: i.recordClass,
      mouVersionId: i.mouVersionId,
      students: s.get(i.id) ?? [],
      contacts: (c.get(i.id) ?? []).map((x) => ({
        ...x,
        actions: (a.get(i.id) ?? []).filter((y) => y.contactId === x.id),
      })),
      reviews: r.get(i.id) ?? [],
      flags: f.get(i.id) ?? [],
      outsideReferrals: o.get(i.id) ?? [],
    }));
    const last = incidents[incidents.length - 1]!;
    after = { occurredAt: last.occurredAt, id: last.id };
  }
}
