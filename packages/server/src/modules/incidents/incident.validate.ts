import { BEHAVIORS, type IncidentInput, OFFENSE_ACTIONS, localDate } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { AppError, type Issue, ValidationError } from '../../shared/errors.js';
import { loadClock } from '../districts/district.clock.js';
import { type SnapshotWithSchool, demographicSnapshots } from '../students/student.snapshot.js';
import { findActiveOfficerIds, findActiveUserIds } from './incident.repository.js';

/** Clock skew we tolerate between a phone and the server before calling a time "in the future". */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * The rules the schema cannot express, checked against the database before anything is written.
 * Every problem is reported at once (with its field path) so the officer fixes the form in one go.
 * Returns the students' demographic snapshots as of the incident date, which the save stores.
 */
export async function validateIncidentInput(
  db: Db,
  districtId: string,
  input: IncidentInput,
  opts: { creatorSroId: string | null; now?: number },
): Promise<Map<string, SnapshotWithSchool>> {
  const issues: Issue[] = [];
  const now = opts.now ?? Date.now();
  if (Date.parse(input.occurredAt) > now + FUTURE_SKEW_MS)
    issues.push({ path: 'occurredAt', message: 'The incident date cannot be in the future', code: 'in_future' });

  // Students: each once, each on the district's roster.
  const studentIds = input.students.map((s) => s.studentId);
  const seen = new Set<string>();
  input.students.forEach((s, i) => {
    if (seen.has(s.studentId))
      issues.push({ path: `students.${i}.studentId`, message: 'This student is listed twice', code: 'listed_twice' });
    seen.add(s.studentId);
  });
  // As of the incident's day on the district's calendar (roster dates are local dates).
  const day = localDate(input.occurredAt, (await loadClock(db, districtId)).timeZone);
  const snapshots = await demographicSnapshots(db, districtId, studentIds, day);
  input.students.forEach((s, i) => {
    if (!snapshots.has(s.studentId))
      issues.push({
        path: `students.${i}.studentId`,
        message: 'This student is not on the district roster',
        code: 'not_on_roster',
      });
  });

  // Officers: active SRO accounts of this district.
  const officers = await findActiveOfficerIds(
    db,
    districtId,
    input.contacts.map((c) => c.officerId),
  );
  input.contacts.forEach((c, ci) => {
    if (!officers.has(c.officerId))
      issues.push({
        path: `contacts.${ci}.officerId`,
        message: 'Not an active school resource officer of this district',
        code: 'officer_not_active',
      });
    if (c.arrivedAt && Date.parse(c.arrivedAt) < Date.parse(c.reportedAt))
      issues.push({
        path: `contacts.${ci}.arrivedAt`,
        message: 'The officer cannot arrive before the call was reported',
        code: 'arrival_before_report',
      });
    if (Date.parse(c.reportedAt) > now + FUTURE_SKEW_MS)
      issues.push({
        path: `contacts.${ci}.reportedAt`,
        message: 'This time cannot be in the future',
        code: 'in_future',
      });
    c.actions.forEach((a, ai) => {
      const path = `contacts.${ci}.actions.${ai}`;
      if (a.behavior && !input.behaviors.includes(a.behavior))
        issues.push({
          path: `${path}.behavior`,
          message: 'Choose one of the incident’s behaviors',
          code: 'behavior_not_chosen',
        });
      if (OFFENSE_ACTIONS.includes(a.action) && !input.offenseAlleged)
        issues.push({ path: `${path}.action`, message: OFFENSE_MESSAGE, code: 'offense_not_alleged' });
      if (a.studentId !== null && !seen.has(a.studentId))
        issues.push({
          path: `${path}.studentId`,
          message: 'Add this student to the incident first',
          code: 'add_student_first',
        });
      if (a.emergency && !a.emergencyReason)
        issues.push({
          path: `${path}.emergencyReason`,
          message: 'Say why this was an emergency',
          code: 'emergency_reason',
        });
      if (Date.parse(a.at) > now + FUTURE_SKEW_MS)
        issues.push({ path: `${path}.at`, message: 'This time cannot be in the future', code: 'in_future' });
    });
  });
  issues.push(...(await outsideReferralIssues(db, districtId, input, seen, now)));

  if (opts.creatorSroId && !input.contacts.some((c) => c.officerId === opts.creatorSroId))
    issues.push({ path: 'contacts', message: 'Add your own contact with this incident', code: 'own_contact' });

  // NIBRS codes: only when an offense is alleged, and only codes of the chosen behaviors, so
  // routine misbehavior can never be coded as a crime.
  if (input.nibrsCodes.length && !input.offenseAlleged)
    issues.push({
      path: 'nibrsCodes',
      message: 'NIBRS codes are only for an alleged offense',
      code: 'nibrs_without_offense',
    });
  else {
    const allowed = new Set(input.behaviors.flatMap((b) => BEHAVIORS[b].nibrs as readonly string[]));
    input.nibrsCodes.forEach((code, i) => {
      if (!allowed.has(code))
        issues.push({
          path: `nibrsCodes.${i}`,
          message: `${code} is not a NIBRS code of the chosen behaviors`,
          code: 'nibrs_not_of_behavior',
          params: { value: code },
        });
    });
  }
  if (new Set(input.behaviors).size !== input.behaviors.length)
    issues.push({ path: 'behaviors', message: 'A behavior is listed twice', code: 'listed_twice' });

  if (issues.length) {
    const message = issues.length === 1 ? issues[0]!.message : 'Some fields need attention';
    // Its own code, so the web app can say it in the reader's language.
    if (issues.some((i) => i.code === 'offense_not_alleged'))
      throw new AppError(400, 'offense_not_alleged', message, issues);
    throw new ValidationError(message, issues);
  }
  return snapshots;
}

