import type { AdminReviewInput, IncidentInput, IncidentState } from '@forefront/contract';

/**
 * The kinds of day an SRO program has, as incident templates for the demo: most are within the
 * MOU (serious matters led by the officer after an administrator's review, routine ones where the
 * officer only helps), and some are the role drift the dashboard exists to show (an officer
 * arresting a student for disrupting class, citing for vaping, questioning without a parent).
 */
export interface Scenario {
  key: string;
  /** Who logs it: the officer, or the school administrator (no officer involved). */
  by: 'officer' | 'admin';
  state: IncidentState;
  input: (a: ScenarioArgs) => Omit<IncidentInput, 'schoolId' | 'occurredAt'>;
  /** Reviews recorded by an administrator, minutes after the incident began. */
  reviews?: { minutes: number; decision: AdminReviewInput['decision']; student: 0 | null; note: string }[];
  /** An edit after submission, so the history has a prior version. */
  edit?: (input: IncidentInput) => IncidentInput;
}

export interface ScenarioArgs {
  officerId: string;
  students: [string, string];
  /** ISO time `minutes` after the incident began. */
  at: (minutes: number) => string;
}

const act = (
  a: ScenarioArgs,
  action: IncidentInput['contacts'][number]['actions'][number]['action'],
  student: string | null,
  minutes: number,
  extra: Partial<IncidentInput['contacts'][number]['actions'][number]> = {},
) => ({
  action,
  studentId: student,
  at: a.at(minutes),
  emergency: false,
  emergencyReason: null,
  parentNotified: false,
  ...extra,
});

