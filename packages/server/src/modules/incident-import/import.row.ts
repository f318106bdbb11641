import {
  BEHAVIORS,
  type Behavior,
  CONTACT_PURPOSES,
  type ContactPurpose,
  INVOLVEMENTS,
  type Involvement,
  LOCATIONS,
  type IncidentInput,
  type IncidentLocation,
  NIBRS_CODES,
  OFFENSE_ACTIONS,
  SRO_ACTIONS,
  STUDENT_ROLES,
  type SroAction,
  type StudentRole,
  WEAPONS,
} from '@forefront/contract';
import {
  INCIDENT_LEVEL_COLUMNS,
  type IncidentColumn,
  type RowError,
  type RowErrorCode,
  type RowErrorParams,
} from './import.columns.js';
import type { ImportLookups, StudentRef } from './import.lookups.js';

/** One valid CSV row, resolved to ids. */
export interface ParsedRow {
  row: number;
  ref: string;
  /** The incident-level cells (INCIDENT_LEVEL_COLUMNS order), to check every row of an incident repeats them. */
  incidentCells: string[];
  incident: {
    schoolId: string;
    occurredAt: string;
    location: IncidentLocation;
    behaviors: Behavior[];
    description: string;
    weapon: (typeof WEAPONS)[number];
    offenseAlleged: boolean;
    nibrsCodes: string[];
  };
  student: { ref: StudentRef; role: StudentRole } | null;
  contact: {
    key: string;
    sameKey: string;
    officerId: string;
    purpose: ContactPurpose;
    involvement: Involvement;
    reportedAt: string;
    arrivedAt: string | null;
  } | null;
  actions: {
    action: SroAction;
    at: string;
    emergency: boolean;
    emergencyReason: string | null;
    parentNotified: boolean;
  }[];
  review: { reviewerId: string; reviewedAt: string; decision: 'approved' | 'declined'; note: string } | null;
  /** A referral to, or arrest by, law enforcement outside Forefront, toward the row's student. */
  outside: Omit<NonNullable<IncidentInput['outsideReferrals']>[number], 'studentId'> | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCATION_SET = new Set<string>(LOCATIONS);
const WEAPON_SET = new Set<string>(WEAPONS);
const PURPOSE_SET = new Set<string>(CONTACT_PURPOSES);
const INVOLVEMENT_SET = new Set<string>(INVOLVEMENTS);
const ACTION_SET = new Set<string>(SRO_ACTIONS);
const ROLE_SET = new Set<string>(STUDENT_ROLES);
const NIBRS_SET = new Set<string>(NIBRS_CODES);
/** Clock skew tolerated before a time counts as in the future (as incident.validate.ts). */
const FUTURE_SKEW_MS = 5 * 60_000;
const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n', '']);

export const list = (cell: string) =>
  cell === ''
    ? []
    : cell
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');

/**
 * Whether the date and time in the cell exist on the calendar and clock. Date.parse rolls an
 * impossible day over (2026-02-30 becomes 2 March) where the API's schema refuses it: the import
 * must refuse it too rather than store a different day than the file says.
 */
function existsOnCalendar(cell: string): boolean {
  const n = (at: number, length = 2) => Number(cell.slice(at, at + length));
  const [year, month, day, hour, minute] = [n(0, 4), n(5), n(8), n(11), n(14)];
  const second = cell[16] === ':' ? n(17) : 0;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(cell);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    (!offset || (Number(offset[2]) <= 23 && Number(offset[3]) <= 59))
  );
}

