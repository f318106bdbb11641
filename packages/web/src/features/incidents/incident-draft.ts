import {
  BEHAVIORS,
  type Behavior,
  type ContactPurpose,
  type IncidentDetail,
  type IncidentInput,
  type Involvement,
  OFFENSE_ACTIONS,
  type OutsideLeKind,
  type SroAction,
  type StudentRole,
} from '@forefront/contract';

/**
 * The incident form's working state. It keeps what the officer typed as typed (local date-times
 * from <input type="datetime-local">, empty strings for untouched selects); `toInput` turns it
 * into the contract's IncidentInput, which the same schema as the server's then checks.
 */
export interface StudentDraft {
  studentId: string;
  name: string;
  localId: string;
  role: StudentRole;
}
export interface ActionDraft {
  action: SroAction;
  /** '' for an action toward nobody in particular (observed, de-escalated). */
  studentId: string;
  /** Local date-time; '' means "when the incident happened". */
  at: string;
  emergency: boolean;
  emergencyReason: string;
  parentNotified: boolean;
  /** Which of the incident's behaviors the action addresses; '' when not said. */
  behavior: Behavior | '';
}
/** A referral to, or arrest by, law enforcement outside Forefront (a 911 call, a patrol officer). */
export interface OutsideReferralDraft {
  kind: OutsideLeKind;
  studentId: string;
  /** The staff member who referred; '' for an arrest nobody at school asked for. */
  referredBy: string;
  officerName: string;
  agency: string;
  badgeNumber: string;
  /** Local date-time; '' means "when the incident happened". */
  at: string;
  behavior: Behavior | '';
}
export interface IncidentDraft {
  schoolId: string;
  occurredAt: string;
  location: string;
  behaviors: Behavior[];
  description: string;
  weapon: string;
  offenseAlleged: boolean;
  nibrsCodes: string[];
  students: StudentDraft[];
  /** Whether an officer took part at all (a school administrator may log an incident without one). */
  officerInvolved: boolean;
  officerId: string;
  purpose: ContactPurpose | '';
  involvement: Involvement | '';
  /** Local date-time; '' means "reported when it happened" (an officer logging their own activity). */
  reportedAt: string;
  arrivedAt: string;
  actions: ActionDraft[];
  /** Further officers' contacts on an incident being edited: the form edits the first, and keeps these as saved. */
  otherContacts: IncidentInput['contacts'];
  outsideReferrals: OutsideReferralDraft[];
}