export const SCENARIOS: Scenario[] = [
  {
    key: 'fight_reviewed_referral',
    by: 'officer',
    state: 'reviewed',
    input: (a) => ({
      location: 'hallway',
      behaviors: ['fight_without_weapon'],
      description:
        'Two students fighting between classes; one injured. Separated both, called the assistant principal.',
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: ['13B'],
      students: [
        { studentId: a.students[0], role: 'offender' },
        { studentId: a.students[1], role: 'victim' },
      ],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'serious_threat_or_crime',
          involvement: 'led',
          reportedAt: a.at(0),
          arrivedAt: a.at(3),
          actions: [
            act(a, 'de_escalated', null, 4),
            act(a, 'questioned', a.students[0], 20, { parentNotified: true }),
            act(a, 'referred_to_law_enforcement', a.students[0], 45),
          ],
        },
      ],
    }),
    reviews: [
      {
        minutes: 30,
        decision: 'approved',
        student: 0,
        note: 'Victim injured; referral approved after talking with both families.',
      },
    ],
  },
  {
    key: 'disruption_assist',
    by: 'officer',
    state: 'submitted',
    input: (a) => ({
      location: 'classroom',
      behaviors: ['classroom_disruption'],
      description:
        'Teacher asked for help with a student refusing to leave class; stood by while the counselor talked with the student.',
      weapon: 'none',
      offenseAlleged: false,
      nibrsCodes: [],
      students: [{ studentId: a.students[0], role: 'offender' }],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'routine_discipline',
          involvement: 'assisted_on_request',
          reportedAt: a.at(0),
          arrivedAt: a.at(4),
          actions: [act(a, 'observed', null, 5), act(a, 'referred_to_support', a.students[0], 15)],
        },
      ],
    }),
    edit: (input) => ({ ...input, description: `${input.description} The student went back to class after lunch.` }),
  },
  {
    key: 'disruption_arrest',
    by: 'officer',
    state: 'submitted',
    input: (a) => ({
      location: 'classroom',
      behaviors: ['classroom_disruption', 'defiance'],
      description:
        'Student shouting and refusing to leave class. Removed the student and arrested for disorderly behavior.',
      weapon: 'none',
      // The officer alleged disorderly conduct: an arrest needs an alleged offense (issue 12).
      offenseAlleged: true,
      nibrsCodes: [],
      students: [{ studentId: a.students[0], role: 'offender' }],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'routine_discipline',
          involvement: 'led',
          reportedAt: a.at(0),
          arrivedAt: a.at(2),
          actions: [act(a, 'restrained_mechanical', a.students[0], 10), act(a, 'arrested', a.students[0], 12)],
        },
      ],
    }),
  },
  {
    key: 'vaping_citation',
    by: 'officer',
    state: 'submitted',
    input: (a) => ({
      location: 'restroom',
      behaviors: ['tobacco_or_vaping'],
      description: 'Student vaping in the restroom; citation issued.',
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: [],
      students: [{ studentId: a.students[0], role: 'offender' }],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'routine_discipline',
          involvement: 'led',
          reportedAt: a.at(0),
          arrivedAt: a.at(5),
          actions: [act(a, 'searched', a.students[0], 6), act(a, 'cited', a.students[0], 15)],
        },
      ],
    }),
  },
  {
    key: 'weapon_threat_emergency',
    by: 'officer',
    state: 'closed',
    input: (a) => ({
      location: 'grounds',
      behaviors: ['threat_with_weapon'],
      description: 'Student threatened another with a knife near the bus loop. Officer responded immediately.',
      weapon: 'knife',
      offenseAlleged: true,
      nibrsCodes: ['13C'],
      students: [
        { studentId: a.students[0], role: 'offender' },
        { studentId: a.students[1], role: 'victim' },
      ],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'emergency_response',
          involvement: 'led',
          reportedAt: a.at(0),
          arrivedAt: a.at(1),
          actions: [
            act(a, 'restrained_physical', a.students[0], 2, {
              emergency: true,
              emergencyReason: 'Knife drawn; another student in immediate danger',
            }),
            act(a, 'searched', a.students[0], 3, { emergency: true, emergencyReason: 'Recovering the knife' }),
            act(a, 'arrested', a.students[0], 10, {
              emergency: true,
              emergencyReason: 'Imminent danger to another student',
            }),
          ],
        },
      ],
    }),
  },
  {
    key: 'mentoring_class',
    by: 'officer',
    state: 'submitted',
    input: (a) => ({
      location: 'classroom',
      behaviors: [],
      description: "Taught a lesson on internet safety at the teacher's invitation.",
      weapon: 'none',
      offenseAlleged: false,
      nibrsCodes: [],
      students: [],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'mentoring_or_teaching',
          involvement: 'assisted_on_request',
          reportedAt: a.at(0),
          arrivedAt: null,
          actions: [],
        },
      ],
    }),
  },
  {
    key: 'defiance_questioned',
    by: 'officer',
    state: 'submitted',
    input: (a) => ({
      location: 'office',
      behaviors: ['defiance'],
      description: 'Assistant principal asked for help; questioned the student about a missing phone.',
      weapon: 'none',
      offenseAlleged: false,
      nibrsCodes: [],
      students: [{ studentId: a.students[0], role: 'offender' }],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'routine_discipline',
          involvement: 'assisted_on_request',
          reportedAt: a.at(0),
          arrivedAt: a.at(6),
          actions: [act(a, 'questioned', a.students[0], 10)],
        },
      ],
    }),
  },
  {
    key: 'drugs_referral',
    by: 'officer',
    state: 'reviewed',
    input: (a) => ({
      location: 'parking_lot',
      behaviors: ['drugs'],
      description: "Report of a student selling pills in the parking lot. Searched the student's bag and found pills.",
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: ['35A'],
      students: [
        { studentId: a.students[0], role: 'offender' },
        { studentId: a.students[1], role: 'reporter' },
      ],
      contacts: [
        {
          officerId: a.officerId,
          purpose: 'serious_threat_or_crime',
          involvement: 'led',
          reportedAt: a.at(0),
          arrivedAt: a.at(8),
          actions: [act(a, 'searched', a.students[0], 12), act(a, 'referred_to_law_enforcement', a.students[0], 50)],
        },
      ],
    }),
    reviews: [{ minutes: 40, decision: 'approved', student: 0, note: 'Approved the referral.' }],
  },
  {
    key: 'cell_phone_staff',
    by: 'admin',
    state: 'submitted',
    input: (a) => ({
      location: 'classroom',
      behaviors: ['cell_phone'],
      description: 'Phone taken during a test; returned to a parent.',
      weapon: 'none',
      offenseAlleged: false,
      nibrsCodes: [],
      students: [{ studentId: a.students[0], role: 'offender' }],
      contacts: [],
    }),
  },
];

/**
 * Issue 12: a principal calls 911 about a fight and a patrol officer of the city police (not an
 * SRO, no Forefront account) takes the referral. CRDC counts it as a referral to law enforcement.
 */
export function principal911Input(
  a: Pick<ScenarioArgs, 'students' | 'at'>,
  schoolId: string,
  principalId: string,
): IncidentInput {
  return {
    schoolId,
    occurredAt: a.at(0),
    location: 'cafeteria',
    behaviors: ['fight_without_weapon'],
    description: 'Fight at lunch; one student hurt. The principal called 911 and a patrol officer took the report.',
    weapon: 'none',
    offenseAlleged: true,
    nibrsCodes: ['13B'],
    students: [
      { studentId: a.students[0], role: 'offender' },
      { studentId: a.students[1], role: 'victim' },
    ],
    contacts: [],
    outsideReferrals: [
      {
        kind: 'referral',
        studentId: a.students[0],
        referredBy: principalId,
        officerName: 'Officer Dana Morales',
        agency: 'Riverside Police Department (patrol)',
        badgeNumber: '4471',
        at: a.at(5),
        behavior: 'fight_without_weapon',
      },
    ],
  };
}
