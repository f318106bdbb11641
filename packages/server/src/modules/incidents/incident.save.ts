import {
  type Behavior,
  type DistrictClock,
  type Flag,
  type FlagKind,
  localDate,
  type IncidentInput,
  type OutsideLeKind,
  type ReviewInput,
  evaluateIncident,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { loadClock } from '../districts/district.clock.js';
import { findMouInForce } from '../mous/mou.in-force.js';
import type { SnapshotWithSchool } from '../students/student.snapshot.js';
import { applyIncidentTransparency } from '../transparency/transparency.aggregates.js';
import { applyDriftChange } from './incident.aggregates.js';
import {
  driftContribution,
  monthOf,
  responseSeconds,
  schoolYearOfIncident,
  studentOutcomes,
} from './incident.derive.js';
import * as repo from './incident.repository.js';
import type {
  IncidentRow,
  IncidentStudentTable,
  OutsideReferralTable,
  SroActionTable,
  SroContactTable,
} from './incident.table.js';

/**
 * The parts of saving an incident that every write shares (create, edit, review): child rows,
 * role-clarity flags against the MOU in force on the incident date, and the monthly aggregates.
 * All run inside the caller's transaction.
 */

export interface StoredState {
  input: IncidentInput;
  flags: Pick<Flag, 'kind' | 'officerId'>[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * Child ids carry the incident id and their position, so reading them back in id order gives the
 * order the officer entered them in, on both databases.
 */
export function childRows(
  incident: Pick<IncidentRow, 'id' | 'districtId' | 'occurredAt'>,
  input: IncidentInput,
  snapshots: Map<string, SnapshotWithSchool>,
  clock: DistrictClock,
) {
  const outcomes = studentOutcomes(input);
  const schoolYear = schoolYearOfIncident(input.occurredAt, clock);
  const base = { districtId: incident.districtId, incidentId: incident.id };
  const students: IncidentStudentTable[] = input.students.map((s, i) => {
    const snap = snapshots.get(s.studentId)!;
    const o = outcomes.get(s.studentId);
    // The student's own school as of the incident date: CRDC counts students where they are enrolled.
    return {
      ...base,
      id: `${incident.id}-s${pad(i, 3)}`,
      studentId: s.studentId,
      role: s.role,
      schoolId: snap.schoolId,
      schoolYear,
      grade: snap.grade,
      race: snap.race,
      sex: snap.sex,
      idea: snap.idea ? 1 : 0,
      section504: snap.section504 ? 1 : 0,
      englishLearner: snap.englishLearner ? 1 : 0,
      referred: o?.referred ? 1 : 0,
      arrested: o?.arrested ? 1 : 0,
    };
  });
  const contacts: SroContactTable[] = [];
  const actions: SroActionTable[] = [];
  input.contacts.forEach((c, ci) => {
    const contactId = `${incident.id}-c${pad(ci, 2)}`;
    contacts.push({
      ...base,
      id: contactId,
      officerId: c.officerId,
      purpose: c.purpose,
      involvement: c.involvement,
      reportedAt: c.reportedAt,
      arrivedAt: c.arrivedAt,
      responseSeconds: responseSeconds(c.reportedAt, c.arrivedAt),
    });
    c.actions.forEach((a, ai) =>
      actions.push({
        ...base,
        id: `${contactId}-a${pad(ai, 3)}`,
        contactId,
        action: a.action,
        studentId: a.studentId,
        at: a.at,
        emergency: a.emergency ? 1 : 0,
        emergencyReason: a.emergency ? a.emergencyReason : null,
        parentNotified: a.parentNotified ? 1 : 0,
        behavior: a.behavior ?? null,
      }),
    );
  });
  const month = monthOf(input.occurredAt, clock);
  const outside: OutsideReferralTable[] = (input.outsideReferrals ?? []).map((r, i) => ({
    ...base,
    id: `${incident.id}-r${pad(i, 2)}`,
    schoolId: input.schoolId,
    month,
    kind: r.kind,
    studentId: r.studentId,
    referredBy: r.referredBy,
    officerName: r.officerName,
    agency: r.agency,
    badgeNumber: r.badgeNumber || null,
    at: r.at,
    behavior: r.behavior,
  }));
  return { students, contacts, actions, outside };
}

/** The incident as the officer entered it, read back from its rows (for versions, reviews and aggregates). */
export async function loadIncidentInput(db: Db, row: IncidentRow): Promise<IncidentInput> {
  const [students, contacts, actions, outside] = await Promise.all([
    repo.findStudentRows(db, row.id),
    repo.findContactRows(db, row.id),
    repo.findActionRows(db, row.id),
    repo.findOutsideReferralRows(db, row.id),
  ]);
  return {
    schoolId: row.schoolId,
    occurredAt: row.occurredAt,
    location: row.location as IncidentInput['location'],
    behaviors: JSON.parse(row.behaviors) as IncidentInput['behaviors'],
    description: row.description,
    weapon: row.weapon as IncidentInput['weapon'],
    offenseAlleged: row.offenseAlleged === 1,
    nibrsCodes: JSON.parse(row.nibrsCodes) as string[],
    students: students.map((s) => ({
      studentId: s.studentId,
      role: s.role as IncidentInput['students'][number]['role'],
    })),
    contacts: contacts.map((c) => ({
      officerId: c.officerId,
      purpose: c.purpose as IncidentInput['contacts'][number]['purpose'],
      involvement: c.involvement as IncidentInput['contacts'][number]['involvement'],
      reportedAt: c.reportedAt,
      arrivedAt: c.arrivedAt,
      actions: actions
        .filter((a) => a.contactId === c.id)
        .map((a) => ({
          action: a.action as IncidentInput['contacts'][number]['actions'][number]['action'],
          studentId: a.studentId,
          at: a.at,
          emergency: a.emergency === 1,
          emergencyReason: a.emergencyReason,
          parentNotified: a.parentNotified === 1,
          behavior: a.behavior as Behavior | null,
        })),
    })),
    outsideReferrals: outside.map((r) => ({
      kind: r.kind as OutsideLeKind,
      studentId: r.studentId,
      referredBy: r.referredBy,
      officerName: r.officerName,
      agency: r.agency,
      badgeNumber: r.badgeNumber,
      at: r.at,
      behavior: r.behavior as Behavior | null,
    })),
  };
}

export async function loadStoredState(db: Db, row: IncidentRow): Promise<StoredState> {
  const [input, flags] = await Promise.all([loadIncidentInput(db, row), repo.findFlagRows(db, row.id)]);
  return { input, flags: flags.map((f) => ({ kind: f.kind as FlagKind, officerId: f.officerId })) };
}

export async function writeChildren(
  db: Db,
  incident: Pick<IncidentRow, 'id' | 'districtId' | 'occurredAt'>,
  input: IncidentInput,
  snapshots: Map<string, SnapshotWithSchool>,
  replacing: boolean,
) {
  if (replacing) await repo.deleteIncidentChildren(db, incident.id);
  const rows = childRows(incident, input, snapshots, await loadClock(db, incident.districtId));
  await repo.insertChildren(db, rows.students, rows.contacts, rows.actions, rows.outside);
}

/**
 * Evaluates the incident against the signed MOU in force on its date, stores the flags, and moves
 * the incident's contribution to the role-drift aggregates and the transparency figures from
 * `previous` to the new content (the state is unchanged here; transitions move it themselves).
 */
export async function refreshFlags(
  db: Db,
  incident: Pick<IncidentRow, 'id' | 'districtId' | 'state'>,
  input: IncidentInput,
  previous: StoredState | null,
): Promise<Flag[]> {
  const reviews: ReviewInput[] = (await repo.findReviewRows(db, incident.id)).map((r) => ({
    studentId: r.studentId,
    decision: r.decision as ReviewInput['decision'],
    reviewedAt: r.reviewedAt,
  }));
  const clock = await loadClock(db, incident.districtId);
  // The MOU in force on the incident's day on the district's calendar (effective dates are local).
  const mou = await findMouInForce(db, incident.districtId, localDate(input.occurredAt, clock.timeZone));
  const flags = evaluateIncident(
    { behaviors: input.behaviors, contacts: input.contacts, reviews, referrals: input.outsideReferrals },
    mou?.rules ?? null,
  );
  const month = monthOf(input.occurredAt, clock);
  await repo.replaceFlags(
    db,
    incident.id,
    flags.map((f, i) => ({
      id: `${incident.id}-f${pad(i, 3)}`,
      districtId: incident.districtId,
      incidentId: incident.id,
      schoolId: input.schoolId,
      officerId: f.officerId,
      month,
      kind: f.kind,
      clause: f.clause,
      mouVersionId: mou?.mouVersionId ?? null,
      behavior: f.behavior,
      action: f.action,
      studentId: f.studentId,
    })),
  );
  await repo.updateIncident(db, incident.id, { flagCount: flags.length, mouVersionId: mou?.mouVersionId ?? null });
  const before = previous ? driftContribution(previous.input, previous.flags, clock) : null;
  await applyDriftChange(db, incident.districtId, before, driftContribution(input, flags, clock));
  await applyIncidentTransparency(
    db,
    incident.districtId,
    previous && { ...previous, state: incident.state },
    {
      input,
      flags,
      state: incident.state,
    },
    clock,
  );
  return flags;
}
