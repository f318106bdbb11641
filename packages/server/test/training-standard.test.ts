import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course, CoursePage, CredentialTypeList, TrainingStandardView } from '@forefront/contract';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 14 item 2: the district's training standard (default until saved, PUT checked against the
 * contract and the district's credential types), credential types and the course catalog.
 */
describe(`training standard and catalog on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let admin: Session;
  let coordinator: Session;
  let principal: Session;
  let otherAdmin: Session;

  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
  const send = (s: Session, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      headers: method === 'GET' ? { cookie: s.cookie } : s.headers,
      ...(payload !== undefined && { payload: payload as object }),
    });
  const base = () => `/api/districts/${districtId}/training`;
  const standard = async () => {
    const res = await send(admin, 'GET', `${base()}/standard`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TrainingStandardView>();
  };
  const kinds = async () => (await auditEvents(t.ctx, districtId)).map((e) => e.kind);

  // Written out by hand (the Arkansas rules of 2025), not taken from the contract's presets.
  const arkansas = {
    preset: 'arkansas_2025',
    gateMode: 'block',
    rules: [
      {
        kind: 'credential',
        key: 'basic_course',
        credential: 'sro_basic',
        due: { when: 'before_assignment' },
        renewEveryMonths: null,
      },
      {
        kind: 'credential',
        key: 'ymhfa',
        credential: 'ymhfa',
        due: { when: 'after_assignment', months: 18 },
        renewEveryMonths: 48,
      },
      {
        kind: 'credential',
        key: 'refresher',
        credential: 'sro_refresher',
        due: { when: 'after_assignment', months: 60 },
        renewEveryMonths: 60,
      },
      { kind: 'annual_hours', key: 'continuing_education', hours: 12, topics: [] },
    ],
  };

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    const school = await buildSchool(t.ctx, d.id);
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
    coordinator = await signIn(t.app, await buildUser(t.ctx, { role: 'training_coordinator', districtId }));
    principal = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [school.id] }),
    );
    const other = await buildDistrict(t.ctx);
    otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
  });
  afterAll(() => t.close());

  it('answers the brief 40 hours, warned, until a standard is saved', async () => {
    const s = await standard();
    expect(s).toMatchObject({ preset: 'brief_40', gateMode: 'warn', saved: false });
    expect(s.rules.map((r) => r.kind)).toEqual(['hours', 'topics']);
    expect(s.rules[0]).toMatchObject({ hours: 40, due: { when: 'before_assignment' } });
    const presets = await send(principal, 'GET', `${base()}/presets`);
    expect(presets.statusCode, presets.body).toBe(200);
    expect(presets.json<{ items: { preset: string }[] }>().items.map((p) => p.preset)).toEqual([
      'brief_40',
      'national_80',
      'district_180',
      'nasro_basic',
      'arkansas_2025',
    ]);
  });

  it('saves a valid standard, audits it, and reads it back', async () => {
    const res = await send(coordinator, 'PUT', `${base()}/standard`, arkansas);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TrainingStandardView>()).toEqual({ ...arkansas, saved: true });
    expect(await standard()).toEqual({ ...arkansas, saved: true });
    const events = (await auditEvents(t.ctx, districtId)).filter((e) => e.kind === 'training.standard_updated');
    expect(events.at(-1)!.payload).toEqual({
      preset: 'arkansas_2025',
      ruleKeys: ['basic_course', 'ymhfa', 'refresher', 'continuing_education'],
      gateMode: 'block',
    });
    // A second save updates the one row.
    const again = await send(admin, 'PUT', `${base()}/standard`, { ...arkansas, gateMode: 'warn', preset: 'custom' });
    expect(again.statusCode, again.body).toBe(200);
    expect(await standard()).toMatchObject({ preset: 'custom', gateMode: 'warn', saved: true });
  });

  it('refuses bad standards with 400 and a code, changing nothing', async () => {
    const before = await standard();
    const auditBefore = (await kinds()).length;
    const [basic, ymhfa, , annual] = arkansas.rules;
    const bad: [string, unknown, string][] = [
      ['unknown credential', { ...arkansas, rules: [{ ...basic, credential: 'no_such_card' }] }, 'unknown_credential'],
      ['duplicate keys', { ...arkansas, rules: [basic, { ...ymhfa, key: 'basic_course' }] }, 'custom'],
      ['hours 0', { ...arkansas, rules: [{ ...annual, hours: 0 }] }, 'too_small'],
      ['hours 2000', { ...arkansas, rules: [{ ...annual, hours: 2000 }] }, 'too_big'],
      ['months 0', { ...arkansas, rules: [{ ...ymhfa, due: { when: 'after_assignment', months: 0 } }] }, 'too_small'],
      ['renew 0', { ...arkansas, rules: [{ ...ymhfa, renewEveryMonths: 0 }] }, 'too_small'],
      ['gate', { ...arkansas, gateMode: 'maybe' }, 'invalid_value'],
    ];
    for (const [label, body, code] of bad) {
      const res = await send(admin, 'PUT', `${base()}/standard`, body);
      const error = expectError(res, 400, 'invalid_request');
      expect(error as unknown as { issues: { code: string }[] }, label).toMatchObject({
        issues: expect.arrayContaining([expect.objectContaining({ code })]),
      });
    }
    expect(await standard()).toEqual(before);
    expect((await kinds()).length).toBe(auditBefore);
  });

  it('lets only the district administrator and training coordinator save; other districts see nothing', async () => {
    expectError(await send(principal, 'PUT', `${base()}/standard`, arkansas), 403, 'forbidden');
    expect((await send(principal, 'GET', `${base()}/standard`)).statusCode).toBe(200);
    expectError(await send(otherAdmin, 'GET', `${base()}/standard`), 404, 'not_found');
    expectError(await send(otherAdmin, 'PUT', `${base()}/standard`, arkansas), 404, 'not_found');
  });

  it('edits credential types: renames a default, adds one, refuses bad validity', async () => {
    const url = `${base()}/credential-types`;
    const renamed = await send(coordinator, 'PUT', `${url}/ymhfa`, {
      nameEn: 'Youth MHFA',
      nameEs: 'Primeros auxilios (jóvenes)',
      validityMonths: 36,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const added = await send(admin, 'PUT', `${url}/cit`, { nameEn: 'CIT', nameEs: 'CIT', validityMonths: null });
    expect(added.statusCode, added.body).toBe(200);
    const list = (await send(principal, 'GET', url)).json<CredentialTypeList>();
    expect(list.items.find((c) => c.key === 'ymhfa')).toEqual({
      key: 'ymhfa',
      nameEn: 'Youth MHFA',
      nameEs: 'Primeros auxilios (jóvenes)',
      validityMonths: 36,
      saved: true,
    });
    expect(list.items.find((c) => c.key === 'cit')).toMatchObject({ validityMonths: null, saved: true });
    expect(list.items.find((c) => c.key === 'sro_basic')).toMatchObject({ saved: false });
    const events = (await auditEvents(t.ctx, districtId)).filter((e) => e.kind === 'training.credential_type_saved');
    expect(events.map((e) => e.payload)).toEqual([
      { key: 'ymhfa', validityMonths: 36, created: true },
      { key: 'cit', validityMonths: null, created: true },
    ]);
    for (const body of [
      { nameEn: 'X', nameEs: 'Xx', validityMonths: 12 },
      { nameEn: 'Okay', nameEs: 'Bien', validityMonths: 0 },
      { nameEn: 'Okay', nameEs: 'Bien', validityMonths: 241 },
      { nameEn: 'Okay', nameEs: 'Bien', validityMonths: 1.5 },
    ])
      expectError(await send(admin, 'PUT', `${url}/ymhfa`, body), 400, 'invalid_request');
    expectError(
      await send(admin, 'PUT', `${url}/ymhfa`, { nameEn: 'Ok\u0000ay', nameEs: 'Bien', validityMonths: 12 }),
      400,
      'invalid_characters',
    );
    expectError(
      await send(admin, 'PUT', `${url}/Bad-Key`, { nameEn: 'Ok', nameEs: 'Ok', validityMonths: 1 }),
      400,
      'invalid_request',
    );
    expectError(
      await send(principal, 'PUT', `${url}/cit`, { nameEn: 'CIT', nameEs: 'CIT', validityMonths: 1 }),
      403,
      'forbidden',
    );
    // Nothing changed by the refused writes.
    expect((await send(admin, 'GET', url)).json<CredentialTypeList>()).toEqual(list);
    // A rule may now name the district's own credential type.
    const withCit = { ...arkansas, rules: [{ ...arkansas.rules[0], key: 'cit', credential: 'cit' }] };
    expect((await send(admin, 'PUT', `${base()}/standard`, withCit)).statusCode).toBe(200);
  });

  it('creates, lists, edits and deactivates courses; refuses bad input', async () => {
    const url = `${base()}/courses`;
    const created = await send(coordinator, 'POST', url, {
      title: 'Youth Mental Health First Aid',
      provider: 'National Council for Mental Wellbeing',
      hours: 7.5,
      topics: ['youth_mental_health_first_aid', 'crisis_intervention'],
      credentialKey: 'ymhfa',
    });
    expect(created.statusCode, created.body).toBe(201);
    const course = created.json<Course>();
    expect(course).toMatchObject({ hours: 7.5, active: true, credentialKey: 'ymhfa' });
    const stored = await t.ctx.db
      .selectFrom('trainingCourses')
      .select('minutes')
      .where('id', '=', course.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.minutes)).toBe(450);
    const second = await send(admin, 'POST', url, {
      title: 'De-escalation basics',
      provider: 'State POST',
      hours: 4,
      topics: ['de_escalation'],
    });
    expect(second.statusCode, second.body).toBe(201);

    const bad = [
      { title: 'A course', provider: 'P P', hours: 0, topics: [] },
      { title: 'A course', provider: 'P P', hours: 400.25, topics: [] },
      { title: 'A course', provider: 'P P', hours: 1.1, topics: [] },
      { title: 'A course', provider: 'P P', hours: 2, topics: ['astrology'] },
      { title: 'A course', provider: 'P P', hours: 2, topics: ['de_escalation', 'de_escalation'] },
      { title: 'A course', provider: 'P P', hours: 2, topics: [], credentialKey: 'no_such_card' },
      { title: 'x'.repeat(201), provider: 'P P', hours: 2, topics: [] },
      { title: 'A course', provider: 'P P', hours: 1e308, topics: [] },
    ];
    for (const body of bad) expectError(await send(admin, 'POST', url, body), 400, 'invalid_request');
    // A NUL (PostgreSQL cannot store one) is refused before the service, with its own code.
    expectError(
      await send(admin, 'POST', url, { title: 'A\u0000course', provider: 'P P', hours: 2, topics: [] }),
      400,
      'invalid_characters',
    );
    expectError(
      await send(principal, 'POST', url, { title: 'A course', provider: 'P P', hours: 2, topics: [] }),
      403,
      'forbidden',
    );

    const edited = await send(admin, 'PATCH', `/api/training/courses/${course.id}`, { hours: 8, active: false });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Course>()).toMatchObject({ hours: 8, active: false, title: 'Youth Mental Health First Aid' });
    expectError(await send(admin, 'PATCH', `/api/training/courses/${course.id}`, {}), 400, 'invalid_request');
    expectError(
      await send(admin, 'PATCH', `/api/training/courses/${course.id}`, { credentialKey: 'nope_x' }),
      400,
      'invalid_request',
    );
    expectError(
      await send(principal, 'PATCH', `/api/training/courses/${course.id}`, { active: true }),
      403,
      'forbidden',
    );
    expectError(
      await send(otherAdmin, 'PATCH', `/api/training/courses/${course.id}`, { active: true }),
      404,
      'not_found',
    );
    expectError(await send(otherAdmin, 'GET', url), 404, 'not_found');

    const all = (await send(principal, 'GET', url)).json<CoursePage>();
    expect(all.total).toBe(2);
    expect(all.items.map((c) => c.title)).toEqual(['De-escalation basics', 'Youth Mental Health First Aid']);
    const active = (await send(principal, 'GET', `${url}?active=true`)).json<CoursePage>();
    expect(active.items.map((c) => c.title)).toEqual(['De-escalation basics']);
    const page = (await send(principal, 'GET', `${url}?limit=1&offset=1`)).json<CoursePage>();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items.map((c) => c.title)).toEqual(['Youth Mental Health First Aid']);
    const events = (await auditEvents(t.ctx, districtId)).filter((e) => e.kind.startsWith('training.course_'));
    expect(events.map((e) => [e.kind, e.payload])).toEqual([
      ['training.course_created', { courseId: course.id }],
      ['training.course_created', { courseId: second.json<Course>().id }],
      ['training.course_updated', { courseId: course.id, fields: ['hours', 'active'] }],
    ]);
    // The audit log names the course by its title (ids only in the payload).
    const log = await send(admin, 'GET', `/api/districts/${districtId}/audit?limit=200`);
    expect(log.statusCode, log.body).toBe(200);
    const entry = log
      .json<{ items: { kind: string; labels: Record<string, string> }[] }>()
      .items.find((e) => e.kind === 'training.course_updated');
    expect(entry?.labels.courseId).toBe('Youth Mental Health First Aid');
  });
});