/** ISO 8601 with an offset, normalised to UTC like every stored timestamp; null when invalid or impossible. */
export function isoOrNull(cell: string): string | null {
  if (!ISO.test(cell) || !existsOnCalendar(cell)) return null;
  const t = Date.parse(cell);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * Check one data row and resolve its names to ids. Returns every problem found in the row (not
 * only the first), each naming its column, so one report fixes the file.
 */
export function parseRow(
  cells: readonly string[],
  index: Map<string, number>,
  rowNumber: number,
  lk: ImportLookups,
): ParsedRow | RowError[] {
  const errors: RowError[] = [];
  const get = (c: IncidentColumn) => {
    const i = index.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const fail = (column: IncidentColumn, reason: string, code: RowErrorCode, params?: RowErrorParams) =>
    void errors.push({ row: rowNumber, column, reason, code, ...(params && { params }) });
  // A coded cell holding no valid code: the report lists the column's valid values (validValuesOf).
  const unknown = (c: IncidentColumn, value: string, reason: string) => fail(c, reason, 'unknown_value', { value });
  const oneOf = (c: IncidentColumn, value: string, reason: string) =>
    value === '' ? fail(c, 'Required', 'required') : unknown(c, value, reason);
  const date = (c: IncidentColumn, required: boolean) => {
    const v = get(c);
    if (v === '') {
      if (required) fail(c, 'Required', 'required');
      return null;
    }
    const iso = isoOrNull(v);
    if (!iso)
      fail(c, `Not an ISO 8601 date-time with offset (e.g. 2026-03-04T10:15:00Z): "${v}"`, 'not_datetime', {
        value: v,
      });
    return iso;
  };
  const bool = (c: IncidentColumn) => {
    const v = get(c).toLowerCase();
    if (TRUE.has(v)) return true;
    if (!FALSE.has(v)) fail(c, `Use true or false, not "${get(c)}"`, 'not_boolean', { value: get(c) });
    return false;
  };

  const ref = get('incident_ref');
  if (ref === '') fail('incident_ref', 'Required', 'required');
  else if (ref.length > 64) fail('incident_ref', 'Longer than 64 characters', 'too_long', { max: 64 });
  const nces = get('school_nces_id');
  const schoolId = lk.schoolsByNces.get(nces);
  if (nces === '') fail('school_nces_id', 'Required', 'required');
  else if (!schoolId)
    fail('school_nces_id', `Unknown school: no school in this district has NCES id "${nces}"`, 'unknown_school', {
      value: nces,
    });
  const occurredAt = date('occurred_at', true);
  const location = get('location');
  if (!LOCATION_SET.has(location)) oneOf('location', location, `Unknown location "${location}"`);
  const behaviors = list(get('behaviors'));
  for (const b of behaviors) if (!(b in BEHAVIORS)) unknown('behaviors', b, `Unknown behavior "${b}"`);
  if (new Set(behaviors).size !== behaviors.length) fail('behaviors', 'A behavior is listed twice', 'listed_twice');
  if (behaviors.length > 20) fail('behaviors', 'More than 20 behaviors', 'too_many', { max: 20 });
  const description = get('description');
  if (description.length > 4000) fail('description', 'Longer than 4000 characters', 'too_long', { max: 4000 });
  const weapon = get('weapon') || 'none';
  if (!WEAPON_SET.has(weapon)) unknown('weapon', weapon, `Unknown weapon "${weapon}"`);
  const offenseAlleged = bool('offense_alleged');
  const nibrsCodes = list(get('nibrs_codes'));
  for (const c of nibrsCodes) if (!NIBRS_SET.has(c)) unknown('nibrs_codes', c, `Unknown NIBRS code "${c}"`);
  // Routine misbehavior must never be coded as a crime: codes only where an offense is alleged,
  // and only codes of the chosen behaviors (the same rules as incident.validate.ts).
  if (nibrsCodes.length > 0 && !offenseAlleged)
    fail('nibrs_codes', 'NIBRS codes need offense_alleged = true', 'needs_offense_alleged');
  else {
    const allowed = new Set(
      behaviors.flatMap((x) => (x in BEHAVIORS ? (BEHAVIORS[x as Behavior].nibrs as readonly string[]) : [])),
    );
    for (const c of nibrsCodes)
      if (NIBRS_SET.has(c) && !allowed.has(c))
        fail('nibrs_codes', `${c} is not a NIBRS code of the chosen behaviors`, 'nibrs_not_of_behaviors', { value: c });
  }
  const future = (c: IncidentColumn, iso: string | null) => {
    if (iso && Date.parse(iso) > Date.now() + FUTURE_SKEW_MS) fail(c, 'This time is in the future', 'future_time');
  };
  future('occurred_at', occurredAt);

  let student: ParsedRow['student'] = null;
  const localId = get('student_local_id');
  const role = get('student_role');
  if (localId !== '') {
    const ref = lk.studentsByLocalId.get(localId);
    if (!ref)
      fail(
        'student_local_id',
        `Unknown student: no student in this district has local id "${localId}"`,
        'unknown_student',
        { value: localId },
      );
    if (!ROLE_SET.has(role))
      if (role === '')
        fail('student_role', 'Required when a student is named', 'required_with', { other: 'student_local_id' });
      else unknown('student_role', role, `Unknown role "${role}"`);
    if (ref && ROLE_SET.has(role)) student = { ref, role: role as StudentRole };
  } else if (role !== '')
    fail('student_role', 'A role without student_local_id', 'given_without', { other: 'student_local_id' });

  let contact: ParsedRow['contact'] = null;
  const actions: ParsedRow['actions'] = [];
  const email = get('officer_email').toLowerCase();
  const contactCells = (
    ['purpose', 'involvement', 'reported_at', 'arrived_at', 'actions', 'emergency_reason'] as const
  ).filter((c) => get(c) !== '');
  if (email !== '') {
    const officerId = lk.officersByEmail.get(email);
    if (!officerId)
      fail(
        'officer_email',
        `Unknown officer: no active SRO of this district has email "${get('officer_email')}"`,
        'unknown_officer',
        { value: get('officer_email') },
      );
    const purpose = get('purpose');
    if (!PURPOSE_SET.has(purpose))
      if (purpose === '')
        fail('purpose', 'Required when an officer is named', 'required_with', { other: 'officer_email' });
      else unknown('purpose', purpose, `Unknown purpose "${purpose}"`);
    const involvement = get('involvement');
    if (!INVOLVEMENT_SET.has(involvement))
      if (involvement === '')
        fail('involvement', 'Required when an officer is named', 'required_with', { other: 'officer_email' });
      else unknown('involvement', involvement, `Unknown involvement "${involvement}"`);
    const reportedAt = date('reported_at', true);
    const arrivedAt = date('arrived_at', false);
    future('reported_at', reportedAt);
    if (reportedAt && arrivedAt && Date.parse(arrivedAt) < Date.parse(reportedAt))
      fail('arrived_at', 'The officer cannot arrive before the call was reported', 'arrived_before_reported');
    const emergencyReason = get('emergency_reason') || null;
    if (emergencyReason && emergencyReason.length > 1000)
      fail('emergency_reason', 'Longer than 1000 characters', 'too_long', { max: 1000 });
    for (const token of list(get('actions'))) {
      const [head, atCell] = token.split('@') as [string, string | undefined];
      const [action, ...mods] = head.split(':').map((s) => s.trim());
      if (!action || !ACTION_SET.has(action)) unknown('actions', action ?? '', `Unknown action "${action ?? ''}"`);
      const badMod = mods.find((m) => m !== 'emergency' && m !== 'parent_notified');
      if (badMod)
        fail(
          'actions',
          `Unknown action modifier "${badMod}" (use :emergency or :parent_notified)`,
          'unknown_modifier',
          {
            value: badMod,
          },
        );
      const emergency = mods.includes('emergency');
      if (emergency && !emergencyReason)
        fail(
          'emergency_reason',
          `Action "${action}" is marked :emergency but no emergency_reason is given`,
          'emergency_without_reason',
          { value: action ?? '' },
        );
      const at = atCell === undefined ? (arrivedAt ?? reportedAt) : isoOrNull(atCell.trim());
      if (atCell !== undefined && !at)
        fail('actions', `Action time after @ is not an ISO 8601 date-time: "${atCell}"`, 'not_datetime', {
          value: atCell,
        });
      if (atCell !== undefined) future('actions', at);
      if (action && ACTION_SET.has(action) && at)
        actions.push({
          action: action as SroAction,
          at,
          emergency,
          emergencyReason: emergency ? emergencyReason : null,
          parentNotified: mods.includes('parent_notified'),
        });
    }
    if (officerId && PURPOSE_SET.has(purpose) && INVOLVEMENT_SET.has(involvement) && reportedAt)
      contact = {
        key: `${officerId}|${reportedAt}`,
        sameKey: `${purpose}|${involvement}|${arrivedAt ?? ''}`,
        officerId,
        purpose: purpose as ContactPurpose,
        involvement: involvement as Involvement,
        reportedAt,
        arrivedAt,
      };
  } else
    for (const c of contactCells) fail(c, 'Given without officer_email', 'given_without', { other: 'officer_email' });

  let review: ParsedRow['review'] = null;
  const reviewCells = (['review_decision', 'reviewed_at', 'reviewer_email', 'review_note'] as const).filter(
    (c) => get(c) !== '',
  );
  if (reviewCells.length > 0) {
    const decision = get('review_decision');
    if (decision !== 'approved' && decision !== 'declined')
      if (decision === '') fail('review_decision', 'Required for a review', 'required_for_review');
      else unknown('review_decision', decision, `Use approved or declined, not "${decision}"`);
    const reviewedAt = date('reviewed_at', true);
    const reviewerEmail = get('reviewer_email').toLowerCase();
    const reviewerId = lk.reviewersByEmail.get(reviewerEmail);
    if (!reviewerId)
      if (reviewerEmail === '') fail('reviewer_email', 'Required for a review', 'required_for_review');
      else
        fail(
          'reviewer_email',
          `Unknown reviewer: no active administrator of this district has email "${get('reviewer_email')}"`,
          'unknown_reviewer',
          { value: get('reviewer_email') },
        );
    const note = get('review_note');
    if (note.length > 2000) fail('review_note', 'Longer than 2000 characters', 'too_long', { max: 2000 });
    if (reviewerId && reviewedAt && (decision === 'approved' || decision === 'declined'))
      review = { reviewerId, reviewedAt, decision, note };
  }

  let outside: ParsedRow['outside'] = null;
  const outsideCells = (
    ['outside_kind', 'outside_officer', 'outside_agency', 'outside_badge', 'referred_by_email', 'outside_at'] as const
  ).filter((c) => get(c) !== '');
  if (outsideCells.length > 0) {
    const kind = get('outside_kind');
    if (kind !== 'referral' && kind !== 'arrest')
      if (kind === '') fail('outside_kind', 'Required for a referral or arrest', 'required_for_outside');
      else unknown('outside_kind', kind, `Use referral or arrest, not "${kind}"`);
    if (!student)
      fail('outside_kind', "A referral or arrest needs the row's student_local_id", 'outside_needs_student');
    const officerName = get('outside_officer');
    const agency = get('outside_agency');
    if (officerName === '') fail('outside_officer', 'Required for a referral or arrest', 'required_for_outside');
    if (agency === '') fail('outside_agency', 'Required for a referral or arrest', 'required_for_outside');
    if (officerName.length > 200) fail('outside_officer', 'Longer than 200 characters', 'too_long', { max: 200 });
    if (agency.length > 200) fail('outside_agency', 'Longer than 200 characters', 'too_long', { max: 200 });
    const badge = get('outside_badge');
    if (badge.length > 50) fail('outside_badge', 'Longer than 50 characters', 'too_long', { max: 50 });
    const staffEmail = get('referred_by_email').toLowerCase();
    const referredBy = staffEmail === '' ? null : (lk.staffByEmail.get(staffEmail) ?? null);
    if (staffEmail !== '' && !referredBy)
      fail(
        'referred_by_email',
        `Unknown staff member: no active account of this district has email "${staffEmail}"`,
        'unknown_staff',
        { value: staffEmail },
      );
    if (staffEmail === '' && kind === 'referral')
      fail('referred_by_email', 'Required for a referral', 'required_for_outside');
    const at = get('outside_at') === '' ? occurredAt : date('outside_at', false);
    future('outside_at', at);
    if (kind === 'arrest' && !offenseAlleged) fail('outside_kind', OFFENSE_REASON, 'needs_offense_alleged');
    if ((kind === 'referral' || kind === 'arrest') && at)
      outside = { kind, referredBy, officerName, agency, badgeNumber: badge || null, at, behavior: null };
  }
  // As the API (incident.validate.ts): a citation or arrest stands on an alleged offense.
  if (!offenseAlleged && actions.some((a) => OFFENSE_ACTIONS.includes(a.action)))
    fail('actions', OFFENSE_REASON, 'needs_offense_alleged');

  if (errors.length > 0) return errors;
  return {
    row: rowNumber,
    ref,
    incidentCells: INCIDENT_LEVEL_COLUMNS.map(get),
    incident: {
      schoolId: schoolId!,
      occurredAt: occurredAt!,
      location: location as IncidentLocation,
      behaviors: behaviors as Behavior[],
      description,
      weapon: weapon as ParsedRow['incident']['weapon'],
      offenseAlleged,
      nibrsCodes: [...new Set(nibrsCodes)],
    },
    student,
    contact,
    actions,
    review,
    outside,
  };
}

const OFFENSE_REASON = 'A citation or arrest needs offense_alleged = true';
