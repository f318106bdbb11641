import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogged, ActivityPage, ActivitySummary } from '@forefront/contract';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { buildOfficer, insertActivityRow } from './activities.helpers.js';

/** Officers' time outside incidents (issue 14 item 4): logging, its limits, who may, and the summary's numbers. */
describe(`officers' activities on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let s1: string;
  let s2: string;
  let admin: Session;
  let sro: Session;
  let sroUserId: string;
  let principal: Session;
  let own: string;
  let other: string;
  const day = '2026-03-02';

  const activityCount = async (officerId: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('officerActivities')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('officerId', '=', officerId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    s1 = (await buildSchool(t.ctx, d.id)).id;
    s2 = (await buildSchool(t.ctx, d.id)).id;
    const a = await buildUser(t.ctx, { role: 'district_admin', districtId });
    const u = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] });
    const p = await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [s2] });
    sroUserId = u.id;
    [admin, sro, principal] = [await signIn(t.app, a), await signIn(t.app, u), await signIn(t.app, p)];
    own = (await buildOfficer(t.ctx, districtId, { userId: u.id, schoolIds: [s1] })).id;
    other = (await buildOfficer(t.ctx, districtId, { schoolIds: [s2] })).id;
  });

  const log = (s: Session, officerId: string, body: object) =>
    call(t.app, s, 'POST', `/api/officers/${officerId}/activities`, body);

  it('logs an SRO’s own time at their school, with its sealed note, and audits it', async () => {
    const res = await log(sro, own, {
      activityOn: day,
      kind: 'mentoring',
      hours: 2,
      schoolId: s1,
      note: 'Lunch group, grade 9',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<ActivityLogged>();
    expect(body).toMatchObject({
      hours: 2,
      dayHours: 2,
      kind: 'mentoring',
      schoolId: s1,
      note: 'Lunch group, grade 9',
    });
    const row = await t.ctx.db
      .selectFrom('officerActivities')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.minutes).toBe(120);
    expect(row.noteSealed).not.toContain('Lunch');
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({ kind: 'activity.logged', payload: { activityId: body.id, minutes: 120 } });
    expect(JSON.stringify(events.at(-1)!.payload)).not.toContain('Lunch');
    // Training and time away name no school.
    const away = await log(sro, own, { activityOn: day, kind: 'away_from_school', hours: 1.5 });
    expect(away.statusCode, away.body).toBe(201);
    expect(away.json<ActivityLogged>().dayHours).toBe(3.5);
  });

  it('refuses a day over 24 hours with the hours already logged, and writes nothing', async () => {
    const d = '2026-03-03';
    expect((await log(admin, other, { activityOn: d, kind: 'patrol', hours: 20, schoolId: s2 })).statusCode).toBe(201);
    const before = await activityCount(other);
    const err = expectError(
      await log(admin, other, { activityOn: d, kind: 'patrol', hours: 5, schoolId: s2 }),
      400,
      'activity_day_full',
    );
    expect((err as { params?: object }).params).toEqual({ loggedHours: 20, maxHours: 24 });
    expect(await activityCount(other)).toBe(before);
    expect((await log(admin, other, { activityOn: d, kind: 'patrol', hours: 4, schoolId: s2 })).statusCode).toBe(201);
  });

  it('refuses negative, zero, absurd and partial hours, a future date, a date that does not exist, a missing school', async () => {
    const before = await activityCount(own);
    const bad = [
      { activityOn: day, kind: 'patrol', hours: -2, schoolId: s1 },
      { activityOn: day, kind: 'patrol', hours: 0, schoolId: s1 },
      { activityOn: day, kind: 'patrol', hours: 30, schoolId: s1 },
      { activityOn: day, kind: 'patrol', hours: 1.1, schoolId: s1 },
      { activityOn: '2099-01-05', kind: 'patrol', hours: 1, schoolId: s1 },
      { activityOn: '2025-02-30', kind: 'patrol', hours: 1, schoolId: s1 },
      { activityOn: day, kind: 'patrol', hours: 1 },
      { activityOn: day, kind: 'patrol', hours: 1, schoolId: s1, note: 'x'.repeat(1001) },
    ];
    for (const body of bad) expectError(await log(sro, own, body), 400, 'invalid_request');
    const future = await log(sro, own, bad[4]!);
    expect(future.json().error.issues[0]).toMatchObject({ path: 'activityOn', code: 'in_future' });
    expect((await log(sro, own, bad[6]!)).json().error.issues[0]).toMatchObject({
      path: 'schoolId',
      code: 'school_required',
    });
    expect(await activityCount(own)).toBe(before);
  });

  it('lets an SRO log only for themselves and at their own schools', async () => {
    expectError(await log(sro, other, { activityOn: day, kind: 'patrol', hours: 1, schoolId: s1 }), 403, 'forbidden');
    expectError(await log(sro, own, { activityOn: day, kind: 'patrol', hours: 1, schoolId: s2 }), 403, 'forbidden');
    expectError(
      await log(principal, other, { activityOn: day, kind: 'patrol', hours: 1, schoolId: s2 }),
      403,
      'forbidden',
    );
    const foreign = await buildOfficer(t.ctx, (await buildDistrict(t.ctx)).id);
    expectError(await log(admin, foreign.id, { activityOn: day, kind: 'training', hours: 1 }), 404, 'not_found');
  });

  it('lists what each reader may see, and lets the author or the administrator withdraw an entry within 7 days', async () => {
    const sroList = (await call(t.app, sro, 'GET', `/api/districts/${districtId}/activities`)).json<ActivityPage>();
    expect(sroList.items.length).toBeGreaterThan(0);
    expect(sroList.items.every((i) => i.officerId === own)).toBe(true);
    expect(sroList.officers.map((o) => o.id)).toEqual([own]);
    // A page showing a note (free text that may name a student) is a recorded read.
    expect(sroList.items.some((i) => i.note === 'Lunch group, grade 9')).toBe(true);
    expect((await auditEvents(t.ctx, districtId)).at(-1)).toMatchObject({
      kind: 'activity.listed',
      payload: { count: sroList.items.length },
    });
    const pList = (await call(t.app, principal, 'GET', `/api/districts/${districtId}/activities`)).json<ActivityPage>();
    expect(pList.items.length).toBeGreaterThan(0);
    expect(pList.items.every((i) => i.schoolId === s2)).toBe(true);
    const page = (
      await call(t.app, admin, 'GET', `/api/districts/${districtId}/activities?limit=1&offset=1`)
    ).json<ActivityPage>();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(4);

    const mine = sroList.items[0]!;
    expect(mine.deletable).toBe(true);
    const byAdmin = pList.items[0]!;
    expectError(await call(t.app, sro, 'DELETE', `/api/activities/${byAdmin.id}`), 403, 'forbidden');
    expect((await call(t.app, sro, 'DELETE', `/api/activities/${mine.id}`)).statusCode).toBe(200);
    expect((await auditEvents(t.ctx, districtId)).at(-1)).toMatchObject({
      kind: 'activity.deleted',
      payload: { activityId: mine.id },
    });
    expectError(await call(t.app, sro, 'DELETE', `/api/activities/${mine.id}`), 404, 'not_found');
    const old = await insertActivityRow(t.ctx, {
      districtId,
      officerId: own,
      schoolId: s1,
      activityOn: '2026-01-05',
      kind: 'patrol',
      minutes: 60,
      createdBy: sroUserId,
      createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString(),
    });
    const tooOld = expectError(await call(t.app, sro, 'DELETE', `/api/activities/${old}`), 409, 'conflict');
    expect((tooOld as { params?: object }).params).toMatchObject({ reason: 'activity_too_old', days: 7 });
  });

  it('sums hours by kind and function, in schools against the grant condition, beside the BJS figure', async () => {
    const d = await buildDistrict(t.ctx);
    const sa = (await buildSchool(t.ctx, d.id)).id;
    const adm = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    const o = (await buildOfficer(t.ctx, d.id, { schoolIds: [sa] })).id;
    const rows: [string, string | null, number][] = [
      ['mentoring', sa, 180], // informal counseling 3 h
      ['patrol', sa, 240], // law enforcement 4 h
      ['safety_assessment', sa, 60], // law enforcement 1 h
      ['teaching_class', sa, 120], // community outreach 2 h
      ['training', null, 120], // no function, not in a school
      ['away_from_school', null, 90], // no function, not in a school
    ];
    for (const [kind, schoolId, minutes] of rows)
      await insertActivityRow(t.ctx, {
        districtId: d.id,
        officerId: o,
        schoolId,
        activityOn: '2026-02-10',
        kind,
        minutes,
      });
    // Outside the range asked for: not counted.
    await insertActivityRow(t.ctx, {
      districtId: d.id,
      officerId: o,
      schoolId: sa,
      activityOn: '2026-01-10',
      kind: 'patrol',
      minutes: 600,
    });
    const res = await call(
      t.app,
      adm,
      'GET',
      `/api/districts/${d.id}/activities/summary?from=2026-02-01&to=2026-02-28&inSchoolTarget=0.8`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<ActivitySummary>();
    // 3 + 4 + 1 + 2 + 2 + 1.5 = 13.5 hours; in schools 10 of them.
    expect(s.totalHours).toBe(13.5);
    expect(s.items.find((i) => i.kind === 'patrol')!.hours).toBe(4);
    expect(s.items.find((i) => i.kind === 'family_event')!.hours).toBe(0);
    // Function hours 10: law enforcement 5, counseling 3, outreach 2.
    expect(s.byFunction).toEqual([
      { function: 'law_enforcement', hours: 5, share: 0.5 },
      { function: 'informal_counseling', hours: 3, share: 0.3 },
      { function: 'community_outreach', hours: 2, share: 0.2 },
    ]);
    expect(s.inSchools.hours).toBe(10);
    expect(s.inSchools.share).toBeCloseTo(10 / 13.5, 10);
    expect(s.inSchools).toMatchObject({ target: 0.8, meetsTarget: false });
    expect(s.classroom).toMatchObject({ bjsShare: 0.69, activeOfficers: 0, share: null });
    const dflt = (
      await call(t.app, adm, 'GET', `/api/districts/${d.id}/activities/summary?from=2026-02-01&to=2026-02-28`)
    ).json<ActivitySummary>();
    expect(dflt.inSchools).toMatchObject({ target: 0.75, meetsTarget: false });
  });
});
