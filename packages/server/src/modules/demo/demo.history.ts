import {
  BEHAVIORS,
  type Behavior,
  type ContactPurpose,
  type IncidentInput,
  type IncidentLocation,
  type SroAction,
  schoolYearOf,
} from '@forefront/contract';
import type { seededRandom } from '../../shared/random.js';
import type { AssembledIncident, ImportedReview } from '../incident-import/import.group.js';
import type { StudentRef } from '../incident-import/import.lookups.js';

type Rnd = ReturnType<typeof seededRandom>;
type Action = IncidentInput['contacts'][number]['actions'][number];

/**
 * The demo's incident history for the public transparency pages: deterministic incidents (for a
 * seed and a day) over the current and the two previous school years, so the figures by year,
 * school and student group mean something. demo.incidents.ts stores them through the bulk
 * import's derivations. Most contacts are for serious matters or emergencies, some are routine
 * discipline (the role drift the pages show); students are drawn with the disparities the
 * national data show (Black students and students with disabilities referred more often).
 */

/** Incidents in the history (the 36 scenario incidents come on top). */
export const HISTORY_INCIDENTS = 2000;

const DAY_MS = 86_400_000;

interface Kind {
  weight: number;
  behaviors: Behavior[];
  purpose: ContactPurpose;
  /** Chance the officer led rather than assisted on request. */
  led: number;
  locations: IncidentLocation[];
  weapon?: IncidentInput['weapon'];
  offense: number;
  students: 0 | 1 | 2;
  /** Chances of each action toward the first student; emergency: actions taken in imminent danger. */
  p: Partial<Record<'refer' | 'cite' | 'arrest' | 'restrain' | 'force' | 'search' | 'question' | 'support', number>>;
  emergency?: boolean;
  description: string;
}

const KINDS: Kind[] = [
  {
    weight: 22,
    behaviors: ['fight_without_weapon'],
    purpose: 'serious_threat_or_crime',
    led: 0.6,
    locations: ['hallway', 'cafeteria', 'grounds', 'gym', 'classroom', 'bus'],
    offense: 0.5,
    students: 2,
    p: { refer: 0.15, arrest: 0.035, restrain: 0.12, force: 0.02, question: 0.5 },
    description: 'Fight between students; separated them and spoke with both.',
  },
  {
    weight: 9,
    behaviors: ['threat_without_weapon', 'bullying_or_harassment'],
    purpose: 'serious_threat_or_crime',
    led: 0.5,
    locations: ['classroom', 'hallway', 'online', 'office'],
    offense: 0.4,
    students: 2,
    p: { refer: 0.13, question: 0.6 },
    description: 'A student threatened another; assessed the threat with the administrator.',
  },
  {
    weight: 5,
    behaviors: ['weapon_possession', 'threat_with_weapon'],
    purpose: 'emergency_response',
    led: 0.9,
    locations: ['grounds', 'hallway', 'parking_lot', 'bus', 'restroom'],
    weapon: 'knife',
    offense: 1,
    students: 1,
    p: { search: 0.9, arrest: 0.35, refer: 0.3, restrain: 0.3 },
    emergency: true,
    description: 'Report of a student with a knife; responded at once.',
  },
  {
    weight: 10,
    behaviors: ['drugs', 'alcohol'],
    purpose: 'serious_threat_or_crime',
    led: 0.6,
    locations: ['restroom', 'parking_lot', 'grounds', 'hallway'],
    offense: 0.7,
    students: 1,
    p: { search: 0.7, refer: 0.18, cite: 0.08, arrest: 0.02, question: 0.5 },
    description: 'Substances found on a student; the administrator searched the bag with the officer present.',
  },
  {
    weight: 8,
    behaviors: ['theft', 'vandalism', 'trespass'],
    purpose: 'serious_threat_or_crime',
    led: 0.4,
    locations: ['hallway', 'gym', 'parking_lot', 'cafeteria'],
    offense: 0.5,
    students: 1,
    p: { question: 0.6, cite: 0.07, refer: 0.03 },
    description: 'Property taken or damaged; took a report.',
  },
  {
    weight: 26,
    behaviors: [
      'classroom_disruption',
      'defiance',
      'tobacco_or_vaping',
      'disorderly_conduct',
      'disrespect_or_profanity',
    ],
    purpose: 'routine_discipline',
    led: 0.25,
    locations: ['classroom', 'classroom', 'hallway', 'cafeteria', 'restroom', 'office'],
    offense: 0,
    students: 1,
    p: { support: 0.4, question: 0.2, cite: 0.04, arrest: 0.01, restrain: 0.03 },
    description: 'Staff asked the officer to help with a student who would not follow directions.',
  },
  {
    weight: 8,
    behaviors: ['threat_without_weapon'],
    purpose: 'emergency_response',
    led: 0.5,
    locations: ['classroom', 'office', 'grounds'],
    offense: 0,
    students: 1,
    p: { restrain: 0.3, support: 0.8, refer: 0.02 },
    emergency: true,
    description:
      'A student in crisis threatening to hurt themself or others; stayed until the counselor and family arrived.',
  },
  {
    weight: 6,
    behaviors: [],
    purpose: 'mentoring_or_teaching',
    led: 0,
    locations: ['classroom', 'gym', 'school_event'],
    offense: 0,
    students: 0,
    p: {},
    description: "Talk with students on safety, at the teacher's invitation.",
  },
];
const ROUTINE = KINDS[5]!;
const TOTAL_WEIGHT = KINDS.reduce((n, k) => n + k.weight, 0);

