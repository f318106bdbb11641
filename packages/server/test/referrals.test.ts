import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider, Referral } from '@forefront/contract';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { buildStudent } from './incident.helpers.js';
import { insertCase, insertProvider, insertReferral } from './referrals.helpers.js';

/** Referrals to support services and the provider directory (issue 15 item 3). */
describe(`referrals to support services on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let s1: string;
  let s2: string;
  let admin: Session;
  let counselor: Session;
  let counselorId: string;
  let principal2: Session;
  let sroId: string;
  let st1: string;
  let st2: string;
  const today = () => new Date().toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const REASON = 'Canary-reason-7f3a: grieving a family loss';

  beforeAll(async () => {
    t = await createTestApp();
    // UTC, so "today" in the test and on the district's calendar agree.
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    await t.ctx.db.updateTable('districts').set({ timeZone: 'UTC' }).where('id', '=', d.id).execute();
    s1 = (await buildSchool(t.ctx, d.id)).id;
    s2 = (await buildSchool(t.ctx, d.id)).id;
    const a = await buildUser(t.ctx, { role: 'district_admin', districtId });
    const c = await buildUser(t.ctx, { role: 'support_staff', districtId, schoolIds: [s1], profession: 'counselor' });
    const p = await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [s2] });
    sroId = (await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] })).id;
    counselorId = c.id;
    [admin, counselor, principal2] = [await signIn(t.app, a), await signIn(t.app, c), await signIn(t.app, p)];
    st1 = (await buildStudent(t.ctx, districtId, s1, { race: 'BL', sex: 'M', idea: true })).id;
    st2 = (await buildStudent(t.ctx, districtId, s2)).id;
  });

  const make = (s: Session, body: object) => call(t.app, s, 'POST', `/api/districts/${districtId}/referrals`, body);
  const move = (s: Session, id: string, body: object) => call(t.app, s, 'POST', `/api/referrals/${id}/status`, body);
  const base = () => ({ studentId: st1, schoolId: s1, kind: 'counselor', reason: REASON, followUpDueOn: inDays(7) });

  it('keeps a directory of providers, linked only to the district’s support staff, written by administrators', async () => {
    const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/providers`, {
      kind: 'counselor',
      name: 'Dana Ortiz',
      userId: counselorId,
      languages: ['en', 'es'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Provider>()).toMatchObject({ name: 'Dana Ortiz', userId: counselorId, openReferrals: 0 });
    expect(res.json<Provider>().languages).toEqual(['en', 'es']);
    const bad = await call(t.app, admin, 'POST', `/api/districts/${districtId}/providers`, {
      kind: 'counselor',
      name: 'Not staff',
      userId: sroId,
    });
    expect(expectError(bad, 400, 'invalid_request')).toBeTruthy();
    expect(bad.json().error.issues[0].code).toBe('not_support_staff');
    expectError(
      await call(t.app, counselor, 'POST', `/api/districts/${districtId}/providers`, { kind: 'counselor', name: 'X' }),
      403,
      'forbidden',
    );
    const id = res.json<Provider>().id;
    const edit = await call(t.app, admin, 'PATCH', `/api/providers/${id}`, {
      kind: 'counselor',
      name: 'Dana Ortiz-Ruiz',
      userId: counselorId,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json<Provider>().name).toBe('Dana Ortiz-Ruiz');
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({
      kind: 'provider.updated',
      payload: { providerId: id, fields: ['name', 'languages'] },
    });
  });

  it('makes a referral with a sealed reason and the student’s groups copied, audited without the reason', async () => {
    const res = await make(counselor, base());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<Referral>();
    expect(r).toMatchObject({
      status: 'made',
      source: 'direct',
      reason: REASON,
      caseId: null,
      overdue: false,
      version: 1,
    });
    const row = await t.ctx.db
      .selectFrom('supportReferrals')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.reasonSealed).not.toContain('Canary');
    expect([row.race, row.sex, Number(row.idea), Number(row.englishLearner)]).toEqual(['BL', 'M', 1, 0]);
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({ kind: 'referral.made', payload: { referralId: r.id, studentId: st1 } });
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain('Canary');
  });

  it('refuses a student at another school, a school outside the actor’s, an unknown provider, changing nothing', async () => {
    const before = await t.ctx.db.selectFrom('supportReferrals').select('id').execute();
    const wrongSchool = await make(counselor, { ...base(), studentId: st2 });
    expectError(wrongSchool, 400, 'invalid_request');
    expect(wrongSchool.json().error.issues[0].code).toBe('not_in_school');
    expectError(await make(counselor, { ...base(), studentId: st2, schoolId: s2 }), 403, 'forbidden');
    const provider = await make(counselor, { ...base(), providerId: 'no-such-provider' });
    expect(provider.json().error.issues[0].code).toBe('unknown_provider');
    const past = await make(counselor, { ...base(), followUpDueOn: inDays(-1) });
    expect(past.json().error.issues[0].code).toBe('before_referral');
    expect(await t.ctx.db.selectFrom('supportReferrals').select('id').execute()).toHaveLength(before.length);
  });

  it('moves a referral forward with dates, refuses going back, stale versions and dates out of range', async () => {
    const r = (await make(counselor, base())).json<Referral>();
    const accepted = await move(counselor, r.id, { status: 'accepted', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Referral>()).toMatchObject({ status: 'accepted', acceptedAt: today(), version: 2 });
    const stale = await move(counselor, r.id, { status: 'first_contact', version: 1 });
    expectError(stale, 409, 'conflict');
    expect(stale.json().error.params.reason).toBe('referral_changed');
    expect((await move(counselor, r.id, { status: 'made', version: 2 })).json().error.params.reason).toBe(
      'referral_status_order',
    );
    const early = await move(counselor, r.id, { status: 'first_contact', on: inDays(-2), version: 2 });
    expect(early.json().error.issues[0].code).toBe('before_referral');
    const future = await move(counselor, r.id, { status: 'first_contact', on: inDays(1), version: 2 });
    expect(future.json().error.issues[0].code).toBe('in_future');
    const contact = (await move(counselor, r.id, { status: 'first_contact', version: 2 })).json<Referral>();
    expect(contact).toMatchObject({ status: 'first_contact', firstContactAt: today(), awaitsFollowUp: false });
    const done = (await move(counselor, r.id, { status: 'completed', version: 3 })).json<Referral>();
    expect(done).toMatchObject({ status: 'completed', completedAt: today(), ongoingAt: null });
    const after = await move(counselor, r.id, { status: 'declined', version: 4 });
    expect(after.json().error.params.reason).toBe('referral_status_order');
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({
      kind: 'referral.status_changed',
      payload: { referralId: r.id, from: 'first_contact', to: 'completed', on: today() },
    });
    // Declined from an open status.
    const other = (await make(counselor, base())).json<Referral>();
    const declined = (await move(counselor, other.id, { status: 'declined', version: 1 })).json<Referral>();
    expect(declined).toMatchObject({ status: 'declined', declinedAt: today() });
  });

  it('lists overdue referrals first, narrows a school-scoped reader, filters, and audits the read', async () => {
    const prov = await insertProvider(t.ctx, districtId, { name: 'Caseload provider' });
    const overdue = await insertReferral(t.ctx, {
      districtId,
      schoolId: s1,
      studentId: st1,
      daysAgo: 20,
      dueInDays: -3,
      providerId: prov,
    });
    await insertReferral(t.ctx, { districtId, schoolId: s2, studentId: st2, providerId: prov });
    const page = (await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?limit=100`)).json<{
      items: Referral[];
      total: number;
    }>();
    expect(page.items[0]).toMatchObject({ id: overdue, overdue: true, awaitsFollowUp: true });
    expect(page.items.filter((i) => i.overdue).map((i) => i.id)).toEqual([overdue]);
    const mine = (await call(t.app, counselor, 'GET', `/api/districts/${districtId}/referrals?limit=100`)).json<{
      items: Referral[];
    }>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.schoolId === s1)).toBe(true);
    const s2Only = (await call(t.app, principal2, 'GET', `/api/districts/${districtId}/referrals`)).json<{
      items: Referral[];
    }>();
    expect(s2Only.items.map((i) => i.studentId)).toEqual([st2]);
    const caseload = (
      await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?providerId=${prov}`)
    ).json<{ total: number }>();
    expect(caseload.total).toBe(2);
    const late = (await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?overdue=true`)).json<{
      items: Referral[];
    }>();
    expect(late.items.map((i) => i.id)).toEqual([overdue]);
    const completed = (
      await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?status=completed`)
    ).json<{ items: Referral[] }>();
    expect(completed.items.every((i) => i.status === 'completed') && completed.items.length === 1).toBe(true);
    const providers = (await call(t.app, admin, 'GET', `/api/districts/${districtId}/providers`)).json<{
      items: Provider[];
    }>();
    expect(providers.items.find((p) => p.id === prov)!.openReferrals).toBe(2);
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({ kind: 'referral.listed', payload: { providerId: null } });
  });

  it('makes a referral from a case only for its team, names the case only to readers who may open it', async () => {
    const caseId = await insertCase(t.ctx, { districtId, schoolId: s1, studentId: st1, memberIds: [counselorId] });
    const mismatch = await make(counselor, {
      ...base(),
      caseId,
      studentId: (await buildStudent(t.ctx, districtId, s1)).id,
    });
    expect(mismatch.json().error.issues[0].code).toBe('case_mismatch');
    // The district administrator is not on the team: the case answers as if it did not exist.
    expectError(await make(admin, { ...base(), caseId }), 404, 'not_found');
    const res = await make(counselor, { ...base(), caseId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Referral>()).toMatchObject({ source: 'case', caseId });
    const asAdmin = await call(t.app, admin, 'GET', `/api/referrals/${res.json<Referral>().id}`);
    expect(asAdmin.json<Referral>()).toMatchObject({ source: 'case', caseId: null, reason: REASON });
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({ kind: 'referral.viewed', payload: { referralId: res.json<Referral>().id } });
    expectError(await call(t.app, principal2, 'GET', `/api/referrals/${res.json<Referral>().id}`), 403, 'forbidden');
  });

  it('finds students to refer among the referrer’s own schools, audited', async () => {
    const res = await call(t.app, counselor, 'GET', `/api/districts/${districtId}/referral-students?q=Sam`);
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json<{ items: { id: string; schoolId: string }[] }>().items.map((i) => i.id);
    expect(ids).toContain(st1);
    expect(ids).not.toContain(st2);
    const events = await auditEvents(t.ctx, districtId);
    expect(events.at(-1)).toMatchObject({ kind: 'referral.students_searched', payload: { count: ids.length } });
  });

  it('assigns a provider when a referral is accepted, only one of the district’s active providers', async () => {
    const prov = await insertProvider(t.ctx, districtId, { name: 'Assigned on acceptance' });
    const r = (await make(counselor, base())).json<Referral>();
    const unknown = await move(counselor, r.id, { status: 'accepted', version: 1, providerId: 'nope' });
    expect(unknown.json().error.issues[0].code).toBe('unknown_provider');
    const ok = await move(counselor, r.id, { status: 'accepted', version: 1, providerId: prov });
    expect(ok.json<Referral>()).toMatchObject({ providerId: prov, providerName: 'Assigned on acceptance' });
  });

  it('pages through overdue and other referrals in one order, each once', async () => {
    const all = (await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?limit=100`)).json<{
      items: Referral[];
      total: number;
    }>();
    expect(all.items.length).toBe(all.total);
    const paged: string[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await call(t.app, admin, 'GET', `/api/districts/${districtId}/referrals?limit=2&offset=${offset}`);
      paged.push(...page.json<{ items: Referral[] }>().items.map((r) => r.id));
    }
    expect(paged).toEqual(all.items.map((r) => r.id));
    // Overdue ones first, then newest first within each part.
    const firstNotOverdue = all.items.findIndex((r) => !r.overdue);
    expect(all.items.slice(firstNotOverdue).some((r) => r.overdue)).toBe(false);
    const rest = all.items.slice(firstNotOverdue).map((r) => r.madeAt);
    expect(rest).toEqual([...rest].sort().reverse());
  });
});
