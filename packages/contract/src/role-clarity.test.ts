import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRoleRules, type RoleRules } from './mou-rules.js';
import { type ActionInput, type ContactInput, evaluateIncident, governingCategory } from './role-clarity.js';
import { BEHAVIOR_KEYS, BEHAVIORS, type Behavior, NIBRS_CODES, SRO_ACTIONS, schoolYearOf } from './taxonomy.js';

const ARREST_AT = '2026-10-05T14:10:00.000Z';
const action = (a: Partial<ActionInput> & Pick<ActionInput, 'action'>): ActionInput => ({
  studentId: 's1',
  at: ARREST_AT,
  emergency: false,
  emergencyReason: null,
  parentNotified: false,
  ...a,
});
const contact = (c: Partial<ContactInput> = {}): ContactInput => ({
  officerId: 'o1',
  purpose: 'serious_threat_or_crime',
  involvement: 'led',
  actions: [],
  ...c,
});
const rules = (): RoleRules => defaultRoleRules();

describe('the behavior taxonomy', () => {
  it('never gives a NIBRS code to school-discipline-only behavior without an offense to allege', () => {
    for (const b of [
      'classroom_disruption',
      'defiance',
      'dress_code',
      'tardiness_or_truancy',
      'cell_phone',
    ] as Behavior[])
      expect(BEHAVIORS[b].nibrs).toEqual([]);
  });
  it('maps every CRDC-counted offense to a serious behavior with NIBRS codes', () => {
    for (const b of BEHAVIOR_KEYS)
      if (BEHAVIORS[b].crdc) {
        expect(BEHAVIORS[b].seriousness, b).toBe('serious');
        expect(BEHAVIORS[b].nibrs.length, b).toBeGreaterThan(0);
      }
    expect(NIBRS_CODES).toContain('13A');
    expect(NIBRS_CODES).toContain('90J');
  });
  it('starts the school year on July 1', () => {
    expect(schoolYearOf('2026-06-30')).toBe('2025-26');
    expect(schoolYearOf('2026-07-01')).toBe('2026-27');
    expect(schoolYearOf('1999-09-01')).toBe('1999-00');
  });
});

