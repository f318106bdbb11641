import {
  type DistrictClock,
  type Flag,
  type IncidentInput,
  type IncidentState,
  RESPONSE_BUCKETS,
  WEAPON_BEHAVIORS,
} from '@forefront/contract';
import { responseSeconds, schoolYearOfIncident } from '../incidents/incident.derive.js';

/**
 * The transparency figures (issue 4; docs/transparency.md), stored in `transparency_counts` per
 * (district, school_year, school_id) as (measure, key) -> value. The school is always a school;
 * a district figure is the sum over its schools. A missing row means 0. Drafts never count: only
 * submitted, reviewed and closed incidents do. The school year is schoolYearOfIncident(occurred_at) on the district's clock.
 *
 * Incident measures (this file, one incident at a time; at the incident's own school):
 * - `incidents` `*`: incidents.
 * - `incident_type` <behavior>: incidents coded with that behavior (an incident counts under each
 *   of its behaviors, so the keys do not add up to `incidents`).
 * - `contacts` <purpose>: SRO contacts by purpose; the sum is all contacts.
 * - `classroom_contacts` `*`: contacts in incidents located in a classroom (BJS measure).
 * - `violations` <flag kind>: role-clarity flags against the MOU in force; the sum is all violations.
 * - `force` <action>: restrained_physical / restrained_mechanical / used_force actions.
 * - `response` <bucket>: contacts with an arrival time, by minutes from report to arrival, [from, to).
 * - `weapon_incidents` `*`: incidents coded with at least one weapon offense (WEAPON_BEHAVIORS), once each.
 *
 * Student measures (distinct students; keys `all:*`, `race:<code>`, `sex:<M|F|X>`,
 * `disability:<idea|section504_only|no_disability>`, `english_learner:<english_learner|not_english_learner>`):
 * - `enrolled`: active students on the roster as of a snapshot date (transparency.enrollment.ts).
 * - `referred` / `arrested`: students with referrals > 0 / arrests > 0 in `transparency_students`
 *   (one row per student, school year and the student's own school, recomputed from
 *   incident_students on every write: transparency.aggregates.ts).
 * transparency.rebuild.ts recomputes everything but `enrolled` from the raw tables.
 */

export const INCIDENT_MEASURES = [
  'incidents',
  'incident_type',
  'contacts',
  'classroom_contacts',
  'violations',
  'force',
  'response',
  'weapon_incidents',
] as const;
export const STUDENT_MEASURES = ['enrolled', 'referred', 'arrested'] as const;
export type TransparencyMeasure = (typeof INCIDENT_MEASURES)[number] | (typeof STUDENT_MEASURES)[number];

export const FORCE_ACTIONS = ['restrained_physical', 'restrained_mechanical', 'used_force'] as const;

/** Whether an incident in this state counts in the public figures. */
export const countsPublicly = (state: string) => state !== ('draft' satisfies IncidentState);

/** One count's change (or value) at one school in one school year. */
export interface CountDelta {
  schoolYear: string;
  schoolId: string;
  measure: TransparencyMeasure;
  key: string;
  value: number;
}

/** The bucket of RESPONSE_BUCKETS ('0-2', ..., '60+', minutes, [from, to)) a response time falls in. */
export function responseBucket(seconds: number): (typeof RESPONSE_BUCKETS)[number] {
  for (const b of RESPONSE_BUCKETS) {
    const to = b.split('-')[1];
    if (to === undefined || seconds < Number(to) * 60) return b;
  }
  return RESPONSE_BUCKETS[RESPONSE_BUCKETS.length - 1]!;
}

/** The student-group keys one student counts under (all five dimensions, disjoint within each). */
export function studentGroupKeys(s: {
  race: string;
  sex: string;
  idea: number | boolean;
  section504: number | boolean;
  englishLearner: number | boolean;
}): string[] {
  const disability = Number(s.idea) === 1 ? 'idea' : Number(s.section504) === 1 ? 'section504_only' : 'no_disability';
  return [
    'all:*',
    `race:${s.race}`,
    `sex:${s.sex}`,
    `disability:${disability}`,
    `english_learner:${Number(s.englishLearner) === 1 ? 'english_learner' : 'not_english_learner'}`,
  ];
}

/**
 * What one incident contributes to the incident measures (empty for a draft). Like
 * driftContribution: a write subtracts the old contribution and adds the new one; the bulk import
 * only adds.
 */
export function transparencyContribution(
  incident: Pick<IncidentInput, 'schoolId' | 'occurredAt' | 'location' | 'behaviors' | 'contacts'>,
  flags: readonly Pick<Flag, 'kind'>[],
  state: string,
  clock: DistrictClock,
): CountDelta[] {
  if (!countsPublicly(state)) return [];
  const schoolYear = schoolYearOfIncident(incident.occurredAt, clock);
  const out = new Map<string, CountDelta>();
  const add = (measure: TransparencyMeasure, key: string, n = 1) => {
    const k = `${measure}|${key}`;
    const d = out.get(k);
    if (d) d.value += n;
    else out.set(k, { schoolYear, schoolId: incident.schoolId, measure, key, value: n });
  };
  add('incidents', '*');
  for (const b of new Set(incident.behaviors)) add('incident_type', b);
  if (incident.behaviors.some((b) => (WEAPON_BEHAVIORS as readonly string[]).includes(b))) add('weapon_incidents', '*');
  for (const c of incident.contacts) {
    add('contacts', c.purpose);
    if (incident.location === 'classroom') add('classroom_contacts', '*');
    const s = responseSeconds(c.reportedAt, c.arrivedAt);
    if (s !== null) add('response', responseBucket(s));
    for (const a of c.actions) if ((FORCE_ACTIONS as readonly string[]).includes(a.action)) add('force', a.action);
  }
  for (const f of flags) add('violations', f.kind);
  return [...out.values()];
}

/** The students whose transparency_students rows an incident touches: (student, school year). */
export function studentYearKeys(
  incident: Pick<IncidentInput, 'occurredAt' | 'students'>,
  state: string,
  clock: DistrictClock,
): { studentId: string; schoolYear: string }[] {
  if (!countsPublicly(state)) return [];
  const schoolYear = schoolYearOfIncident(incident.occurredAt, clock);
  return incident.students.map((s) => ({ studentId: s.studentId, schoolYear }));
}
