import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_KEYS,
  CONTACT_PURPOSES,
  FLAG_KINDS,
  INCIDENT_STATES,
  INVOLVEMENTS,
  LOCATIONS,
  RACES,
  RECORD_CLASSES,
  SEXES,
  SRO_ACTIONS,
  STUDENT_ROLES,
  WEAPONS,
} from '@forefront/contract';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import type { IncidentDetail } from '@forefront/contract';
import { allowedNibrs, draftOf, extraProblems, newDraft, toInput } from './incident-draft';

type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, path: string) =>
  path
    .split('.')
    .reduce<string | Tree | undefined>((node, k) => (node && typeof node === 'object' ? node[k] : undefined), tree);

/** Keys built at run time (t(`incidents.behaviors.${b}`)) that the static scan in i18n.test.ts cannot see. */
const dynamicKeys = [
  ...BEHAVIOR_KEYS.map((k) => `incidents.behaviors.${k}`),
  ...['routine', 'serious'].map((k) => `incidents.seriousness.${k}`),
  ...LOCATIONS.map((k) => `incidents.locations.${k}`),
  ...WEAPONS.map((k) => `incidents.weapons.${k}`),
  ...CONTACT_PURPOSES.map((k) => `incidents.purposes.${k}`),
  ...INVOLVEMENTS.map((k) => `incidents.involvements.${k}`),
  ...SRO_ACTIONS.map((k) => `incidents.actions.${k}`),
  ...STUDENT_ROLES.map((k) => `incidents.studentRoles.${k}`),
  ...INCIDENT_STATES.map((k) => `incidents.states.${k}`),
  ...INCIDENT_STATES.map((k) => `incidents.detail.moveTo.${k}`),
  ...RECORD_CLASSES.flatMap((k) => [`incidents.recordClasses.${k}`, `incidents.recordClass.explain_${k}`]),
  ...RACES.map((k) => `incidents.races.${k}`),
  ...SEXES.map((k) => `incidents.sexes.${k}`),
  ...FLAG_KINDS.flatMap((k) => [`incidents.flagKinds.${k}`, `incidents.flagExplain.${k}`]),
  'incidents.review.decisions.approved',
  'incidents.review.decisions.declined',
];

