import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_MAX_FAILURES } from '@forefront/contract';
import { currentTotp } from '../src/modules/auth/totp.js';
import { buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { call, passwordSignIn, sessionFrom } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 12, item 8: the lockout must not tell which addresses have accounts; the password change
 * must not be an unlimited password oracle; the session id must change when the second step passes.
 */
describe(`sign-in hardening on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let schoolId: string;
  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    schoolId = (await buildSchool(t.ctx, districtId)).id;
  });

  /** What an attacker sees of one attempt: status, code and message. */
  const answer = async (email: string, password: string) => {
    const res = await passwordSignIn(t.app, email, password);
    const body = res.json<{ error: { code: string; message: string } }>();
    return { status: res.statusCode, code: body.error.code, message: body.error.message };
  };

  it('an address with no account answers exactly like an account, locking after the same number of failures', async () => {
    const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
    const known = [];
    const unknown = [];
    for (let i = 0; i < SIGN_IN_MAX_FAILURES + 2; i++) {
      known.push(await answer(user.email, 'wrong password number one'));
      unknown.push(await answer('no-such-person@example.test', 'wrong password number one'));
    }
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([...Array<number>(SIGN_IN_MAX_FAILURES).fill(401), 429, 429]);
    // The address is counted however it is capitalised, and nothing about it is stored in clear.
    expect((await answer('No-Such-Person@Example.test', 'x')).status).toBe(429);
    const rows = await t.ctx.db.selectFrom('unknownSignInFailures').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('no-such-person');
  });

  it('wrong current passwords on the password change count toward the lockout', async () => {
    const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
    const s = await signIn(t.app, user);
    const change = (currentPassword: string) =>
      call(t.app, s, 'POST', '/api/me/password', { currentPassword, newPassword: 'a brand new long passphrase' });
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) expect((await change(`wrong guess ${i}`)).statusCode).toBe(400);
    const row = await t.ctx.db
      .selectFrom('users')
      .select('lockedUntil')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.lockedUntil).not.toBeNull();
    // Locked: the right password is refused here and at sign-in, and the password did not change.
    expect((await change(user.password)).statusCode).toBe(429);
    expect((await passwordSignIn(t.app, user.email, user.password)).statusCode).toBe(429);
    const reasons = await t.ctx.db
      .selectFrom('auditEvents')
      .select('payload')
      .where('kind', '=', 'auth.sign_in_failed')
      .execute();
    expect(reasons.filter((r) => r.payload.includes(user.id) && r.payload.includes('current_password'))).toHaveLength(
      SIGN_IN_MAX_FAILURES,
    );
  });

  it('passing the second step gives a new session id and ends the half-signed-in one', async () => {
    const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
    const first = await passwordSignIn(t.app, user.email, user.password);
    expect(first.json().status).toBe('mfa_required');
    const half = sessionFrom(first);
    const v = await call(t.app, half, 'POST', '/api/auth/mfa/verify', { code: currentTotp(user.mfaSecret!) });
    expect(v.statusCode, v.body).toBe(200);
    const full = sessionFrom(v);
    expect(full.cookie).toMatch(/^ff_session=/);
    expect(full.cookie).not.toBe(half.cookie);
    expect(full.csrfToken).not.toBe(half.csrfToken);
    // The id seen (or planted) before the code is worth nothing now.
    expect((await call(t.app, half, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(t.app, full, 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
    expect((await call(t.app, full, 'GET', '/api/me')).json()).toMatchObject({
      mfaPending: false,
      csrfToken: full.csrfToken,
    });
  });

  it('finishing enrolment renews the session too', async () => {
    const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId], mfa: false });
    const half = sessionFrom(await passwordSignIn(t.app, user.email, user.password));
    const { secret } = (await call(t.app, half, 'POST', '/api/auth/mfa/enrol')).json<{ secret: string }>();
    const done = await call(t.app, half, 'POST', '/api/auth/mfa/enrol/confirm', { code: currentTotp(secret) });
    expect(done.statusCode, done.body).toBe(200);
    const full = sessionFrom(done);
    expect(full.cookie).not.toBe(half.cookie);
    expect((await call(t.app, half, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(t.app, full, 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
  });
});
