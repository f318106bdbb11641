import { beforeAll, describe, expect, it } from 'vitest';
import {
  type IncidentDetail,
  type IncidentInput,
  type RoleDrift,
  RoleDriftSchema,
  defaultRoleRules,
} from '@forefront/contract';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { expectError } from './auth.helpers.js';
import { buildSchool, buildUser, signIn } from './builders.js';
import {
  CLAUSE_TITLES,
  type IncidentWorld,
  buildIncidentWorld,
  buildSignedMou,
  buildStudent,
  hoursAgo,
  req,
} from './incident.helpers.js';

/**
 * The acceptance scenario at API level: a signed MOU leaves a behavior category to school
 * staff; an officer logs an arrest in it; the incident shows the violations with their clauses; an
 * administrator review recorded before the arrest clears the review flag but not the category
 * violation; the dashboard counts it by school, officer and month.
 */
describe(`role clarity and the role-drift dashboard on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let student: string;
  let mouVersionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    student = (await buildStudent(t.ctx, w.district.id, w.school)).id;
    const rules = defaultRoleRules();
    expect(rules.categories.disorderly_conduct).toEqual({
      handler: 'school_staff_only',
      reviewBeforeArrestOrReferral: true,
    });
    ({ mouVersionId } = await buildSignedMou(t.ctx, w.district.id, { createdBy: w.admin.id }));
  });

  const arrestAt = hoursAgo(2);
  const arrest = (over: Partial<IncidentInput['contacts'][number]['actions'][number]> = {}): IncidentInput => ({
    schoolId: w.school,
    occurredAt: hoursAgo(2.5),
    location: 'classroom',
    behaviors: ['disorderly_conduct'],
    description: 'A loud argument in class.',
    weapon: 'none',
    offenseAlleged: true,
    nibrsCodes: ['90C'],
    students: [{ studentId: student, role: 'offender' }],
    contacts: [
      {
        officerId: w.sro.id,
        purpose: 'routine_discipline',
        involvement: 'led',
        reportedAt: hoursAgo(2.5),
        arrivedAt: hoursAgo(2.4),
        actions: [
          {
            action: 'arrested',
            studentId: student,
            at: arrestAt,
            emergency: false,
            emergencyReason: null,
            parentNotified: false,
            ...over,
          },
        ],
      },
    ],
  });
  const kinds = (d: IncidentDetail) => d.flags.map((f) => f.kind).sort();
  const dashboard = async (session = w.sessions.admin, query = '') => {
    const res = await req(t.app, session, 'GET', `/api/districts/${w.district.id}/role-drift${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return RoleDriftSchema.parse(res.json());
  };

  it('flags an arrest in a school-staff-only category with the clauses; a review before the arrest clears only the review flag; the dashboard counts it', async () => {
    const before = await dashboard();
    const created = await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, arrest());
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json<IncidentDetail>();
    expect(incident.mouVersionId).toBe(mouVersionId);
    // The officer marked the contact as routine discipline, which the MOU excludes (issue 12).
    expect(kinds(incident)).toEqual([
      'enforcement_in_school_staff_category',
      'led_school_staff_category',
      'review_missing',
      'routine_discipline_contact',
    ]);
    for (const f of incident.flags) {
      expect(f).toMatchObject({
        officerId: w.sro.id,
        officerName: expect.stringMatching(/^User /),
        mouVersionId,
        behavior: 'disorderly_conduct',
      });
      expect(f.clauseTitle).toBe(CLAUSE_TITLES[f.clause!]);
    }
    expect(incident.flags.find((f) => f.kind === 'review_missing')).toMatchObject({
      clause: 'roles_and_responsibilities',
      action: 'arrested',
      studentId: student,
    });
    expect(incident.flags.find((f) => f.kind === 'led_school_staff_category')!.clause).toBe('discipline_separation');

    // A review recorded after the arrest does not make it a review *before* the arrest.
    const late = await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${incident.id}/reviews`, {
      reviewedAt: hoursAgo(1),
      decision: 'approved',
      studentId: student,
    });
    expect(kinds(late.json())).toContain('review_missing');
    const early = await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${incident.id}/reviews`, {
      reviewedAt: hoursAgo(2.2),
      decision: 'approved',
      studentId: null,
    });
    expect(early.statusCode, early.body).toBe(201);
    expect(kinds(early.json())).toEqual([
      'enforcement_in_school_staff_category',
      'led_school_staff_category',
      'routine_discipline_contact',
    ]);
    const read = (await req(t.app, w.sessions.sro, 'GET', `/api/incidents/${incident.id}`)).json<IncidentDetail>();
    expect(read.flagCount).toBe(3);

    const after = await dashboard();
    const month = new Date(hoursAgo(2.5)).toISOString().slice(0, 7);
    expect(after.totals.violations - before.totals.violations).toBe(3);
    expect(after.totals.byKind.led_school_staff_category - before.totals.byKind.led_school_staff_category).toBe(1);
    expect(
      after.totals.byKind.enforcement_in_school_staff_category -
        before.totals.byKind.enforcement_in_school_staff_category,
    ).toBe(1);
    expect(after.totals.byKind.review_missing).toBe(before.totals.byKind.review_missing);
    expect(after.totals.arrests - before.totals.arrests).toBe(1);
    expect(after.items.find((s) => s.schoolId === w.school)).toMatchObject({
      violations: 3,
      arrests: 1,
      referrals: 1,
      contacts: 1,
      routineDisciplineContacts: 1,
      schoolName: expect.any(String),
    });
    expect(after.byOfficer.find((o) => o.officerId === w.sro.id)).toMatchObject({ violations: 3, arrests: 1 });
    expect(after.byMonth.find((m) => m.month === month)).toMatchObject({ violations: 3 });
    expect(after.byMonth).toHaveLength(12);
    expect(after.to).toBe(new Date().toISOString().slice(0, 7));
  });

  it('skips the review for an emergency with its reason, but never the category rule', async () => {
    const withReason = { emergency: true, emergencyReason: 'The student was about to hit a teacher.' };
    const d = (
      await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, arrest(withReason))
    ).json<IncidentDetail>();
    expect(kinds(d)).toEqual([
      'enforcement_in_school_staff_category',
      'led_school_staff_category',
      'routine_discipline_contact',
    ]);
    // In a category the SRO leads, an emergency arrest with physical restraint raises nothing.
    const serious: IncidentInput = {
      ...arrest(withReason),
      behaviors: ['attack_with_weapon'],
      nibrsCodes: ['13A'],
      weapon: 'knife',
      contacts: [
        {
          ...arrest().contacts[0]!,
          purpose: 'emergency_response',
          actions: [
            {
              action: 'restrained_physical',
              studentId: student,
              at: arrestAt,
              emergency: true,
              emergencyReason: 'Knife drawn.',
              parentNotified: false,
            },
            {
              action: 'arrested',
              studentId: student,
              at: arrestAt,
              emergency: true,
              emergencyReason: 'Knife drawn.',
              parentNotified: false,
            },
          ],
        },
      ],
    };
    const s = (
      await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, serious)
    ).json<IncidentDetail>();
    expect(s.flags).toEqual([]);
    // The same arrest without the emergency needs the review and forbids the restraint.
    const calm = {
      ...serious,
      contacts: [
        {
          ...serious.contacts[0]!,
          actions: serious.contacts[0]!.actions.map((a) => ({ ...a, emergency: false, emergencyReason: null })),
        },
      ],
    };
    const c = (
      await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, calm)
    ).json<IncidentDetail>();
    expect(kinds(c)).toEqual(['physical_restraint_not_allowed', 'review_missing']);
  });

  it('flags every officer on an incident with no signed MOU in force', async () => {
    const other = await buildIncidentWorld(t.app, t.ctx);
    await buildSignedMou(t.ctx, other.district.id, { createdBy: other.admin.id, signed: false });
    const s = (await buildStudent(t.ctx, other.district.id, other.school)).id;
    const body = { ...arrest(), schoolId: other.school, students: [{ studentId: s, role: 'offender' }] };
    body.contacts = [
      { ...body.contacts[0]!, officerId: other.sro.id, actions: [{ ...body.contacts[0]!.actions[0]!, studentId: s }] },
      { ...body.contacts[0]!, officerId: other.otherSro.id, actions: [] },
    ];
    const res = await req(t.app, other.sessions.sro, 'POST', `/api/districts/${other.district.id}/incidents`, body);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<IncidentDetail>();
    expect(d.mouVersionId).toBeNull();
    expect(d.flags.map((f) => [f.kind, f.officerId, f.clause])).toEqual([
      ['no_mou_in_force', other.sro.id, null],
      ['no_mou_in_force', other.otherSro.id, null],
    ]);
    const dash = (
      await req(t.app, other.sessions.admin, 'GET', `/api/districts/${other.district.id}/role-drift`)
    ).json<RoleDrift>();
    expect(dash.totals.byKind.no_mou_in_force).toBe(2);
  });

  it('narrows a principal to their schools, checks months, and computes the BJS classroom-response share', async () => {
    const principalView = await dashboard(w.sessions.principal);
    expect(principalView.items.map((s) => s.schoolId)).toEqual([w.school]);
    expectError(
      await req(
        t.app,
        w.sessions.principal,
        'GET',
        `/api/districts/${w.district.id}/role-drift?schoolId=${w.otherSchool}`,
      ),
      403,
      'forbidden',
    );
    expectError(
      await req(t.app, w.sessions.sro, 'GET', `/api/districts/${w.district.id}/role-drift`),
      403,
      'forbidden',
    );
    expectError(
      await req(t.app, w.sessions.admin, 'GET', `/api/districts/${w.district.id}/role-drift?from=2026-05&to=2026-01`),
      400,
      'invalid_request',
    );
    expectError(
      await req(t.app, w.sessions.admin, 'GET', `/api/districts/${w.district.id}/role-drift?from=2026-13`),
      400,
      'invalid_request',
    );
    const old = await dashboard(w.sessions.admin, '?from=2001-01&to=2001-03');
    expect(old.totals.contacts).toBe(0);
    expect(old.byMonth.map((m) => m.month)).toEqual(['2001-01', '2001-02', '2001-03']);

    // BJS: both officers of the school are active; only the first answered a classroom call.
    const bjs = (await dashboard()).classroomResponse;
    expect(bjs).toMatchObject({
      activeOfficers: 2,
      withClassroomResponse: 1,
      share: 0.5,
      asOf: new Date().toISOString().slice(0, 10),
    });
    // A new officer at another school, and a disabled one, change the district's denominator only as they should.
    const third = await buildSchool(t.ctx, w.district.id);
    await buildUser(t.ctx, { role: 'sro', districtId: w.district.id, schoolIds: [third.id] });
    await buildUser(t.ctx, { role: 'sro', districtId: w.district.id, schoolIds: [third.id], disabled: true });
    expect((await dashboard()).classroomResponse).toMatchObject({ activeOfficers: 3, withClassroomResponse: 1 });
    expect((await dashboard(w.sessions.principal)).classroomResponse).toMatchObject({
      activeOfficers: 2,
      withClassroomResponse: 1,
      share: 0.5,
    });
    // A classroom call older than 30 days does not count.
    const newcomer = await buildUser(t.ctx, { role: 'sro', districtId: w.district.id, schoolIds: [w.school] });
    const old40 = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const body = {
      ...arrest(),
      occurredAt: old40,
      contacts: [
        {
          officerId: newcomer.id,
          purpose: 'mentoring_or_teaching',
          involvement: 'assisted_on_request',
          reportedAt: old40,
          arrivedAt: null,
          actions: [],
        },
      ],
    };
    expect(
      (await req(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/incidents`, body)).statusCode,
    ).toBe(201);
    expect((await dashboard()).classroomResponse).toMatchObject({
      activeOfficers: 4,
      withClassroomResponse: 1,
      share: 0.25,
    });
    void signIn;
  });
});