function pickKind(rnd: Rnd): Kind {
  let x = rnd.next() * TOTAL_WEIGHT;
  for (const k of KINDS) if ((x -= k.weight) < 0) return k;
  return KINDS[0]!;
}

/** Minutes from the call to the officer's arrival: mostly within ten, a long tail. */
function arrivalSeconds(rnd: Rnd): number | null {
  const x = rnd.next();
  if (x < 0.08) return null;
  const [lo, hi] =
    x < 0.4
      ? [20, 119]
      : x < 0.7
        ? [120, 299]
        : x < 0.87
          ? [300, 599]
          : x < 0.95
            ? [600, 1199]
            : x < 0.985
              ? [1200, 3599]
              : [3600, 5400];
  return rnd.int(lo, hi);
}

/** The current school year and the two before it, oldest first. */
export function historyYears(today: Date): string[] {
  const current = Number(schoolYearOf(today.toISOString().slice(0, 10)).slice(0, 4));
  return [current - 2, current - 1, current].map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
}

/** Weekdays from 20 August to 12 June but the winter break, from two school years back to yesterday, by school year (none yet in summer). */
export function schoolDays(today: Date): Map<string, string[]> {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const first = Number(historyYears(today)[0]!.slice(0, 4));
  const out = new Map<string, string[]>();
  for (let t = Date.UTC(first, 7, 20); t < midnight; t += DAY_MS) {
    const d = new Date(t);
    const md = d.toISOString().slice(5, 10);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || (md > '06-12' && md < '08-20') || md > '12-20' || md < '01-03')
      continue;
    const iso = d.toISOString().slice(0, 10);
    const year = schoolYearOf(iso);
    (out.get(year) ?? out.set(year, []).get(year)!).push(iso);
  }
  return out;
}

export interface HistorySchool {
  id: string;
  /** Roster of the school with each student's demographics (lookups of the import). */
  students: StudentRef[];
  officerId: string;
  /** How often incidents happen here, relative to other schools. */
  weight: number;
}

export interface HistoryIncident {
  incident: AssembledIncident;
  officerId: string;
  state: 'submitted' | 'reviewed' | 'closed';
}

/** Draws a student: twice as likely Black, 1.8 times with an IEP, 1.4 times a boy (rejection sampling). */
function pickStudent(rnd: Rnd, school: HistorySchool, not: Set<string>): StudentRef {
  for (;;) {
    const s = school.students[rnd.int(0, school.students.length - 1)]!;
    const w =
      (s.roster.race === 'BL' ? 2 : 1) * (Number(s.roster.idea) === 1 ? 1.8 : 1) * (s.roster.sex === 'M' ? 1.4 : 1);
    if (!not.has(s.id) && rnd.next() * 5.04 < w) return s;
  }
}