const OFFENSE_MESSAGE = 'A citation or arrest needs an alleged offense: check "Offense alleged" or remove the action';

/**
 * Referrals to and arrests by law enforcement outside Forefront: the student is on the incident,
 * a referral names the staff member who made it (an active account of the district), and an
 * arrest, like an SRO's, stands on an alleged offense.
 */
async function outsideReferralIssues(
  db: Db,
  districtId: string,
  input: IncidentInput,
  studentIds: ReadonlySet<string>,
  now: number,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const refs = input.outsideReferrals ?? [];
  const staff = await findActiveUserIds(
    db,
    districtId,
    refs.flatMap((r) => (r.referredBy ? [r.referredBy] : [])),
  );
  refs.forEach((r, i) => {
    const path = `outsideReferrals.${i}`;
    if (!studentIds.has(r.studentId))
      issues.push({
        path: `${path}.studentId`,
        message: 'Add this student to the incident first',
        code: 'add_student_first',
      });
    if (r.referredBy === null && r.kind === 'referral')
      issues.push({
        path: `${path}.referredBy`,
        message: 'Say which staff member made the referral',
        code: 'referred_by_required',
      });
    if (r.referredBy !== null && !staff.has(r.referredBy))
      issues.push({
        path: `${path}.referredBy`,
        message: 'Not an active staff member of this district',
        code: 'staff_not_active',
      });
    if (r.behavior && !input.behaviors.includes(r.behavior))
      issues.push({
        path: `${path}.behavior`,
        message: 'Choose one of the incident’s behaviors',
        code: 'behavior_not_chosen',
      });
    if (r.kind === 'arrest' && !input.offenseAlleged)
      issues.push({ path: `${path}.kind`, message: OFFENSE_MESSAGE, code: 'offense_not_alleged' });
    if (Date.parse(r.at) > now + FUTURE_SKEW_MS)
      issues.push({ path: `${path}.at`, message: 'This time cannot be in the future', code: 'in_future' });
  });
  return issues;
}
