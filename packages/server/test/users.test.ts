import { beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '@forefront/contract';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, type BuiltUser, type Session } from './builders.js';
import { auditEvents, call, countRows, expectError, withBlockedAudit } from './auth.helpers.js';

describe(`users and roles on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let s1: string;
  let s2: string;
  let admin: BuiltUser;
  let adminSession: Session;
  let principal: BuiltUser;
  let principalSession: Session;
  let sro1: BuiltUser;
  let sro2: BuiltUser;
  let counselor: BuiltUser;
  let auditor: BuiltUser;
  let otherDistrictAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    s1 = (await buildSchool(t.ctx, districtId, { name: 'North High' })).id;
    s2 = (await buildSchool(t.ctx, districtId, { name: 'South High' })).id;
    admin = await buildUser(t.ctx, { role: 'district_admin', districtId });
    adminSession = await signIn(t.app, admin);
    principal = await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [s1] });
    principalSession = await signIn(t.app, principal);
    sro1 = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] });
    sro2 = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s2] });
    counselor = await buildUser(t.ctx, {
      role: 'support_staff',
      districtId,
      schoolIds: [s1, s2],
      profession: 'counselor',
    });
    auditor = await buildUser(t.ctx, { role: 'auditor', districtId, accessExpiresAt: '2099-06-30' });
    const other = await buildDistrict(t.ctx);
    otherDistrictAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
  });

  const patch = (s: Session, id: string, body: unknown) => call(t.app, s, 'PATCH', `/api/users/${id}`, body);
  const userRow = (id: string) =>
    t.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const schoolsOf = async (id: string) =>
    (await t.ctx.db.selectFrom('userSchools').select('schoolId').where('userId', '=', id).execute())
      .map((r) => r.schoolId)
      .sort();
  const lastEvent = async () => (await auditEvents(t.ctx, districtId)).at(-1)!;
  const auditCount = () => countRows(t.ctx, 'auditEvents');

  describe('a district administrator changes roles and disables accounts', () => {
    it('changes a role with its schools, audited in the same write', async () => {
      const before = await auditCount();
      const res = await patch(adminSession, sro2.id, { role: 'school_admin', schoolIds: [s2] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: sro2.id, role: 'school_admin', schoolIds: [s2] });
      expect((await userRow(sro2.id)).role).toBe('school_admin');
      expect(await auditCount()).toBe(before + 1);
      expect(await lastEvent()).toMatchObject({
        kind: 'user.updated',
        actorId: admin.id,
        payload: { userId: sro2.id, role: 'school_admin', fields: ['role', 'schoolIds'] },
      });

      // And back, so other tests keep their picture of the district.
      expect((await patch(adminSession, sro2.id, { role: 'sro', schoolIds: [s2] })).statusCode).toBe(200);
    });

    it('disables and re-enables an account', async () => {
      const target = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] });
      const off = await patch(adminSession, target.id, { disabled: true });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().disabled).toBe(true);
      expect(await lastEvent()).toMatchObject({
        kind: 'user.updated',
        payload: { userId: target.id, disabled: true, fields: ['disabled'] },
      });
      expectError(
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email: target.email, password: target.password },
        }),
        401,
        'invalid_credentials',
      );

      const on = await patch(adminSession, target.id, { disabled: false });
      expect(on.json().disabled).toBe(false);
      expect((await signIn(t.app, target)).csrfToken).toBeTruthy();
    });

    it('a change whose audit event cannot be written does not happen', async () => {
      const target = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] });
      const s = await signIn(t.app, target);
      await withBlockedAudit(t.ctx, districtId, async () => {
        expectError(
          await patch(adminSession, target.id, { disabled: true, role: 'school_admin', schoolIds: [s2] }),
          500,
          'internal',
        );
      });
      expect(await userRow(target.id)).toMatchObject({ disabled: 0, role: 'sro' });
      expect(await schoolsOf(target.id)).toEqual([s1]);
      // The sessions deleted inside the rolled-back transaction are still there.
      expect((await call(t.app, s, 'GET', `/api/schools/${s1}`)).statusCode).toBe(200);
    });

    it('moves a user between schools of the district', async () => {
      const target = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [s1] });
      const res = await patch(adminSession, target.id, { schoolIds: [s2, s1, s2] });
      expect(res.statusCode, res.body).toBe(200);
      expect(await schoolsOf(target.id)).toEqual([s1, s2].sort());
    });

    it('cannot change their own role or disable themselves (403), and nothing is written', async () => {
      const before = await auditCount();
      for (const body of [{ role: 'school_admin', schoolIds: [s1] }, { disabled: true }, { role: 'district_admin' }]) {
        const err = expectError(await patch(adminSession, admin.id, body), 403, 'forbidden');
        expect(err.message).toMatch(/own role|own account/);
      }
      const row = await userRow(admin.id);
      expect(row).toMatchObject({ role: 'district_admin', disabled: 0 });
      expect(await auditCount()).toBe(before);
      // Their own display name is fine.
      expect((await patch(adminSession, admin.id, { displayName: 'Dr. Admin' })).json().displayName).toBe('Dr. Admin');
    });

    it('a school-scoped role needs at least one school (400), and nothing changes', async () => {
      const target = await buildUser(t.ctx, { role: 'district_admin', districtId });
      const before = await auditCount();
      for (const body of [{ role: 'sro' }, { role: 'school_admin', schoolIds: [] }]) {
        const res = await patch(adminSession, target.id, body);
        expectError(res, 400, 'invalid_request');
        expect(res.json().error.issues.map((i: { path: string }) => i.path.split('.').at(-1))).toContain('schoolIds');
      }
      // Taking the last school from an SRO is refused by the service.
      const res = await patch(adminSession, sro1.id, { schoolIds: [] });
      expectError(res, 400, 'invalid_request');
      expect(res.json().error.issues).toEqual([
        { path: 'schoolIds', message: expect.any(String), code: 'required_for_role' },
      ]);
      expect((await userRow(target.id)).role).toBe('district_admin');
      expect(await schoolsOf(sro1.id)).toEqual([s1]);
      expect(await auditCount()).toBe(before);
    });

    it('refuses schools of another district (400), and nothing changes', async () => {
      const foreign = await buildSchool(t.ctx, (await buildDistrict(t.ctx)).id);
      const before = await auditCount();
      expectError(await patch(adminSession, sro1.id, { schoolIds: [s1, foreign.id] }), 400, 'invalid_request');
      expect(await schoolsOf(sro1.id)).toEqual([s1]);
      expect(await auditCount()).toBe(before);
    });

    it('a role change drops what belonged to the old role (profession, auditor end date)', async () => {
      const staff = await buildUser(t.ctx, {
        role: 'support_staff',
        districtId,
        schoolIds: [s1],
        profession: 'psychologist',
      });
      const toSro = await patch(adminSession, staff.id, { role: 'sro', schoolIds: [s1] });
      expect(toSro.statusCode, toSro.body).toBe(200);
      expect(toSro.json()).toMatchObject({ role: 'sro', profession: null });

      const aud = await buildUser(t.ctx, { role: 'auditor', districtId, accessExpiresAt: '2099-01-31' });
      const toAdmin = await patch(adminSession, aud.id, { role: 'district_admin' });
      expect(toAdmin.statusCode, toAdmin.body).toBe(200);
      // A district administrator whose access silently ended on the old auditor date would be a bug.
      expect(toAdmin.json()).toMatchObject({ role: 'district_admin', accessExpiresAt: null });
      expect((await userRow(aud.id)).accessExpiresAt).toBeNull();
    });

    it('refuses a profession for a role other than support staff, and an end date for a role other than auditor', async () => {
      const before = await auditCount();
      expectError(await patch(adminSession, sro1.id, { profession: 'counselor' }), 400, 'invalid_request');
      expectError(await patch(adminSession, sro1.id, { accessExpiresAt: '2099-01-01' }), 400, 'invalid_request');
      expect(await userRow(sro1.id)).toMatchObject({ profession: null, accessExpiresAt: null });
      expect(await auditCount()).toBe(before);
      // Support staff may change profession.
      const res = await patch(adminSession, counselor.id, { profession: 'social_worker' });
      expect(res.json()).toMatchObject({ role: 'support_staff', profession: 'social_worker' });
    });

    it("an auditor's end date can move but not be removed", async () => {
      const aud = await buildUser(t.ctx, { role: 'auditor', districtId, accessExpiresAt: '2099-01-31' });
      const moved = await patch(adminSession, aud.id, { accessExpiresAt: '2099-03-31' });
      expect(moved.json().accessExpiresAt).toBe('2099-03-31');
      const before = await auditCount();
      expectError(await patch(adminSession, aud.id, { accessExpiresAt: null }), 400, 'invalid_request');
      expect((await userRow(aud.id)).accessExpiresAt).toBe('2099-03-31');
      expect(await auditCount()).toBe(before);
    });

    it('refuses an empty update and unknown roles with the one error shape', async () => {
      for (const body of [{}, { role: 'superuser' }, { role: 'state_viewer' }, { disabled: 'yes' }]) {
        const res = await patch(adminSession, sro1.id, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json()).toEqual({
          error: { code: 'invalid_request', message: expect.any(String), issues: expect.any(Array) },
        });
      }
    });
  });

  describe('who may see and change whom', () => {
    it('a school administrator sees only the staff of their schools', async () => {
      // A school of its own, so other tests adding staff elsewhere do not change the picture.
      const east = (await buildSchool(t.ctx, districtId, { name: 'East Middle' })).id;
      const west = (await buildSchool(t.ctx, districtId, { name: 'West Middle' })).id;
      const head = await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [east] });
      const eastSro = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [east] });
      const shared = await buildUser(t.ctx, { role: 'support_staff', districtId, schoolIds: [west, east] });
      const westSro = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [west] });
      const s = await signIn(t.app, head);

      const res = await call(t.app, s, 'GET', `/api/districts/${districtId}/users?limit=200`);
      expect(res.statusCode, res.body).toBe(200);
      const ids = res
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort();
      expect(ids).toEqual([head.id, eastSro.id, shared.id].sort());
      expect(res.json().total).toBe(3);
      expect((await call(t.app, s, 'GET', `/api/users/${eastSro.id}`)).statusCode).toBe(200);
      expectError(await call(t.app, s, 'GET', `/api/users/${westSro.id}`), 403, 'forbidden');
      expectError(await call(t.app, s, 'GET', `/api/users/${admin.id}`), 403, 'forbidden');
      // The district administrator sees everyone, including people with no school.
      const all = (await call(t.app, adminSession, 'GET', `/api/districts/${districtId}/users?limit=200`)).json();
      expect(all.items.map((u: { id: string }) => u.id)).toEqual(
        expect.arrayContaining([head.id, eastSro.id, shared.id, westSro.id, admin.id, auditor.id, principal.id]),
      );
    });

    it('a school administrator and an auditor cannot change anyone', async () => {
      expectError(await patch(principalSession, sro1.id, { displayName: 'Renamed By Principal' }), 403, 'forbidden');
      const auditorSession = await signIn(t.app, auditor);
      expect((await call(t.app, auditorSession, 'GET', `/api/districts/${districtId}/users`)).statusCode).toBe(200);
      expectError(await patch(auditorSession, sro1.id, { disabled: true }), 403, 'forbidden');
      expect((await userRow(sro1.id)).disabled).toBe(0);
    });

    it('an SRO cannot list people', async () => {
      const s = await signIn(t.app, sro1);
      expectError(await call(t.app, s, 'GET', `/api/districts/${districtId}/users`), 403, 'forbidden');
    });

    it("another district's administrator gets 404 for this district's people", async () => {
      expectError(await call(t.app, otherDistrictAdmin, 'GET', `/api/districts/${districtId}/users`), 404, 'not_found');
      expectError(await call(t.app, otherDistrictAdmin, 'GET', `/api/users/${sro1.id}`), 404, 'not_found');
      expectError(await patch(otherDistrictAdmin, sro1.id, { disabled: true }), 404, 'not_found');
      expect((await userRow(sro1.id)).disabled).toBe(0);
    });
  });

  describe('lists', () => {
    it('paginate with limit, offset and total', async () => {
      const total = (await t.ctx.db.selectFrom('users').select('id').where('districtId', '=', districtId).execute())
        .length;
      const seen: string[] = [];
      for (let offset = 0; offset < total; offset += 3) {
        const page = (
          await call(t.app, adminSession, 'GET', `/api/districts/${districtId}/users?limit=3&offset=${offset}`)
        ).json();
        expect(page).toMatchObject({ total, limit: 3, offset });
        expect(page.items.length).toBe(Math.min(3, total - offset));
        seen.push(...page.items.map((u: { id: string }) => u.id));
      }
      expect(new Set(seen).size).toBe(total);
      const beyond = (
        await call(t.app, adminSession, 'GET', `/api/districts/${districtId}/users?limit=3&offset=${total}`)
      ).json();
      expect(beyond).toMatchObject({ items: [], total });
      for (const q of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc'])
        expectError(
          await call(t.app, adminSession, 'GET', `/api/districts/${districtId}/users?${q}`),
          400,
          'invalid_request',
        );
    });

    it('show only the fields of the contract: no hashes, secrets or counters', async () => {
      const page = (await call(t.app, adminSession, 'GET', `/api/districts/${districtId}/users?limit=200`)).json();
      const allowed = Object.keys(UserSchema.shape).sort();
      for (const u of page.items) expect(Object.keys(u).sort()).toEqual(allowed);
      const body = JSON.stringify(page);
      expect(body).not.toMatch(/argon2|passwordHash|mfaSecret|failedSignIns|lockedUntil/);
      expect(body).not.toContain('JBSWY3DPEHPK3PXP');
    });
  });
});