/** "2026-11-27T09:05" in the browser's time zone, what datetime-local shows and returns. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
const fromIso = (iso: string | null) => (iso ? toLocalInput(new Date(iso)) : '');

/** A local datetime-local value as ISO UTC; an unreadable value is passed on for the schema to refuse. */
export function toIso(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

export function newDraft(opts: { schoolId: string; officerId: string | null; now?: Date }): IncidentDraft {
  return {
    schoolId: opts.schoolId,
    occurredAt: toLocalInput(opts.now ?? new Date()),
    location: '',
    behaviors: [],
    description: '',
    weapon: 'none',
    offenseAlleged: false,
    nibrsCodes: [],
    students: [],
    officerInvolved: opts.officerId !== null,
    officerId: opts.officerId ?? '',
    purpose: '',
    involvement: '',
    reportedAt: '',
    arrivedAt: '',
    actions: [],
    otherContacts: [],
    outsideReferrals: [],
  };
}

/** Editing an incident: the form starts from what was saved (its first officer contact). */
export function draftOf(incident: IncidentDetail): IncidentDraft {
  const contact = incident.contacts[0];
  return {
    schoolId: incident.schoolId,
    occurredAt: fromIso(incident.occurredAt),
    location: incident.location,
    behaviors: incident.behaviors,
    description: incident.description,
    weapon: incident.weapon,
    offenseAlleged: incident.offenseAlleged,
    nibrsCodes: incident.nibrsCodes,
    students: incident.students.map((s) => ({
      studentId: s.studentId,
      name: s.name,
      localId: s.localId,
      role: s.role,
    })),
    officerInvolved: contact !== undefined,
    officerId: contact?.officerId ?? '',
    purpose: contact?.purpose ?? '',
    involvement: contact?.involvement ?? '',
    reportedAt: contact ? fromIso(contact.reportedAt) : '',
    arrivedAt: contact ? fromIso(contact.arrivedAt) : '',
    actions: (contact?.actions ?? []).map((a) => ({
      action: a.action,
      studentId: a.studentId ?? '',
      at: a.at === incident.occurredAt ? '' : fromIso(a.at),
      emergency: a.emergency,
      emergencyReason: a.emergencyReason ?? '',
      parentNotified: a.parentNotified,
      behavior: a.behavior ?? '',
    })),
    outsideReferrals: incident.outsideReferrals.map((r) => ({
      kind: r.kind,
      studentId: r.studentId,
      referredBy: r.referredBy ?? '',
      officerName: r.officerName,
      agency: r.agency,
      badgeNumber: r.badgeNumber ?? '',
      at: r.at === incident.occurredAt ? '' : fromIso(r.at),
      behavior: r.behavior ?? '',
    })),
    otherContacts: incident.contacts
      .slice(1)
      .map(({ officerId, purpose, involvement, reportedAt, arrivedAt, actions }) => ({
        officerId,
        purpose,
        involvement,
        reportedAt,
        arrivedAt,
        actions: actions.map(({ action, studentId, at, emergency, emergencyReason, parentNotified, behavior }) => ({
          action,
          studentId,
          at,
          emergency,
          emergencyReason,
          parentNotified,
          behavior,
        })),
      })),
  };
}

/** The NIBRS codes the chosen behaviors allow: routine misbehavior never carries one. */
export function allowedNibrs(behaviors: readonly Behavior[]): string[] {
  return [...new Set(behaviors.flatMap((b) => BEHAVIORS[b].nibrs))].sort();
}

/**
 * The API input. Fields left empty become values the schema refuses (so the officer is told),
 * except the defaults that save time: the report time is the incident time, an action's time is
 * the incident time.
 */
export function toInput(d: IncidentDraft): IncidentInput {
  const occurredAt = toIso(d.occurredAt);
  const allowed = allowedNibrs(d.behaviors);
  const studentIds = new Set(d.students.map((s) => s.studentId));
  return {
    schoolId: d.schoolId,
    occurredAt,
    location: d.location as IncidentInput['location'],
    behaviors: d.behaviors,
    description: d.description,
    weapon: d.weapon as IncidentInput['weapon'],
    offenseAlleged: d.offenseAlleged,
    nibrsCodes: d.offenseAlleged ? d.nibrsCodes.filter((c) => allowed.includes(c)) : [],
    students: d.students.map((s) => ({ studentId: s.studentId, role: s.role })),
    contacts: d.officerInvolved
      ? [
          {
            officerId: d.officerId,
            purpose: d.purpose as ContactPurpose,
            involvement: d.involvement as Involvement,
            reportedAt: d.reportedAt ? toIso(d.reportedAt) : occurredAt,
            arrivedAt: d.arrivedAt ? toIso(d.arrivedAt) : null,
            actions: d.actions
              // An action toward a student who was removed from the incident goes with them.
              .filter((a) => a.studentId === '' || studentIds.has(a.studentId))
              .map((a) => ({
                action: a.action,
                studentId: a.studentId || null,
                at: a.at ? toIso(a.at) : occurredAt,
                emergency: a.emergency,
                emergencyReason: a.emergency ? a.emergencyReason.trim() || null : null,
                parentNotified: a.action === 'questioned' ? a.parentNotified : false,
                // Said only when chosen; a behavior removed from the incident no longer names it.
                ...(a.behavior && d.behaviors.includes(a.behavior) && { behavior: a.behavior }),
              })),
          },
          ...d.otherContacts,
        ]
      : d.otherContacts,
    outsideReferrals: d.outsideReferrals
      .filter((r) => studentIds.has(r.studentId) || r.studentId === '')
      .map((r) => ({
        kind: r.kind,
        studentId: r.studentId,
        referredBy: r.referredBy || null,
        officerName: r.officerName,
        agency: r.agency,
        badgeNumber: r.badgeNumber.trim() || null,
        at: r.at ? toIso(r.at) : occurredAt,
        behavior: r.behavior && d.behaviors.includes(r.behavior) ? r.behavior : null,
      })),
  };
}

/**
 * Problems the schema cannot see: an emergency needs its reason; a citation or arrest needs an
 * alleged offense (the server refuses it too, as `offense_not_alleged`); a referral names the
 * staff member who made it.
 */
export function extraProblems(d: IncidentDraft): { path: string; key: string }[] {
  const out: { path: string; key: string }[] = [];
  const enforcement =
    (d.officerInvolved && d.actions.some((a) => OFFENSE_ACTIONS.includes(a.action))) ||
    d.outsideReferrals.some((r) => r.kind === 'arrest');
  if (enforcement && !d.offenseAlleged) out.push({ path: 'offenseAlleged', key: 'referrals.errors.offenseNotAlleged' });
  d.outsideReferrals.forEach((r, i) => {
    if (r.kind === 'referral' && !r.referredBy)
      out.push({ path: `outsideReferrals.${i}.referredBy`, key: 'referrals.errors.referredByRequired' });
  });
  d.actions.forEach((a) => {
    if (a.emergency && !a.emergencyReason.trim())
      out.push({
        path: `action.${a.studentId}.${a.action}.emergencyReason`,
        key: 'incidents.form.emergencyReasonRequired',
      });
  });
  return out;
}
