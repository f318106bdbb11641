import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRoleRules, type RoleRules, RoleRulesSchema } from './mou-rules.js';
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

describe('the role-clarity engine, closer to the MOU (issue 12)', () => {
  const kinds = (flags: { kind: string }[]) => flags.map((f) => f.kind);

  it('flags questioning about a school-rule matter whether the officer led or assisted', () => {
    for (const involvement of ['led', 'assisted_on_request'] as const) {
      const flags = evaluateIncident(
        {
          behaviors: ['dress_code'],
          contacts: [
            contact({
              involvement,
              purpose: 'other',
              actions: [action({ action: 'questioned', parentNotified: true })],
            }),
          ],
          reviews: [],
        },
        rules(),
      );
      expect(
        flags.filter((f) => f.kind === 'questioned_on_school_matter'),
        involvement,
      ).toEqual([
        {
          kind: 'questioned_on_school_matter',
          officerId: 'o1',
          clause: 'searches_and_questioning',
          behavior: 'dress_code',
          action: 'questioned',
          studentId: 's1',
        },
      ]);
    }
    // Questioning about a crime the MOU gives the officer is not this flag.
    expect(
      kinds(
        evaluateIncident(
          {
            behaviors: ['drugs'],
            contacts: [contact({ actions: [action({ action: 'questioned', parentNotified: true })] })],
            reviews: [],
          },
          rules(),
        ),
      ),
    ).toEqual([]);
  });

  it('judges each action against the behavior it addresses: a drug behavior no longer clears the dress-code part', () => {
    const facts = (behavior: Behavior | null) => ({
      behaviors: ['dress_code', 'drugs'] as Behavior[],
      contacts: [
        contact({
          involvement: 'assisted_on_request',
          purpose: 'other',
          actions: [action({ action: 'cited', behavior, emergency: true, emergencyReason: 'x' })],
        }),
      ],
      reviews: [],
    });
    expect(evaluateIncident(facts('dress_code'), rules()).map((f) => [f.kind, f.behavior])).toEqual([
      ['enforcement_in_school_staff_category', 'dress_code'],
    ]);
    expect(kinds(evaluateIncident(facts('drugs'), rules()))).toEqual([]);
    // Actions recorded before the link (null) are judged as before: the governing behavior.
    expect(kinds(evaluateIncident(facts(null), rules()))).toEqual([]);
  });

  it('flags a contact the officer marks as routine discipline when the MOU excludes it', () => {
    const facts = {
      behaviors: ['drugs'] as Behavior[],
      contacts: [contact({ purpose: 'routine_discipline', involvement: 'assisted_on_request' })],
      reviews: [],
    };
    expect(evaluateIncident(facts, rules()).map((f) => [f.kind, f.clause])).toEqual([
      ['routine_discipline_contact', 'discipline_separation'],
    ]);
    expect(kinds(evaluateIncident(facts, { ...rules(), routineDisciplineExcluded: false }))).toEqual([]);
  });

  it("flags a staff member's referral to police for school discipline, if the district keeps the rule on", () => {
    const facts = (behavior: Behavior, referredBy: string | null = 'principal1') => ({
      behaviors: ['dress_code', 'drugs'] as Behavior[],
      contacts: [],
      reviews: [],
      referrals: [{ kind: 'referral' as const, referredBy, studentId: 's1', behavior }],
    });
    expect(evaluateIncident(facts('dress_code'), rules())).toEqual([
      {
        kind: 'staff_referral_for_school_discipline',
        officerId: 'principal1',
        clause: 'discipline_separation',
        behavior: 'dress_code',
        action: 'referred_to_law_enforcement',
        studentId: 's1',
      },
    ]);
    expect(kinds(evaluateIncident(facts('drugs'), rules()))).toEqual([]);
    expect(kinds(evaluateIncident(facts('dress_code', null), rules()))).toEqual([]);
    expect(kinds(evaluateIncident(facts('dress_code'), { ...rules(), flagStaffReferrals: false }))).toEqual([]);
  });

  it('reads MOUs signed before these rules with both of them on', () => {
    const { routineDisciplineExcluded, flagStaffReferrals, ...old } = defaultRoleRules();
    expect([routineDisciplineExcluded, flagStaffReferrals]).toEqual([true, true]);
    expect(RoleRulesSchema.parse(old)).toMatchObject({ routineDisciplineExcluded: true, flagStaffReferrals: true });
  });
});