export function buildIncident(
  rnd: Rnd,
  kind: Kind,
  school: HistorySchool,
  day: string,
  adminId: string,
  today: Date,
  force: { refer?: boolean; arrest?: boolean } = {},
): HistoryIncident {
  const start = Date.parse(`${day}T12:30:00.000Z`) + rnd.int(0, 30) * 15 * 60_000;
  const at = (m: number) => new Date(start + m * 60_000).toISOString();
  const chosen = new Set<string>();
  const students = Array.from({ length: kind.students }, () => {
    const s = pickStudent(rnd, school, chosen);
    chosen.add(s.id);
    return s;
  });
  const behavior = kind.behaviors.length ? rnd.pick(kind.behaviors) : null;
  const offense = behavior !== null && rnd.next() < kind.offense && BEHAVIORS[behavior].nibrs.length > 0;
  const arrival = arrivalSeconds(rnd);
  const emergency = Boolean(kind.emergency);
  const actions: Action[] = [];
  const reviews: ImportedReview[] = [];
  const act = (action: SroAction, minutes: number, extra: Partial<Action> = {}) =>
    actions.push({
      action,
      studentId: students[0]?.id ?? null,
      at: at(minutes),
      emergency,
      emergencyReason: emergency ? 'Imminent danger to the student or others' : null,
      parentNotified: false,
      ...extra,
    });
  const chance = (k: keyof Kind['p']) => students.length > 0 && rnd.next() < (kind.p[k] ?? 0);
  if (students.length) {
    if (chance('question')) act('questioned', 10, { parentNotified: rnd.next() < 0.75 });
    if (chance('search')) act('searched', 12);
    if (chance('restrain'))
      act('restrained_physical', 5, { emergency: true, emergencyReason: 'Hitting another student' });
    if (chance('force')) act('used_force', 6, { emergency: true, emergencyReason: 'Hitting another student' });
    if (chance('support')) act('referred_to_support', 30);
    const arrest = force.arrest ?? chance('arrest');
    const refer = !arrest && (force.refer ?? chance('refer'));
    const cite = !arrest && !refer && force.refer === undefined && chance('cite');
    const enforcement: SroAction | null = arrest
      ? 'arrested'
      : refer
        ? 'referred_to_law_enforcement'
        : cite
          ? 'cited'
          : null;
    if (arrest && rnd.next() < 0.5)
      act('restrained_mechanical', 48, {
        emergency: true,
        emergencyReason: 'Resisting while being taken into custody',
      });
    if (enforcement) {
      act(enforcement, 50);
      // Most enforcement follows an administrator's review, as the MOU asks; some does not.
      if (!emergency && rnd.next() < 0.8)
        reviews.push({
          studentId: students[0]!.id,
          reviewerId: adminId,
          reviewedAt: at(40),
          decision: 'approved',
          note: 'Reviewed with the officer.',
        });
    }
  }
  const input: IncidentInput = {
    schoolId: school.id,
    occurredAt: at(0),
    location: rnd.pick(kind.locations),
    behaviors: behavior ? [behavior] : [],
    description: kind.description,
    weapon: kind.weapon ?? 'none',
    offenseAlleged: offense,
    nibrsCodes: offense && behavior ? [BEHAVIORS[behavior].nibrs[0]!] : [],
    students: students.map((s, i) => ({
      studentId: s.id,
      role:
        i === 0
          ? 'offender'
          : kind.students === 2 && kind.purpose === 'serious_threat_or_crime' && rnd.next() < 0.5
            ? 'offender'
            : 'victim',
    })),
    contacts: [
      {
        officerId: school.officerId,
        purpose: kind.purpose,
        involvement: rnd.next() < kind.led ? 'led' : 'assisted_on_request',
        reportedAt: at(0),
        arrivedAt: arrival === null ? null : new Date(start + arrival * 1000).toISOString(),
        actions,
      },
    ],
  };
  const age = (today.getTime() - start) / DAY_MS;
  const state = age > 45 ? 'closed' : age > 10 && rnd.next() < 0.6 ? 'reviewed' : 'submitted';
  return {
    incident: {
      ref: `demo-${day}-${school.id}`,
      firstRow: 0,
      input,
      students: new Map(students.map((s) => [s.id, s])),
      reviews,
    },
    officerId: school.officerId,
    state,
  };
}

/**
 * The history: the small school gets one to three students referred a year and a few incidents
 * without a referral; the rest of HISTORY_INCIDENTS are spread over the other schools by weight
 * and over the school days.
 */
export function historyIncidents(
  rnd: Rnd,
  schools: readonly HistorySchool[],
  smallIndex: number,
  adminId: string,
  today: Date,
): HistoryIncident[] {
  const days = schoolDays(today);
  const out: HistoryIncident[] = [];
  const small = schools[smallIndex]!;
  for (const yearDays of days.values()) {
    const referred = new Set<string>();
    const k = rnd.int(1, 3);
    for (let i = 0; i < k + rnd.int(2, 5); i++) {
      const inc = buildIncident(
        rnd,
        ROUTINE,
        { ...small, students: small.students.filter((s) => !referred.has(s.id)) },
        rnd.pick(yearDays),
        adminId,
        today,
        { refer: i < k, arrest: false },
      );
      if (i < k) referred.add(inc.incident.input.students[0]!.studentId);
      out.push(inc);
    }
  }
  const others = schools.filter((_, i) => i !== smallIndex);
  const total = others.reduce((n, s) => n + s.weight, 0);
  const allDays = [...days.values()].flat();
  while (out.length < HISTORY_INCIDENTS) {
    let x = rnd.next() * total;
    const school = others.find((s) => (x -= s.weight) < 0) ?? others[0]!;
    out.push(buildIncident(rnd, pickKind(rnd), school, rnd.pick(allDays), adminId, today));
  }
  return out.sort((a, b) => a.incident.input.occurredAt.localeCompare(b.incident.input.occurredAt));
}
