import { type DistrictClock, type Flag, type Role, evaluateIncident, localDate } from '@forefront/contract';
import type { MouInForce } from '../mous/mou.in-force.js';
import {
  deriveRecordClass,
  driftContribution,
  monthOf,
  responseSeconds,
  schoolYearOfIncident,
  studentOutcomes,
} from '../incidents/incident.derive.js';
import { newId } from '../../shared/ids.js';
import { type CountDelta, transparencyContribution } from '../transparency/transparency.derive.js';
import type { AssembledIncident } from './import.group.js';
import { snapshotOf } from './import.lookups.js';

/**
 * The tables an import writes, with their columns in the order the row arrays below use. Raw
 * column names: the SQLite bulk writer and the PostgreSQL batch writer both bind positionally.
 */
export const IMPORT_TABLES = {
  incidents: [
    'id',
    'district_id',
    'school_id',
    'number',
    'occurred_at',
    'school_year',
    'location',
    'behaviors',
    'description',
    'weapon',
    'offense_alleged',
    'nibrs_codes',
    'state',
    'record_class',
    'version',
    'mou_version_id',
    'flag_count',
    'created_by',
    'created_at',
    'updated_at',
    'submitted_at',
  ],
  incident_students: [
    'id',
    'district_id',
    'incident_id',
    'student_id',
    'role',
    'school_id',
    'school_year',
    'grade',
    'race',
    'sex',
    'idea',
    'section504',
    'english_learner',
    'referred',
    'arrested',
  ],
  sro_contacts: [
    'id',
    'district_id',
    'incident_id',
    'officer_id',
    'purpose',
    'involvement',
    'reported_at',
    'arrived_at',
    'response_seconds',
  ],
  sro_actions: [
    'id',
    'district_id',
    'incident_id',
    'contact_id',
    'action',
    'student_id',
    'at',
    'emergency',
    'emergency_reason',
    'parent_notified',
  ],
  outside_referrals: [
    'id',
    'district_id',
    'incident_id',
    'school_id',
    'month',
    'kind',
    'student_id',
    'referred_by',
    'officer_name',
    'agency',
    'badge_number',
    'at',
    'behavior',
  ],
  incident_reviews: [
    'id',
    'district_id',
    'incident_id',
    'student_id',
    'reviewer_id',
    'reviewed_at',
    'decision',
    'note',
    'recorded_at',
  ],
  incident_flags: [
    'id',
    'district_id',
    'incident_id',
    'school_id',
    'officer_id',
    'month',
    'kind',
    'clause',
    'mou_version_id',
    'behavior',
    'action',
    'student_id',
  ],
} as const;
export type ImportTable = keyof typeof IMPORT_TABLES;
/** Parents before children, so foreign keys hold at every statement. */
export const TABLE_ORDER: ImportTable[] = [
  'incidents',
  'incident_students',
  'sro_contacts',
  'sro_actions',
  'outside_referrals',
  'incident_reviews',
  'incident_flags',
];

export type Cell = string | number | null;
export type RowSink = (table: ImportTable, row: Cell[]) => void;

export interface ImportRun {
  districtId: string;
  createdBy: string;
  creatorRole: Role;
  now: string;
  /** The district's clock: school years and months as the service computes them. */
  clock: DistrictClock;
}

export const b = (v: boolean) => (v ? 1 : 0);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Everything the incident service stores for one new submitted incident, emitted as table rows:
 * the same derivations (record class, snapshot, outcomes, response time, flags from the MOU in
 * force on the incident date). Returns the flags and the drift and transparency contributions for
 * the aggregates.
 */
export function emitIncident(
  run: ImportRun,
  inc: AssembledIncident,
  number: string,
  mou: MouInForce | null,
  sink: RowSink,
): { flags: Flag[]; drift: ReturnType<typeof driftContribution>; transparency: CountDelta[] } {
  const { input } = inc;
  const id = newId();
  const d = run.districtId;
  const schoolYear = schoolYearOfIncident(input.occurredAt, run.clock);
  const flags = evaluateIncident(
    {
      behaviors: input.behaviors,
      contacts: input.contacts,
      reviews: inc.reviews.map((r) => ({ studentId: r.studentId, decision: r.decision, reviewedAt: r.reviewedAt })),
      referrals: input.outsideReferrals,
    },
    mou?.rules ?? null,
  );
  const mouVersionId = mou?.mouVersionId ?? null;
  sink('incidents', [
    id,
    d,
    input.schoolId,
    number,
    input.occurredAt,
    schoolYear,
    input.location,
    JSON.stringify(input.behaviors),
    input.description,
    input.weapon,
    b(input.offenseAlleged),
    JSON.stringify(input.nibrsCodes),
    'submitted',
    deriveRecordClass(run.creatorRole, input),
    1,
    mouVersionId,
    flags.length,
    run.createdBy,
    run.now,
    run.now,
    run.now,
  ]);
  const outcomes = studentOutcomes(input);
  // Child ids and the student's school as the service writes them (incident.save.ts, childRows):
  // ids carry the incident id and the position; the school is the student's own as of the date.
  input.students.forEach((s, i) => {
    const snap = snapshotOf(inc.students.get(s.studentId)!, localDate(input.occurredAt, run.clock.timeZone));
    const o = outcomes.get(s.studentId);
    sink('incident_students', [
      `${id}-s${pad(i, 3)}`,
      d,
      id,
      s.studentId,
      s.role,
      snap.schoolId,
      schoolYear,
      snap.grade,
      snap.race,
      snap.sex,
      b(snap.idea),
      b(snap.section504),
      b(snap.englishLearner),
      b(o?.referred ?? false),
      b(o?.arrested ?? false),
    ]);
  });
  input.contacts.forEach((c, ci) => {
    const contactId = `${id}-c${pad(ci, 2)}`;
    sink('sro_contacts', [
      contactId,
      d,
      id,
      c.officerId,
      c.purpose,
      c.involvement,
      c.reportedAt,
      c.arrivedAt,
      responseSeconds(c.reportedAt, c.arrivedAt),
    ]);
    c.actions.forEach((a, ai) =>
      sink('sro_actions', [
        `${contactId}-a${pad(ai, 3)}`,
        d,
        id,
        contactId,
        a.action,
        a.studentId,
        a.at,
        b(a.emergency),
        a.emergency ? a.emergencyReason : null,
        b(a.parentNotified),
      ]),
    );
  });
  const month = monthOf(input.occurredAt, run.clock);
  // Ids as the service writes them (incident.save.ts, childRows).
  (input.outsideReferrals ?? []).forEach((r, i) =>
    sink('outside_referrals', [
      `${id}-r${pad(i, 2)}`,
      d,
      id,
      input.schoolId,
      month,
      r.kind,
      r.studentId,
      r.referredBy,
      r.officerName,
      r.agency,
      r.badgeNumber,
      r.at,
      r.behavior,
    ]),
  );
  for (const r of inc.reviews)
    sink('incident_reviews', [newId(), d, id, r.studentId, r.reviewerId, r.reviewedAt, r.decision, r.note, run.now]);
  flags.forEach((f, i) =>
    sink('incident_flags', [
      `${id}-f${pad(i, 3)}`,
      d,
      id,
      input.schoolId,
      f.officerId,
      month,
      f.kind,
      f.clause,
      mouVersionId,
      f.behavior,
      f.action,
      f.studentId,
    ]),
  );
  return {
    flags,
    drift: driftContribution(input, flags, run.clock),
    transparency: transparencyContribution(input, flags, 'submitted', run.clock),
  };
}
