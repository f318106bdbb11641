import { beforeAll, describe, expect, it } from 'vitest';
import {
  type IncidentDetail,
  IncidentDetailSchema,
  type IncidentHistory,
  type IncidentInput,
} from '@forefront/contract';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { buildDistrict, buildSchool, buildUser } from './builders.js';
import {
  type IncidentWorld,
  buildIncidentWorld,
  buildStudent,
  hoursAgo,
  incidentInput,
  incidentTableCounts,
  req,
} from './incident.helpers.js';

describe(`incidents on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let st1: string;
  let st2: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    st1 = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'BL', sex: 'M', idea: true })).id;
    st2 = (await buildStudent(t.ctx, w.district.id, w.school)).id;
  });

  const create = async (s: keyof IncidentWorld['sessions'], body: unknown, status = 201) => {
    const res = await req(t.app, w.sessions[s], 'POST', `/api/districts/${w.district.id}/incidents`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<IncidentDetail>();
  };
  const withStudent = (over: Partial<IncidentInput> = {}): IncidentInput => {
    const base = incidentInput(w.school, w.sro.id, { students: [{ studentId: st1, role: 'offender' }] });
    base.contacts[0]!.actions.push({
      action: 'referred_to_support',
      studentId: st1,
      at: hoursAgo(2.8),
      emergency: false,
      emergencyReason: null,
      parentNotified: false,
    });
    return { ...base, ...over };
  };

  it('lets an officer create a draft: numbered, with the demographic snapshot, response time, derived record class and an audit event', async () => {
    const a = await create('sro', withStudent());
    IncidentDetailSchema.parse(a);
    expect(a.number).toMatch(new RegExp(`^INC-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(a.state).toBe('draft');
    expect(a.version).toBe(1);
    expect(a.recordClass).toBe('education');
    expect(a.createdBy).toBe(w.sro.id);
    expect(a.students).toEqual([
      expect.objectContaining({
        studentId: st1,
        role: 'offender',
        snapshot: { grade: '10', race: 'BL', sex: 'M', idea: true, section504: false, englishLearner: false },
      }),
    ]);
    expect(a.contacts[0]!.responseMinutes).toBeCloseTo(6, 0);
    expect(a.contacts[0]!.actions.map((x) => x.action)).toEqual(['observed', 'referred_to_support']);
    // No MOU is signed in this district: every officer on it is flagged for that.
    expect(a.flags).toEqual([
      expect.objectContaining({
        kind: 'no_mou_in_force',
        officerId: w.sro.id,
        officerName: expect.any(String),
        clause: null,
        clauseTitle: null,
      }),
    ]);
    const b = await create('sro', withStudent());
    expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1);
    const events = await auditEvents(t.ctx, w.district.id);
    expect(events.filter((e) => e.kind === 'incident.created').map((e) => e.payload.incidentId)).toEqual([a.id, b.id]);
    const row = await t.ctx.db
      .selectFrom('incidentStudents')
      .selectAll()
      .where('incidentId', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ race: 'BL', sex: 'M', idea: 1, referred: 0, arrested: 0, schoolId: w.school });
  });

  it('derives the record class from who created it and why, never from the request', async () => {
    const leu: Partial<IncidentInput> = {
      behaviors: ['fight_without_weapon'],
      offenseAlleged: true,
      nibrsCodes: ['13B'],
    };
    const byOfficer = await create('sro', {
      ...withStudent(leu),
      contacts: [{ ...withStudent().contacts[0]!, purpose: 'serious_threat_or_crime' }],
    });
    expect(byOfficer.recordClass).toBe('law_enforcement_unit');
    const byPrincipal = await create('principal', {
      ...withStudent(leu),
      contacts: [{ ...withStudent().contacts[0]!, purpose: 'serious_threat_or_crime' }],
      recordClass: 'law_enforcement_unit',
    });
    expect(byPrincipal.recordClass).toBe('education');
    // Routine discipline stays an education record even when an officer writes it.
    expect((await create('sro', withStudent({ offenseAlleged: true }))).recordClass).toBe('education');
  });

  it('refuses input the schema cannot check with a 400 naming the field, and writes nothing', async () => {
    const otherDistrict = await buildDistrict(t.ctx);
    const foreignSchool = (await buildSchool(t.ctx, otherDistrict.id)).id;
    const foreignStudent = (await buildStudent(t.ctx, otherDistrict.id, foreignSchool)).id;
    const disabledSro = await buildUser(t.ctx, {
      role: 'sro',
      districtId: w.district.id,
      schoolIds: [w.school],
      disabled: true,
    });
    const good = withStudent();
    const contact = good.contacts[0]!;
    const cases: [string, unknown, string][] = [
      ['school of another district', { ...good, schoolId: foreignSchool }, 'schoolId'],
      ['a future date', { ...good, occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'occurredAt'],
      [
        'a student not on the roster',
        { ...good, students: [{ studentId: foreignStudent, role: 'victim' }] },
        'students.0.studentId',
      ],
      [
        'the same student twice',
        {
          ...good,
          students: [
            { studentId: st1, role: 'victim' },
            { studentId: st1, role: 'witness' },
          ],
        },
        'students.1.studentId',
      ],
      [
        'an officer who is not an SRO',
        { ...good, contacts: [contact, { ...contact, officerId: w.principal.id }] },
        'contacts.1.officerId',
      ],
      [
        'a disabled officer',
        { ...good, contacts: [contact, { ...contact, officerId: disabledSro.id }] },
        'contacts.1.officerId',
      ],
      [
        'an action toward a student not on the incident',
        { ...good, contacts: [{ ...contact, actions: [{ ...contact.actions[0]!, studentId: st2 }] }] },
        'contacts.0.actions.0.studentId',
      ],
      ['NIBRS codes without an alleged offense', { ...good, nibrsCodes: ['90C'] }, 'nibrsCodes'],
      [
        'a NIBRS code of another behavior',
        { ...good, behaviors: ['theft'], offenseAlleged: true, nibrsCodes: ['13A'] },
        'nibrsCodes.0',
      ],
      [
        'an emergency without its reason',
        {
          ...good,
          contacts: [{ ...contact, actions: [{ ...contact.actions[0]!, emergency: true, emergencyReason: null }] }],
        },
        'contacts.0.actions.0.emergencyReason',
      ],
      [
        'arrival before the report',
        { ...good, contacts: [{ ...contact, arrivedAt: hoursAgo(4) }] },
        'contacts.0.arrivedAt',
      ],
      [
        'an officer leaving themself off',
        { ...good, contacts: [{ ...contact, officerId: w.otherSro.id }] },
        'contacts',
      ],
      ['an unknown behavior (schema)', { ...good, behaviors: ['jaywalking'] }, 'body.behaviors.0'],
      ['a malformed date (schema)', { ...good, occurredAt: 'yesterday' }, 'body.occurredAt'],
    ];
    const before = await incidentTableCounts(t.ctx);
    for (const [what, body, path] of cases) {
      const res = await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, body);
      const err = expectError(res, 400, 'invalid_request');
      expect(
        (res.json().error.issues as { path: string }[]).map((i) => i.path),
        what,
      ).toContain(path);
      expect(err.message, what).not.toMatch(/sql|stack|undefined/i);
    }
    expect(await incidentTableCounts(t.ctx)).toEqual(before);
    // The same checks guard an edit, which changes nothing when refused.
    const a = await create('sro', withStudent());
    const snapshot = await incidentTableCounts(t.ctx);
    expectError(
      await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${a.id}`, { ...good, nibrsCodes: ['90C'] }),
      400,
      'invalid_request',
    );
    expect(await incidentTableCounts(t.ctx)).toEqual(snapshot);
    expect((await req(t.app, w.sessions.sro, 'GET', `/api/incidents/${a.id}`)).json().description).toBe(
      good.description,
    );
  });

  it('edits drafts in place and keeps every prior version after submission, newest first', async () => {
    const a = await create('sro', withStudent());
    const edit = (description: string) =>
      req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${a.id}`, withStudent({ description }));
    const d1 = (await edit('First correction.')).json<IncidentDetail>();
    expect(d1).toMatchObject({ version: 1, description: 'First correction.', state: 'draft' });
    const history = async () =>
      (await req(t.app, w.sessions.sro, 'GET', `/api/incidents/${a.id}/versions`)).json<IncidentHistory>();
    expect((await history()).versions).toEqual([]);
    expect(
      (await req(t.app, w.sessions.sro, 'POST', `/api/incidents/${a.id}/transition`, { to: 'submitted' })).statusCode,
    ).toBe(200);
    expect((await edit('Second correction.')).json<IncidentDetail>().version).toBe(2);
    const d3 = (await edit('Third correction.')).json<IncidentDetail>();
    expect(d3).toMatchObject({ version: 3, description: 'Third correction.', state: 'submitted' });
    const h = await history();
    expect(h).toMatchObject({ id: a.id, number: a.number, version: 3 });
    expect(h.versions.map((v) => [v.version, v.snapshot.description, v.changedBy, v.changeNote])).toEqual([
      [2, 'Second correction.', w.sro.id, null],
      [1, 'First correction.', w.sro.id, null],
    ]);
    // A snapshot is the whole incident, students and contacts included.
    expect(h.versions[1]!.snapshot).toMatchObject({
      students: [{ studentId: st1, role: 'offender' }],
      contacts: [expect.objectContaining({ officerId: w.sro.id })],
      recordClass: 'education',
    });
    const kinds = (await auditEvents(t.ctx, w.district.id))
      .filter((e) => e.payload.incidentId === a.id)
      .map((e) => e.kind);
    expect(kinds).toEqual([
      'incident.created',
      'incident.updated',
      'incident.viewed',
      'incident.transitioned',
      'incident.updated',
      'incident.updated',
      'incident.viewed',
    ]);
  });

  it('moves draft -> submitted -> reviewed -> closed only, administrators review, a repeated submit changes nothing', async () => {
    const a = await create('sro', withStudent());
    const go = (s: keyof IncidentWorld['sessions'], to: string) =>
      req(t.app, w.sessions[s], 'POST', `/api/incidents/${a.id}/transition`, { to });
    expectError(await go('sro', 'closed'), 403, 'forbidden');
    expectError(await go('admin', 'closed'), 409, 'conflict');
    expect((await go('sro', 'submitted')).json().state).toBe('submitted');
    const events = (await auditEvents(t.ctx, w.district.id)).length;
    expect((await go('sro', 'submitted')).statusCode).toBe(200);
    expect((await auditEvents(t.ctx, w.district.id)).length).toBe(events);
    expectError(await go('sro', 'reviewed'), 403, 'forbidden');
    expectError(await go('principal', 'draft'), 409, 'conflict');
    expect((await go('principal', 'reviewed')).json().state).toBe('reviewed');
    expect((await go('admin', 'closed')).json().state).toBe('closed');
    expectError(await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${a.id}`, withStudent()), 409, 'conflict');
    expectError(
      await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${a.id}/reviews`, {
        reviewedAt: hoursAgo(1),
        decision: 'approved',
      }),
      409,
      'conflict',
    );
    const transitions = (await auditEvents(t.ctx, w.district.id)).filter(
      (e) => e.kind === 'incident.transitioned' && e.payload.incidentId === a.id,
    );
    expect(transitions.map((e) => [e.payload.from, e.payload.to, e.actorId])).toEqual([
      ['draft', 'submitted', w.sro.id],
      ['submitted', 'reviewed', w.principal.id],
      ['reviewed', 'closed', w.admin.id],
    ]);
  });

  it("records an administrator's review (never the officer's) with who, when and the decision", async () => {
    const a = await create('sro', withStudent());
    const review = {
      studentId: st1,
      reviewedAt: hoursAgo(3.5),
      decision: 'approved',
      note: 'Assistant principal agreed.',
    };
    expectError(await req(t.app, w.sessions.sro, 'POST', `/api/incidents/${a.id}/reviews`, review), 403, 'forbidden');
    expectError(
      await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${a.id}/reviews`, { ...review, studentId: st2 }),
      400,
      'invalid_request',
    );
    expectError(
      await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${a.id}/reviews`, {
        ...review,
        reviewedAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      400,
      'invalid_request',
    );
    const res = await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${a.id}/reviews`, review);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<IncidentDetail>().reviews).toEqual([
      expect.objectContaining({
        studentId: st1,
        reviewerId: w.principal.id,
        reviewedAt: new Date(review.reviewedAt).toISOString(),
        decision: 'approved',
        note: review.note,
      }),
    ]);
    const ev = (await auditEvents(t.ctx, w.district.id)).filter((e) => e.kind === 'incident.reviewed').at(-1)!;
    expect(ev.payload).toMatchObject({ incidentId: a.id, decision: 'approved' });
    expect(JSON.stringify(ev.payload)).not.toContain('Assistant principal');
  });

  it('lets only a district administrator reclassify, with the reason kept in the history; discipline records stay education records', async () => {
    const leu = await create('sro', {
      ...withStudent({ behaviors: ['fight_without_weapon'], offenseAlleged: true }),
      contacts: [{ ...withStudent().contacts[0]!, purpose: 'serious_threat_or_crime' }],
    });
    expect(leu.recordClass).toBe('law_enforcement_unit');
    const body = { recordClass: 'education', reason: 'Used by the school for the student discipline hearing.' };
    expectError(
      await req(t.app, w.sessions.principal, 'POST', `/api/incidents/${leu.id}/reclassify`, body),
      404,
      'not_found',
    );
    expectError(
      await req(t.app, w.sessions.sro, 'POST', `/api/incidents/${leu.id}/reclassify`, body),
      403,
      'forbidden',
    );
    expectError(
      await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${leu.id}/reclassify`, { ...body, reason: 'short' }),
      400,
      'invalid_request',
    );
    const res = await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${leu.id}/reclassify`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ recordClass: 'education', version: 2 });
    expectError(
      await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${leu.id}/reclassify`, body),
      409,
      'conflict',
    );
    const h = (await req(t.app, w.sessions.admin, 'GET', `/api/incidents/${leu.id}/versions`)).json<IncidentHistory>();
    expect(h.versions[0]).toMatchObject({
      version: 1,
      changedBy: w.admin.id,
      changeNote: body.reason,
      snapshot: expect.objectContaining({ recordClass: 'law_enforcement_unit' }),
    });
    const ev = (await auditEvents(t.ctx, w.district.id)).filter((e) => e.kind === 'incident.reclassified').at(-1)!;
    expect(ev.payload).toEqual({ incidentId: leu.id, from: 'law_enforcement_unit', to: 'education' });
    // The officer's next edit does not undo the administrator's decision.
    const again = await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${leu.id}`, {
      ...withStudent({ behaviors: ['fight_without_weapon'], offenseAlleged: true, description: 'More detail.' }),
      contacts: [{ ...withStudent().contacts[0]!, purpose: 'serious_threat_or_crime' }],
    });
    expect(again.json().recordClass).toBe('education');
    const discipline = await create('sro', withStudent());
    expectError(
      await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${discipline.id}/reclassify`, {
        recordClass: 'law_enforcement_unit',
        reason: 'Trying to hide a discipline record.',
      }),
      409,
      'conflict',
    );
  });

  it('lists with filters, audits the list, and reads answer 404 for ids in other districts', async () => {
    const flagged = await req(
      t.app,
      w.sessions.admin,
      'GET',
      `/api/districts/${w.district.id}/incidents?flagged=true&behavior=classroom_disruption&limit=5`,
    );
    expect(flagged.statusCode, flagged.body).toBe(200);
    const page = flagged.json<{
      items: { id: string; flagCount: number; behaviors: string[]; schoolName: string; studentCount: number }[];
      total: number;
    }>();
    expect(page.items.length).toBe(5);
    expect(page.total).toBeGreaterThan(5);
    for (const i of page.items) {
      expect(i.flagCount).toBeGreaterThan(0);
      expect(i.behaviors).toContain('classroom_disruption');
      expect(i.studentCount).toBe(1);
      expect(i.schoolName).not.toBe('');
    }
    const ev = (await auditEvents(t.ctx, w.district.id)).at(-1)!;
    expect(ev).toMatchObject({
      kind: 'incident.listed',
      payload: { count: 5, incidentIds: page.items.map((i) => i.id) },
    });
    const none = (
      await req(
        t.app,
        w.sessions.admin,
        'GET',
        `/api/districts/${w.district.id}/incidents?from=2000-01-01&to=2000-12-31`,
      )
    ).json();
    expect(none.total).toBe(0);
    const other = await buildDistrict(t.ctx);
    const otherAdmin = await buildUser(t.ctx, { role: 'district_admin', districtId: other.id });
    const { signIn } = await import('./builders.js');
    const s = await signIn(t.app, otherAdmin);
    const mine = page.items[0]!.id;
    const foreign = await req(t.app, s, 'GET', `/api/incidents/${mine}`);
    const random = await req(t.app, s, 'GET', `/api/incidents/${crypto.randomUUID()}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(random.json());
  });
});
