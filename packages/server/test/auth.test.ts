import { beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_CODE_COUNT, SIGN_IN_MAX_FAILURES } from '@forefront/contract';
import { currentTotp } from '../src/modules/auth/totp.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, TEST_PASSWORD, type BuiltUser } from './builders.js';
import {
  MINUTE,
  auditEvents,
  call,
  expectError,
  isoFromNow,
  passwordSignIn,
  sessionFrom,
  wrongTotp,
} from './auth.helpers.js';

describe(`sign-in, lockout and MFA on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let schoolId: string;

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    schoolId = (await buildSchool(t.ctx, districtId)).id;
  });

  const userRow = (id: string) =>
    t.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('sign-in', () => {
    it('a wrong password and an unknown e-mail get the same 401 body', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const wrong = await passwordSignIn(t.app, user.email, 'not the password at all');
      const unknown = await passwordSignIn(t.app, 'nobody.here@example.test', 'not the password at all');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(wrong.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'The e-mail address or password is not correct' },
      });
      // Neither answer starts a session.
      expect(wrong.cookies).toHaveLength(0);
      expect(unknown.cookies).toHaveLength(0);
    });

    it('e-mail addresses are matched case-insensitively', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const res = await passwordSignIn(t.app, user.email.toUpperCase(), user.password);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('signed_in');
    });

    it('a role without MFA is signed in at once and the success is audited', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const res = await passwordSignIn(t.app, user.email, user.password);
      expect(res.json()).toEqual({ status: 'signed_in', csrfToken: expect.any(String) });
      const row = await userRow(user.id);
      expect(row.lastSignInAt).not.toBeNull();
      const events = (await auditEvents(t.ctx, 'system')).filter((e) => e.actorId === user.id);
      expect(events.map((e) => e.kind)).toEqual(['auth.signed_in']);
    });

    it('a disabled account cannot sign in, even with the right password', async () => {
      const user = await buildUser(t.ctx, { role: 'district_admin', districtId, disabled: true });
      expectError(await passwordSignIn(t.app, user.email, user.password), 401, 'invalid_credentials');
    });

    it('an auditor whose access has ended cannot sign in', async () => {
      const user = await buildUser(t.ctx, {
        role: 'auditor',
        districtId,
        accessExpiresAt: isoFromNow(-2 * 24 * 60 * MINUTE).slice(0, 10),
      });
      expectError(await passwordSignIn(t.app, user.email, user.password), 401, 'invalid_credentials');
    });
  });

  describe('lockout', () => {
    it(`${SIGN_IN_MAX_FAILURES} failed sign-ins lock the account for at least 10 minutes, audited as auth.locked`, async () => {
      const user = await buildUser(t.ctx, { role: 'district_admin', districtId });
      for (let i = 1; i <= SIGN_IN_MAX_FAILURES; i++) {
        const res = await passwordSignIn(t.app, user.email, `wrong password number ${i}`);
        expectError(res, 401, 'invalid_credentials');
      }
      const row = await userRow(user.id);
      expect(row.lockedUntil).not.toBeNull();
      expect(Date.parse(row.lockedUntil!) - Date.now()).toBeGreaterThanOrEqual(10 * MINUTE - 5_000);

      // Even the right password is refused while the lock lasts, with a message that says why.
      const locked = await passwordSignIn(t.app, user.email, user.password);
      const err = expectError(locked, 429, 'too_many_requests');
      expect(err.message).toMatch(/locked/i);
      expect(locked.cookies).toHaveLength(0);

      const events = (await auditEvents(t.ctx, districtId)).filter((e) => e.payload.userId === user.id);
      expect(events.filter((e) => e.kind === 'auth.sign_in_failed')).toHaveLength(SIGN_IN_MAX_FAILURES);
      const lockEvent = events.find((e) => e.kind === 'auth.locked');
      expect(lockEvent?.payload).toEqual({ userId: user.id, until: row.lockedUntil });

      // The lock runs out (moved into the past rather than waited for): the right password works again.
      await t.ctx.db
        .updateTable('users')
        .set({ lockedUntil: isoFromNow(-MINUTE) })
        .where('id', '=', user.id)
        .execute();
      const again = await passwordSignIn(t.app, user.email, user.password);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().status).toBe('mfa_required');
    });

    it('failures sent all at once are all counted (no lost updates), so a burst cannot dodge the lock', async () => {
      const user = await buildUser(t.ctx, { role: 'district_admin', districtId });
      const burst = await Promise.all(
        Array.from({ length: SIGN_IN_MAX_FAILURES * 2 }, (_, i) =>
          passwordSignIn(t.app, user.email, `parallel guess ${i}`),
        ),
      );
      for (const r of burst) expect([401, 429]).toContain(r.statusCode);
      const row = await userRow(user.id);
      expect(row.lockedUntil).not.toBeNull();
      expectError(await passwordSignIn(t.app, user.email, user.password), 429, 'too_many_requests');
    });

    it('four failures do not lock, and a completed sign-in resets the count', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await passwordSignIn(t.app, user.email, 'wrong password here');
      expect((await userRow(user.id)).failedSignIns).toBe(SIGN_IN_MAX_FAILURES - 1);
      expect((await passwordSignIn(t.app, user.email, user.password)).statusCode).toBe(200);
      const row = await userRow(user.id);
      expect(row.failedSignIns).toBe(0);
      expect(row.lockedUntil).toBeNull();
    });
  });

  describe('MFA', () => {
    let admin: BuiltUser;
    beforeAll(async () => {
      admin = await buildUser(t.ctx, { role: 'district_admin', districtId });
    });

    it('a TOTP code works once: replaying it, or an older one, in another session is refused (NIST 800-63B)', async () => {
      const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
      const code = currentTotp(user.mfaSecret!);
      const first = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      expect((await call(t.app, first, 'POST', '/api/auth/mfa/verify', { code })).statusCode).toBe(200);
      const second = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      expectError(await call(t.app, second, 'POST', '/api/auth/mfa/verify', { code }), 401, 'invalid_code');
      expectError(
        await call(t.app, second, 'POST', '/api/auth/mfa/verify', { code: currentTotp(user.mfaSecret!, -1) }),
        401,
        'invalid_code',
      );
      // The phone's next code is fresh and works.
      expect(
        (await call(t.app, second, 'POST', '/api/auth/mfa/verify', { code: currentTotp(user.mfaSecret!, 1) }))
          .statusCode,
      ).toBe(200);
    });

    it('an enrolled MFA role gets mfa_required and reaches no action route until the code is given', async () => {
      const res = await passwordSignIn(t.app, admin.email, admin.password);
      expect(res.json().status).toBe('mfa_required');
      const s = sessionFrom(res);

      for (const [method, url, payload] of [
        ['GET', `/api/districts/${districtId}`],
        ['GET', `/api/districts/${districtId}/users`],
        ['GET', `/api/districts/${districtId}/schools`],
        ['GET', `/api/districts/${districtId}/audit?limit=5`],
        ['PATCH', `/api/districts/${districtId}`, { name: 'Renamed While Half Signed In' }],
        [
          'POST',
          `/api/districts/${districtId}/invitations`,
          { email: 'x@example.test', displayName: 'X', role: 'district_admin' },
        ],
      ] as const) {
        const r = await call(t.app, s, method, url, payload);
        expectError(r, 401, 'mfa_required');
      }
      // Changing the password is no way around the second factor either.
      expectError(
        await call(t.app, s, 'POST', '/api/me/password', {
          currentPassword: admin.password,
          newPassword: 'a different long passphrase',
        }),
        401,
        'mfa_required',
      );

      const me = await call(t.app, s, 'GET', '/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ mfaPending: true, allowedActions: [] });

      const v = await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: currentTotp(admin.mfaSecret!) });
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json().status).toBe('signed_in');
      // The second step renews the session (hardening-session.test.ts): carry on with the new one.
      const signedIn = sessionFrom(v);
      const after = await call(t.app, signedIn, 'GET', `/api/districts/${districtId}`);
      expect(after.statusCode).toBe(200);
      expect((await call(t.app, signedIn, 'GET', '/api/me')).json()).toMatchObject({
        mfaPending: false,
        allowedActions: expect.arrayContaining(['user.invite']),
      });
    });

    it('a user without MFA set up gets mfa_enrolment_required; enrolment gives a QR SVG and secret; confirming gives 10 recovery codes', async () => {
      const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId], mfa: false });
      const res = await passwordSignIn(t.app, user.email, user.password);
      expect(res.json().status).toBe('mfa_enrolment_required');
      const s = sessionFrom(res);
      expectError(await call(t.app, s, 'GET', `/api/schools/${schoolId}`), 401, 'mfa_required');
      // Nothing to verify against before enrolment.
      expectError(await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: '123456' }), 409, 'conflict');

      const enrol = await call(t.app, s, 'POST', '/api/auth/mfa/enrol');
      expect(enrol.statusCode, enrol.body).toBe(200);
      const { secret, otpauthUrl, qrSvg } = enrol.json<{ secret: string; otpauthUrl: string; qrSvg: string }>();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Forefront:/);
      expect(otpauthUrl).toContain(`secret=${secret}`);
      expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

      // A wrong code does not finish enrolment.
      expectError(
        await call(t.app, s, 'POST', '/api/auth/mfa/enrol/confirm', { code: wrongTotp(secret) }),
        400,
        'invalid_request',
      );
      expect((await userRow(user.id)).mfaEnabled).toBe(0);

      const done = await call(t.app, s, 'POST', '/api/auth/mfa/enrol/confirm', { code: currentTotp(secret) });
      expect(done.statusCode, done.body).toBe(200);
      const codes = done.json<{ recoveryCodes: string[] }>().recoveryCodes;
      expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
      expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
      for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
      // Stored hashed, never as given.
      const stored = await t.ctx.db
        .selectFrom('recoveryCodes')
        .select('codeHash')
        .where('userId', '=', user.id)
        .execute();
      expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
      for (const r of stored) expect(codes).not.toContain(r.codeHash);

      // The renewed session is complete, and enrolment cannot be restarted to swap the secret.
      const renewed = sessionFrom(done);
      expect((await call(t.app, renewed, 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
      expectError(await call(t.app, renewed, 'POST', '/api/auth/mfa/enrol'), 409, 'conflict');
      const kinds = (await auditEvents(t.ctx, districtId)).filter((e) => e.actorId === user.id).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['auth.mfa_enrolled', 'auth.signed_in']));

      // A fresh sign-in now asks for the code.
      const fresh = await passwordSignIn(t.app, user.email, user.password);
      expect(fresh.json().status).toBe('mfa_required');
    });

    it('a recovery code works once and only once', async () => {
      const user = await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [schoolId], mfa: false });
      const first = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      const { secret } = (await call(t.app, first, 'POST', '/api/auth/mfa/enrol')).json<{ secret: string }>();
      const { recoveryCodes } = (
        await call(t.app, first, 'POST', '/api/auth/mfa/enrol/confirm', { code: currentTotp(secret) })
      ).json<{ recoveryCodes: string[] }>();
      const code = recoveryCodes[3]!;

      const s1 = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      const ok = await call(t.app, s1, 'POST', '/api/auth/mfa/verify', { code: code.toUpperCase() });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().status).toBe('signed_in');
      expect((await call(t.app, sessionFrom(ok), 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
      const kinds = (await auditEvents(t.ctx, districtId)).filter((e) => e.actorId === user.id).map((e) => e.kind);
      expect(kinds).toContain('auth.recovery_code_used');

      const s2 = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      expectError(await call(t.app, s2, 'POST', '/api/auth/mfa/verify', { code }), 401, 'invalid_code');
      expectError(await call(t.app, s2, 'GET', `/api/schools/${schoolId}`), 401, 'mfa_required');
      // Another unused code still works.
      expect((await call(t.app, s2, 'POST', '/api/auth/mfa/verify', { code: recoveryCodes[4]! })).statusCode).toBe(200);
    });

    it('wrong codes count toward the lockout', async () => {
      const user = await buildUser(t.ctx, { role: 'support_staff', districtId, schoolIds: [schoolId] });
      const s = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
      const bad = wrongTotp(user.mfaSecret!);
      for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++)
        expectError(await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: bad }), 401, 'invalid_code');
      // A wrong recovery code counts as well.
      expectError(await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: 'zzzz-zzzz' }), 401, 'invalid_code');

      const row = await userRow(user.id);
      expect(Date.parse(row.lockedUntil!) - Date.now()).toBeGreaterThanOrEqual(10 * MINUTE - 5_000);
      // The right code is refused while locked, and so is a fresh password sign-in.
      expectError(
        await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: currentTotp(user.mfaSecret!) }),
        429,
        'too_many_requests',
      );
      expectError(await passwordSignIn(t.app, user.email, TEST_PASSWORD), 429, 'too_many_requests');
      const events = (await auditEvents(t.ctx, districtId)).filter((e) => e.payload.userId === user.id);
      expect(events.filter((e) => e.kind === 'auth.sign_in_failed').map((e) => e.payload.reason)).toEqual([
        'totp',
        'totp',
        'totp',
        'totp',
        'recovery_code',
      ]);
      expect(events.some((e) => e.kind === 'auth.locked')).toBe(true);

      await t.ctx.db
        .updateTable('users')
        .set({ lockedUntil: isoFromNow(-MINUTE) })
        .where('id', '=', user.id)
        .execute();
      expect(
        (await call(t.app, s, 'POST', '/api/auth/mfa/verify', { code: currentTotp(user.mfaSecret!) })).statusCode,
      ).toBe(200);
    });

    it('every MFA role is held at the second step; the state viewer is not', async () => {
      const roles = [
        await buildUser(t.ctx, { role: 'district_admin', districtId }),
        await buildUser(t.ctx, { role: 'school_admin', districtId, schoolIds: [schoolId] }),
        await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] }),
        await buildUser(t.ctx, { role: 'support_staff', districtId, schoolIds: [schoolId] }),
        await buildUser(t.ctx, { role: 'auditor', districtId }),
      ];
      for (const u of roles)
        expect((await passwordSignIn(t.app, u.email, u.password)).json().status, u.role).toBe('mfa_required');
      const viewer = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      expect((await passwordSignIn(t.app, viewer.email, viewer.password)).json().status).toBe('signed_in');
      // The builders' signIn helper finishes TOTP, after which action routes answer.
      const s = await signIn(t.app, roles[0]!);
      expect((await call(t.app, s, 'GET', `/api/districts/${districtId}`)).statusCode).toBe(200);
    });
  });
});
