import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, type Session } from './builders.js';
import { auditEvents, call, countRows, expectError, withBlockedAudit } from './auth.helpers.js';

describe(`districts and schools on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let admin: Session;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx, { name: 'Harbor County Schools' })).id;
    const a = await buildUser(t.ctx, { role: 'district_admin', districtId });
    adminId = a.id;
    admin = await signIn(t.app, a);
  });

  const districtRow = () =>
    t.ctx.db.selectFrom('districts').selectAll().where('id', '=', districtId).executeTakeFirstOrThrow();
  const events = () => auditEvents(t.ctx, districtId);
  const school = (over: Record<string, unknown> = {}) => ({
    ncesSchoolId: '510000100001',
    name: 'Harbor High',
    gradeLow: '09',
    gradeHigh: '12',
    enrollment: 1200,
    ...over,
  });
  let ncesCounter = 0;
  const freshNces = () => `51${String(process.pid % 1000).padStart(3, '0')}${String(++ncesCounter).padStart(7, '0')}`;

  describe('district settings', () => {
    it('the suppression threshold accepts 5 to 30 and each change is audited', async () => {
      for (const n of [5, 30, 12]) {
        const before = (await events()).length;
        const res = await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: n });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().suppressionMinN).toBe(n);
        expect(Number((await districtRow()).suppressionMinN)).toBe(n);
        const after = await events();
        expect(after).toHaveLength(before + 1);
        expect(after.at(-1)).toMatchObject({
          kind: 'district.updated',
          actorId: adminId,
          payload: { districtId, fields: ['suppressionMinN'] },
        });
      }
    });

    it('a threshold outside 5..30 is a 400 and changes nothing', async () => {
      const before = await districtRow();
      const auditBefore = await countRows(t.ctx, 'auditEvents');
      for (const bad of [4, 31, 0, -10, 10.5, '10', null]) {
        const res = await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: bad });
        expect(res.statusCode, `${String(bad)}: ${res.body}`).toBe(400);
        expect(res.json()).toEqual({
          error: { code: 'invalid_request', message: expect.any(String), issues: expect.any(Array) },
        });
        expect(res.json().error.issues[0].path).toMatch(/suppressionMinN$/);
      }
      expectError(await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, {}), 400, 'invalid_request');
      expect(await districtRow()).toEqual(before);
      expect(await countRows(t.ctx, 'auditEvents')).toBe(auditBefore);
    });

    it('only the district administrator may change it', async () => {
      const s = await buildSchool(t.ctx, districtId);
      const principal = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [s.id] }),
      );
      expectError(
        await call(t.app, principal, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: 5 }),
        403,
        'forbidden',
      );
      const elsewhere = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'district_admin', districtId: (await buildDistrict(t.ctx)).id }),
      );
      expectError(
        await call(t.app, elsewhere, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: 5 }),
        404,
        'not_found',
      );
      expectError(await call(t.app, elsewhere, 'GET', `/api/districts/${districtId}`), 404, 'not_found');
    });

    it('the change and its audit event commit together: when the event cannot be written, the change is rolled back', async () => {
      const before = await districtRow();
      await withBlockedAudit(t.ctx, districtId, async () => {
        const res = await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, {
          name: 'Renamed Without A Trace',
        });
        expectError(res, 500, 'internal');
        expect(res.body).not.toMatch(/constraint|unique|audit_events|sqlite|duplicate/i);
        expect(await districtRow()).toEqual(before);
        const created = await call(
          t.app,
          admin,
          'POST',
          `/api/districts/${districtId}/schools`,
          school({ ncesSchoolId: freshNces(), name: 'Unaudited High' }),
        );
        expectError(created, 500, 'internal');
        expect(
          await t.ctx.db.selectFrom('schools').select('id').where('name', '=', 'Unaudited High').execute(),
        ).toHaveLength(0);
      });
      const res = await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, {
        name: 'Harbor County Public Schools',
      });
      expect(res.statusCode, res.body).toBe(200);
      // The failed attempts left no trace in the hash chain: it still verifies end to end.
      const verify = await call(t.app, admin, 'POST', `/api/districts/${districtId}/audit/verify`);
      expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    });
  });

  describe('schools', () => {
    it('NCES ids keep their leading zeros: 010000500870 round-trips as text', async () => {
      const res = await call(
        t.app,
        admin,
        'POST',
        `/api/districts/${districtId}/schools`,
        school({ ncesSchoolId: '010000500870', name: 'Albertville High' }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created.ncesSchoolId).toBe('010000500870');
      const read = await call(t.app, admin, 'GET', `/api/schools/${created.id}`);
      expect(read.json().ncesSchoolId).toBe('010000500870');
      const row = await t.ctx.db
        .selectFrom('schools')
        .select('ncesSchoolId')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(typeof row.ncesSchoolId).toBe('string');
      expect(row.ncesSchoolId).toBe('010000500870');
      // Found by its exact text, and audited with it.
      expect(
        await t.ctx.db.selectFrom('schools').select('id').where('ncesSchoolId', '=', '010000500870').execute(),
      ).toHaveLength(1);
      expect((await events()).at(-1)).toMatchObject({
        kind: 'school.created',
        actorId: adminId,
        payload: { schoolId: created.id, ncesSchoolId: '010000500870' },
      });
      // The public page shows it the same way.
      const pub = (await t.app.inject(`/api/public/districts/${districtId}`)).json();
      expect(pub.schools.find((s: { id: string }) => s.id === created.id).ncesSchoolId).toBe('010000500870');
    });

    it('a duplicate NCES id is a 409 (in any district) and writes nothing', async () => {
      const nces = freshNces();
      expect(
        (await call(t.app, admin, 'POST', `/api/districts/${districtId}/schools`, school({ ncesSchoolId: nces })))
          .statusCode,
      ).toBe(201);
      const otherDistrict = await buildDistrict(t.ctx);
      const otherAdmin = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'district_admin', districtId: otherDistrict.id }),
      );
      const before = { schools: await countRows(t.ctx, 'schools'), audit: await countRows(t.ctx, 'auditEvents') };
      const err = expectError(
        await call(
          t.app,
          admin,
          'POST',
          `/api/districts/${districtId}/schools`,
          school({ ncesSchoolId: nces, name: 'Another Name' }),
        ),
        409,
        'conflict',
      );
      expect(err.message).toContain(nces);
      expectError(
        await call(
          t.app,
          otherAdmin,
          'POST',
          `/api/districts/${otherDistrict.id}/schools`,
          school({ ncesSchoolId: nces }),
        ),
        409,
        'conflict',
      );
      expect({ schools: await countRows(t.ctx, 'schools'), audit: await countRows(t.ctx, 'auditEvents') }).toEqual(
        before,
      );
    });

    it('refuses malformed schools with the one error shape and writes nothing', async () => {
      const before = { schools: await countRows(t.ctx, 'schools'), audit: await countRows(t.ctx, 'auditEvents') };
      const cases: [Record<string, unknown>, string][] = [
        [school({ ncesSchoolId: 10000500870 }), 'ncesSchoolId'],
        [school({ ncesSchoolId: '10000500870' }), 'ncesSchoolId'],
        [school({ ncesSchoolId: freshNces(), gradeLow: '12', gradeHigh: '09' }), 'gradeHigh'],
        [school({ ncesSchoolId: freshNces(), enrollment: -1 }), 'enrollment'],
        [school({ ncesSchoolId: freshNces(), gradeLow: '13' }), 'gradeLow'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/schools`, body);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
        expect(res.json().error.issues.map((i: { path: string }) => i.path.split('.').at(-1))).toContain(field);
      }
      expect({ schools: await countRows(t.ctx, 'schools'), audit: await countRows(t.ctx, 'auditEvents') }).toEqual(
        before,
      );
    });

    it('a school administrator may update their own school (audited) but not another or create one', async () => {
      const mine = await buildSchool(t.ctx, districtId, { name: 'Mine High' });
      const theirs = await buildSchool(t.ctx, districtId, { name: 'Theirs High' });
      const principal = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [mine.id] }),
      );
      const res = await call(t.app, principal, 'PATCH', `/api/schools/${mine.id}`, { enrollment: 950 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().enrollment).toBe(950);
      expect((await events()).at(-1)).toMatchObject({
        kind: 'school.updated',
        payload: { schoolId: mine.id, fields: ['enrollment'] },
      });
      const auditBefore = await countRows(t.ctx, 'auditEvents');
      expectError(
        await call(t.app, principal, 'PATCH', `/api/schools/${theirs.id}`, { enrollment: 1 }),
        403,
        'forbidden',
      );
      expectError(
        await call(
          t.app,
          principal,
          'POST',
          `/api/districts/${districtId}/schools`,
          school({ ncesSchoolId: freshNces() }),
        ),
        403,
        'forbidden',
      );
      expect(await countRows(t.ctx, 'auditEvents')).toBe(auditBefore);
      const row = await t.ctx.db
        .selectFrom('schools')
        .select('enrollment')
        .where('id', '=', theirs.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.enrollment)).toBe(800);
    });

    it('lists paginate with limit, offset and total; school staff see only their schools', async () => {
      const d = await buildDistrict(t.ctx);
      const a = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await buildSchool(t.ctx, d.id, { name: `School ${String.fromCharCode(65 + i)}` })).id);
      const seen: string[] = [];
      for (const offset of [0, 2, 4]) {
        const page = (await call(t.app, a, 'GET', `/api/districts/${d.id}/schools?limit=2&offset=${offset}`)).json();
        expect(page).toMatchObject({ total: 5, limit: 2, offset });
        seen.push(...page.items.map((s: { id: string }) => s.id));
      }
      expect(seen).toEqual(ids);
      const defaults = (await call(t.app, a, 'GET', `/api/districts/${d.id}/schools`)).json();
      expect(defaults).toMatchObject({ total: 5, limit: 50, offset: 0 });
      expectError(await call(t.app, a, 'GET', `/api/districts/${d.id}/schools?limit=500`), 400, 'invalid_request');

      const sro = await signIn(
        t.app,
        await buildUser(t.ctx, { role: 'sro', districtId: d.id, schoolIds: [ids[1]!, ids[3]!] }),
      );
      const mine = (await call(t.app, sro, 'GET', `/api/districts/${d.id}/schools?limit=1`)).json();
      expect(mine).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(mine.items.map((s: { id: string }) => s.id)).toEqual([ids[1]]);
      expectError(await call(t.app, sro, 'GET', `/api/schools/${ids[0]}`), 403, 'forbidden');
    });
  });
});