describe('the role-clarity engine', () => {
  it('flags an SRO who leads and arrests in a category the MOU leaves to school staff, citing the clauses', () => {
    const flags = evaluateIncident(
      {
        behaviors: ['classroom_disruption'],
        contacts: [contact({ actions: [action({ action: 'arrested' })] })],
        reviews: [],
      },
      rules(),
    );
    expect(flags.map((f) => [f.kind, f.clause])).toEqual([
      ['led_school_staff_category', 'discipline_separation'],
      ['enforcement_in_school_staff_category', 'discipline_separation'],
      ['review_missing', 'roles_and_responsibilities'],
    ]);
    expect(flags.every((f) => f.officerId === 'o1' && f.behavior === 'classroom_disruption')).toBe(true);
  });

  it('clears the review flag only with an approved review recorded no later than the arrest', () => {
    const facts = (
      reviewedAt: string,
      decision: 'approved' | 'declined' = 'approved',
      studentId: string | null = 's1',
    ) => ({
      behaviors: ['drugs'] as Behavior[],
      contacts: [contact({ actions: [action({ action: 'arrested' })] })],
      reviews: [{ studentId, decision, reviewedAt }],
    });
    const kinds = (f: ReturnType<typeof facts>) => evaluateIncident(f, rules()).map((x) => x.kind);
    expect(kinds(facts('2026-10-05T14:05:00.000Z'))).toEqual([]);
    expect(kinds(facts(ARREST_AT))).toEqual([]);
    expect(kinds(facts('2026-10-05T14:11:00.000Z'))).toEqual(['review_missing']);
    expect(kinds(facts('2026-10-05T14:05:00.000Z', 'declined'))).toEqual(['review_missing']);
    expect(kinds(facts('2026-10-05T14:05:00.000Z', 'approved', 's2'))).toEqual(['review_missing']);
    expect(kinds(facts('2026-10-05T14:05:00.000Z', 'approved', null))).toEqual([]);
  });

  it('accepts an emergency in place of the review and for emergency-only restraint, but never a forbidden one', () => {
    const r = rules();
    const emergency = action({
      action: 'restrained_physical',
      emergency: true,
      emergencyReason: 'student with a knife',
    });
    expect(
      evaluateIncident(
        {
          behaviors: ['attack_with_weapon'],
          contacts: [contact({ actions: [emergency, action({ action: 'arrested', emergency: true })] })],
          reviews: [],
        },
        r,
      ),
    ).toEqual([]);
    expect(
      evaluateIncident(
        {
          behaviors: ['attack_with_weapon'],
          contacts: [contact({ actions: [action({ action: 'restrained_physical' })] })],
          reviews: [],
        },
        r,
      ).map((f) => f.kind),
    ).toEqual(['physical_restraint_not_allowed']);
    r.mechanicalRestraint = 'forbidden';
    expect(
      evaluateIncident(
        {
          behaviors: ['attack_with_weapon'],
          contacts: [contact({ actions: [action({ action: 'restrained_mechanical', emergency: true })] })],
          reviews: [],
        },
        r,
      ).map((f) => [f.kind, f.clause]),
    ).toEqual([['mechanical_restraint_not_allowed', 'use_of_force_and_restraint']]);
  });

  it('lets the most permissive category govern a mixed incident', () => {
    const r = rules();
    r.categories.threat_with_weapon = { handler: 'sro_assists_on_request', reviewBeforeArrestOrReferral: true };
    expect(governingCategory(['classroom_disruption', 'threat_with_weapon'], r).handler).toBe('sro_assists_on_request');
    expect(governingCategory(['classroom_disruption', 'threat_with_weapon', 'drugs'], r)).toMatchObject({
      behavior: 'drugs',
      handler: 'sro_leads',
    });
    const flags = evaluateIncident(
      {
        behaviors: ['classroom_disruption', 'threat_with_weapon'],
        contacts: [contact({ involvement: 'led' })],
        reviews: [],
      },
      r,
    );
    expect(flags.map((f) => f.kind)).toEqual(['led_assist_only_category']);
  });

  it('flags questioning without parent notice when the MOU requires it', () => {
    const f = (parentNotified: boolean) =>
      evaluateIncident(
        {
          behaviors: ['drugs'],
          contacts: [contact({ actions: [action({ action: 'questioned', parentNotified })] })],
          reviews: [],
        },
        rules(),
      ).map((x) => x.kind);
    expect(f(false)).toEqual(['questioning_without_parent_notice']);
    expect(f(true)).toEqual([]);
  });

  it('flags every officer once when no signed MOU is in force', () => {
    const flags = evaluateIncident(
      { behaviors: ['drugs'], contacts: [contact(), contact(), contact({ officerId: 'o2' })], reviews: [] },
      null,
    );
    expect(flags.map((f) => [f.kind, f.officerId, f.clause])).toEqual([
      ['no_mou_in_force', 'o1', null],
      ['no_mou_in_force', 'o2', null],
    ]);
  });

  it('never flags an SRO who only observed, de-escalated or referred to support in a staff-only category when asked to assist', () => {
    const gentle = fc.constantFrom('observed' as const, 'de_escalated' as const, 'referred_to_support' as const);
    fc.assert(
      fc.property(
        fc.subarray(
          BEHAVIOR_KEYS.filter((b) => BEHAVIORS[b].seriousness === 'routine'),
          { minLength: 1 },
        ),
        fc.array(gentle, { maxLength: 5 }),
        (behaviors, actions) => {
          const flags = evaluateIncident(
            {
              behaviors,
              contacts: [
                contact({
                  involvement: 'assisted_on_request',
                  purpose: 'other',
                  actions: actions.map((a) => action({ action: a })),
                }),
              ],
              reviews: [],
            },
            rules(),
          );
          expect(flags).toEqual([]);
        },
      ),
    );
  });

  it('flags every enforcement action in a staff-only category, whatever else happens (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('cited', 'referred_to_law_enforcement', 'arrested' as const),
        fc.array(fc.constantFrom(...SRO_ACTIONS), { maxLength: 4 }),
        fc.boolean(),
        (enforcement, others, emergency) => {
          const flags = evaluateIncident(
            {
              behaviors: ['defiance'],
              contacts: [
                contact({
                  involvement: 'assisted_on_request',
                  actions: [...others.map((a) => action({ action: a })), action({ action: enforcement, emergency })],
                }),
              ],
              reviews: [],
            },
            rules(),
          );
          expect(flags.some((f) => f.kind === 'enforcement_in_school_staff_category' && f.action === enforcement)).toBe(
            true,
          );
        },
      ),
    );
  });
});