describe('incident labels', () => {
  it('names every taxonomy value, flag kind and state in English and Spanish', () => {
    const missing = Object.entries({ en, es }).flatMap(([lang, tree]) =>
      dynamicKeys.filter((k) => typeof lookup(tree as Tree, k) !== 'string').map((k) => `${k}: missing in ${lang}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('incident form draft', () => {
  it('defaults the report time and action times to the incident time and drops actions toward removed students', () => {
    const draft = {
      ...newDraft({ schoolId: 's1', officerId: 'o1', now: new Date('2026-10-05T09:30:00Z') }),
      location: 'classroom',
      behaviors: ['classroom_disruption' as const],
      purpose: 'routine_discipline' as const,
      involvement: 'led' as const,
      students: [{ studentId: 'st1', name: 'A B', localId: '1', role: 'offender' as const }],
      actions: [
        {
          action: 'arrested' as const,
          studentId: 'st1',
          at: '',
          emergency: false,
          emergencyReason: '',
          parentNotified: false,
        },
        {
          action: 'questioned' as const,
          studentId: 'gone',
          at: '',
          emergency: false,
          emergencyReason: '',
          parentNotified: true,
        },
      ],
    };
    const input = toInput(draft);
    const contact = input.contacts[0]!;
    expect(contact.reportedAt).toBe(input.occurredAt);
    expect(contact.actions).toEqual([
      {
        action: 'arrested',
        studentId: 'st1',
        at: input.occurredAt,
        emergency: false,
        emergencyReason: null,
        parentNotified: false,
      },
    ]);
    expect(input.occurredAt).toBe('2026-10-05T09:30:00.000Z');
  });

  it('offers NIBRS codes only for the chosen behaviors and sends none unless an offense is alleged', () => {
    expect(allowedNibrs(['classroom_disruption', 'defiance'])).toEqual([]);
    expect(allowedNibrs(['theft', 'fight_without_weapon'])).toEqual(['13B', '23H']);
    const base = {
      ...newDraft({ schoolId: 's1', officerId: null }),
      location: 'hallway',
      behaviors: ['theft' as const],
      nibrsCodes: ['23H', '13B'],
    };
    expect(toInput(base).nibrsCodes).toEqual([]);
    expect(toInput({ ...base, offenseAlleged: true }).nibrsCodes).toEqual(['23H']);
    expect(toInput(base).contacts).toEqual([]);
  });
});

describe('editing a saved incident', () => {
  it('gives back the saved input unchanged, including a second officer the form does not show', () => {
    const at = '2026-10-05T09:30:00.000Z';
    const action = (id: string, studentId: string | null, when: string) => ({
      id,
      action: 'observed' as const,
      studentId,
      at: when,
      emergency: false,
      emergencyReason: null,
      parentNotified: false,
    });
    const contact = (id: string, officerId: string, actions: ReturnType<typeof action>[]) => ({
      id,
      officerId,
      officerName: officerId,
      purpose: 'serious_threat_or_crime' as const,
      involvement: 'led' as const,
      reportedAt: at,
      arrivedAt: '2026-10-05T09:40:00.000Z',
      responseMinutes: 10,
      actions,
    });
    const incident = {
      id: 'i1',
      districtId: 'd1',
      schoolId: 's1',
      schoolName: 'S',
      number: 'INC-2026-000001',
      occurredAt: at,
      location: 'hallway',
      behaviors: ['fight_without_weapon'],
      state: 'submitted',
      recordClass: 'law_enforcement_unit',
      studentCount: 1,
      flagCount: 0,
      arrest: false,
      referral: false,
      updatedAt: at,
      description: 'd',
      weapon: 'none',
      offenseAlleged: true,
      nibrsCodes: ['13B'],
      version: 1,
      createdBy: 'o1',
      createdByName: 'O',
      students: [
        {
          studentId: 'st1',
          localId: '1',
          name: 'A B',
          role: 'offender',
          snapshot: { grade: '09', race: 'WH', sex: 'F', idea: false, section504: false, englishLearner: false },
        },
      ],
      contacts: [
        contact('c1', 'o1', [action('a1', 'st1', '2026-10-05T09:45:00.000Z')]),
        contact('c2', 'o2', [action('a2', null, at)]),
      ],
      outsideReferrals: [
        {
          id: 'r1',
          kind: 'arrest',
          studentId: 'st1',
          referredBy: null,
          referredByName: null,
          officerName: 'Deputy Lee',
          agency: 'County Sheriff',
          badgeNumber: null,
          at: '2026-10-05T09:50:00.000Z',
          behavior: 'fight_without_weapon',
        },
      ],
      reviews: [],
      flags: [],
      mouVersionId: null,
    } as IncidentDetail;
    const input = toInput(draftOf(incident));
    expect(input.contacts.map((c) => c.officerId)).toEqual(['o1', 'o2']);
    expect(input.contacts[0]!.actions).toEqual([
      {
        action: 'observed',
        studentId: 'st1',
        at: '2026-10-05T09:45:00.000Z',
        emergency: false,
        emergencyReason: null,
        parentNotified: false,
      },
    ]);
    expect(input.contacts[1]).toEqual({
      officerId: 'o2',
      purpose: 'serious_threat_or_crime',
      involvement: 'led',
      reportedAt: at,
      arrivedAt: '2026-10-05T09:40:00.000Z',
      actions: [
        { action: 'observed', studentId: null, at, emergency: false, emergencyReason: null, parentNotified: false },
      ],
    });
    expect(input).toMatchObject({
      occurredAt: at,
      location: 'hallway',
      behaviors: ['fight_without_weapon'],
      offenseAlleged: true,
      nibrsCodes: ['13B'],
      students: [{ studentId: 'st1', role: 'offender' }],
      outsideReferrals: [
        {
          kind: 'arrest',
          studentId: 'st1',
          referredBy: null,
          officerName: 'Deputy Lee',
          agency: 'County Sheriff',
          badgeNumber: null,
          at: '2026-10-05T09:50:00.000Z',
          behavior: 'fight_without_weapon',
        },
      ],
    });
  });
});

describe('referrals and arrests by police outside Forefront (issue 12)', () => {
  const base = () => ({
    ...newDraft({ schoolId: 's1', officerId: null, now: new Date('2026-10-05T09:30:00Z') }),
    location: 'classroom',
    behaviors: ['dress_code' as const, 'drugs' as const],
    students: [{ studentId: 'st1', name: 'A B', localId: '1', role: 'offender' as const }],
  });
  const referral = {
    kind: 'referral' as const,
    studentId: 'st1',
    referredBy: 'principal1',
    officerName: 'Officer Dana Morales',
    agency: 'Riverside Police Department',
    badgeNumber: ' ',
    at: '',
    behavior: 'dress_code' as const,
  };

  it("sends a principal's 911 referral with the staff member, the incident time by default and no empty badge", () => {
    const input = toInput({ ...base(), outsideReferrals: [referral] });
    expect(input.contacts).toEqual([]);
    expect(input.outsideReferrals).toEqual([
      { ...referral, badgeNumber: null, at: input.occurredAt, behavior: 'dress_code' },
    ]);
  });

  it('asks for an alleged offense before a citation or arrest is sent, and for who made a referral', () => {
    const arrest = { ...base(), outsideReferrals: [{ ...referral, kind: 'arrest' as const, referredBy: '' }] };
    expect(extraProblems(arrest)).toEqual([{ path: 'offenseAlleged', key: 'referrals.errors.offenseNotAlleged' }]);
    expect(extraProblems({ ...arrest, offenseAlleged: true })).toEqual([]);
    expect(extraProblems({ ...base(), outsideReferrals: [{ ...referral, referredBy: '' }] })).toEqual([
      { path: 'outsideReferrals.0.referredBy', key: 'referrals.errors.referredByRequired' },
    ]);
    const cited = {
      ...base(),
      officerInvolved: true,
      officerId: 'o1',
      actions: [
        {
          action: 'cited' as const,
          studentId: 'st1',
          at: '',
          emergency: false,
          emergencyReason: '',
          parentNotified: false,
          behavior: 'dress_code' as const,
        },
      ],
    };
    expect(extraProblems(cited).map((p) => p.key)).toEqual(['referrals.errors.offenseNotAlleged']);
    expect(toInput(cited).contacts[0]!.actions[0]!.behavior).toBe('dress_code');
  });
});
