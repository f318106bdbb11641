import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiError, addDays, type MyOfficer, type OfficerDetail, type OfficerPage } from '@forefront/contract';
import { call, expectError } from './auth.helpers.js';
import { buildDistrict, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type RosterWorld,
  addOfficer,
  auditKinds,
  buildRosterWorld,
  districtToday,
  insertRecord,
} from './officers.helpers.js';

/** The SRO roster (issue 14 item 1): CRUD, bad input, a principal's narrowing, another district's ids. */
describe(`officer roster on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: RosterWorld;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildRosterWorld(t.app, t.ctx);
    today = await districtToday(t.ctx, w.district.id);
  });

  const list = async (query = '', s = w.sessions.admin) => {
    const res = await call(t.app, s, 'GET', `/api/districts/${w.district.id}/officers${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<OfficerPage>();
  };

  it('adds an officer without an account, lists, reads and edits him, auditing each', async () => {
    const o = await addOfficer(t.app, w.sessions.coordinator, w.district.id, {
      name: 'Officer Daniel Reyes',
      agency: 'Riverside Police Department',
      badgeNumber: 'RPD-4471',
      email: 'D.Reyes@Riverside.example',
    });
    expect(o).toMatchObject({ name: 'Officer Daniel Reyes', email: 'd.reyes@riverside.example', userId: null });
    expect(o.status).toBe('active');
    expect(o.schools).toEqual([]);
    // A new hire with no records does not meet the default 40 hours; not assigned, so nothing is overdue yet.
    expect(o.compliance.asOf).toBe(today);
    expect(o.credentialTypes.map((c) => c.key)).toContain('ymhfa');
    expect(o.gateMode).toBe('warn');

    const found = await list('?q=reyes');
    expect(found.items.map((i) => i.id)).toEqual([o.id]);
    expect((await list('?q=RPD-44')).items.map((i) => i.id)).toEqual([o.id]);
    expect((await list('?q=nobody')).total).toBe(0);

    const read = await call(t.app, w.sessions.admin, 'GET', `/api/officers/${o.id}`);
    expect(read.statusCode, read.body).toBe(200);
    const patched = await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${o.id}`, {
      status: 'inactive',
      badgeNumber: 'RPD-4472',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<OfficerDetail>()).toMatchObject({ status: 'inactive', badgeNumber: 'RPD-4472' });
    expect((await list('?status=inactive')).items.map((i) => i.id)).toContain(o.id);
    expect((await list('?status=active')).items.map((i) => i.id)).not.toContain(o.id);

    expect(await auditKinds(t.ctx, w.district.id, 'officer.created')).toContainEqual({ officerId: o.id, userId: null });
    expect(await auditKinds(t.ctx, w.district.id, 'officer.viewed')).toContainEqual({ officerId: o.id });
    expect(await auditKinds(t.ctx, w.district.id, 'officer.updated')).toContainEqual({
      officerId: o.id,
      fields: ['badgeNumber', 'status'],
    });
    expect((await auditKinds(t.ctx, w.district.id, 'officer.listed')).length).toBeGreaterThan(0);

    // The log keeps ids; the page reading it names the officer.
    const log = await call(
      t.app,
      w.sessions.admin,
      'GET',
      `/api/districts/${w.district.id}/audit?kind=officer.created`,
    );
    expect(log.statusCode, log.body).toBe(200);
    const entry = log
      .json<{ items: { payload: { officerId?: string }; labels: Record<string, string> }[] }>()
      .items.find((e) => e.payload.officerId === o.id);
    expect(entry?.labels.officerId).toBe('Officer Daniel Reyes (Riverside Police Department)');
  });

  it('refuses a duplicate badge of the same agency (any case) with a reason, and bad input with 400', async () => {
    await addOfficer(t.app, w.sessions.admin, w.district.id, { agency: 'Metro PD', badgeNumber: 'M-100' });
    const dup = await call(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/officers`, {
      name: 'Someone Else',
      agency: 'metro pd',
      badgeNumber: 'm-100',
    });
    expect((expectError(dup, 409, 'conflict') as ApiError['error']).params).toMatchObject({ reason: 'officer_exists' });
    // The same badge at another agency is another officer.
    await addOfficer(t.app, w.sessions.admin, w.district.id, { agency: 'County Sheriff', badgeNumber: 'M-100' });

    for (const body of [
      { name: '', agency: 'A', badgeNumber: '1' },
      { name: 'A', agency: 'A', badgeNumber: 'x'.repeat(41) },
      { name: 'A', agency: 'A', badgeNumber: '1', email: 'not an email' },
      { name: 'A', agency: 'A' },
    ]) {
      const res = await call(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/officers`, body);
      expectError(res, 400, 'invalid_request');
    }
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id);
    expectError(await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${o.id}`, {}), 400, 'invalid_request');
    expectError(
      await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${o.id}`, { status: 'retired' }),
      400,
      'invalid_request',
    );
  });

  it('links an SRO account of the district once, refuses other accounts, and unlinks', async () => {
    const sro = await buildUser(t.ctx, { role: 'sro', districtId: w.district.id, schoolIds: [w.s1] });
    const linkable = async () => {
      const res = await call(
        t.app,
        w.sessions.admin,
        'GET',
        `/api/districts/${w.district.id}/officers/linkable-accounts`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { id: string }[] }>().items.map((a) => a.id);
    };
    // The page's picker offers the SRO's account until a roster entry links it; never a principal's.
    expect(await linkable()).toContain(sro.id);
    expect(await linkable()).not.toContain(w.principal.id);
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id, { userId: sro.id });
    expect(await linkable()).not.toContain(sro.id);
    expect(o.linkedAccount?.id).toBe(sro.id);
    const again = await call(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/officers`, {
      name: 'Twin',
      agency: 'X',
      badgeNumber: 'X1',
      userId: sro.id,
    });
    expect((expectError(again, 409, 'conflict') as ApiError['error']).params).toMatchObject({
      reason: 'account_linked',
    });
    // A principal's account is not an SRO's.
    const notSro = await call(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/officers`, {
      name: 'Twin',
      agency: 'X',
      badgeNumber: 'X2',
      userId: w.principal.id,
    });
    expect((expectError(notSro, 400, 'invalid_request') as ApiError['error']).issues?.[0]).toMatchObject({
      path: 'userId',
      code: 'not_sro_account',
    });

    // The SRO sees their own entry and status.
    const sroSession = await signIn(t.app, sro);
    const mine = await call(t.app, sroSession, 'GET', '/api/me/officer');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<MyOfficer>().officer?.id).toBe(o.id);
    const none = await call(t.app, w.sessions.admin, 'GET', '/api/me/officer');
    expect(none.json<MyOfficer>().officer).toBeNull();

    const unlinked = await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${o.id}`, { userId: null });
    expect(unlinked.json<OfficerDetail>().linkedAccount).toBeNull();
    expect(await linkable()).toContain(sro.id);
    expect((await call(t.app, sroSession, 'GET', '/api/me/officer')).json<MyOfficer>().officer).toBeNull();
  });

  it("shows a principal only the officers serving their schools today, and judges each officer's compliance", async () => {
    const atNorth = await addOfficer(t.app, w.sessions.admin, w.district.id, { name: 'Officer North' });
    const atSouth = await addOfficer(t.app, w.sessions.admin, w.district.id, { name: 'Officer South' });
    await insertRecord(t.ctx, w.district.id, atNorth.id, {
      completedOn: addDays(today, -30),
      hours: 40,
      topics: ['crisis_intervention', 'cultural_competency'],
    });
    for (const [o, school] of [
      [atNorth, w.s1],
      [atSouth, w.s2],
    ] as const) {
      const res = await call(t.app, w.sessions.admin, 'POST', `/api/officers/${o.id}/assignments`, {
        schoolId: school,
        startsOn: addDays(today, -1),
        confirmWarning: true,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const seen = await list('', w.sessions.principal);
    expect(seen.items.map((i) => i.id)).toEqual([atNorth.id]);
    expect(seen.items[0]).toMatchObject({ schools: [{ id: w.s1, name: 'North High' }] });
    expect(seen.items[0]!.compliance.status).toBe('compliant');
    expectError(await call(t.app, w.sessions.principal, 'GET', `/api/officers/${atSouth.id}`), 403, 'forbidden');
    expect((await call(t.app, w.sessions.principal, 'GET', `/api/officers/${atNorth.id}`)).statusCode).toBe(200);
    expectError(
      await call(t.app, w.sessions.principal, 'POST', `/api/districts/${w.district.id}/officers`, {
        name: 'A',
        agency: 'B',
        badgeNumber: 'C',
      }),
      403,
      'forbidden',
    );

    // South has no training and serves since yesterday: not compliant, with the 40 hours missing.
    const south = (await list('?schoolId=' + w.s2)).items;
    expect(south.map((i) => i.id)).toEqual([atSouth.id]);
    expect(south[0]!.compliance.status).toBe('not_compliant');
    expect(south[0]!.compliance.reasons).toContainEqual(
      expect.objectContaining({ rule: 'youth_hours', code: 'needs_hours', overdue: true }),
    );
    const notCompliant = await list('?compliance=not_compliant');
    expect(notCompliant.items.map((i) => i.id)).toContain(atSouth.id);
    expect(notCompliant.items.map((i) => i.id)).not.toContain(atNorth.id);
    const page = await list('?limit=1&offset=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });

  it("answers 404 for another district's officers and roster, as for ids that do not exist", async () => {
    const other = await buildDistrict(t.ctx);
    const otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
    const theirs = await addOfficer(t.app, otherAdmin, other.id);
    expectError(await call(t.app, w.sessions.admin, 'GET', `/api/officers/${theirs.id}`), 404, 'not_found');
    expectError(
      await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${theirs.id}`, { name: 'X' }),
      404,
      'not_found',
    );
    expectError(await call(t.app, w.sessions.admin, 'GET', `/api/districts/${other.id}/officers`), 404, 'not_found');
    expectError(await call(t.app, w.sessions.admin, 'GET', '/api/officers/nope'), 404, 'not_found');
  });
});
