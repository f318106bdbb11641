import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH } from '@forefront/contract';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, type Session } from './builders.js';
import { call, countRows, expectError, inviteViaOutbox, newEmail, passwordSignIn } from './auth.helpers.js';

/**
 * NIST SP 800-63B password rules, exercised through the two ways a password is chosen: accepting
 * an invitation (every invitable role uses MFA, so 8 characters) and changing one's password (a
 * state viewer has no MFA, so 15 characters).
 */
describe(`passwords (NIST SP 800-63B) on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let schoolId: string;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    schoolId = (await buildSchool(t.ctx, d.id)).id;
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
  });

  const inviteSro = () =>
    inviteViaOutbox(t.app, t.ctx, admin, districtId, {
      email: newEmail('sro'),
      displayName: 'Officer Reyes',
      role: 'sro',
      schoolIds: [schoolId],
    });
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password } });
  const storedHash = async (email: string) =>
    (await t.ctx.db.selectFrom('users').select('passwordHash').where('email', '=', email).executeTakeFirstOrThrow())
      .passwordHash;

  async function stateViewer() {
    const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'VA' });
    return { user, session: await signIn(t.app, user) };
  }
  const changePassword = (s: Session, currentPassword: string, newPassword: string) =>
    call(t.app, s, 'POST', '/api/me/password', { currentPassword, newPassword });

  it('MFA roles need at least 8 characters; 7 is refused with a field message and creates nothing', async () => {
    const { token, invitation } = await inviteSro();
    const preview = await t.app.inject(`/api/invitations/${token}`);
    expect(preview.json()).toMatchObject({ role: 'sro', mfaRequired: true, minPasswordLength: 8 });

    const usersBefore = await countRows(t.ctx, 'users');
    const short = await accept(token, 'tangoxy');
    const err = expectError(short, 400, 'invalid_request');
    expect(err.message).toMatch(/at least 8 characters/);
    expect(short.json().error.issues).toEqual([
      { path: 'password', message: 'Use at least 8 characters', code: 'password_too_short', params: { minimum: 8 } },
    ]);
    expect(await countRows(t.ctx, 'users')).toBe(usersBefore);

    // The link still works after a refused password.
    const ok = await accept(token, 'tangoxyz');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('mfa_enrolment_required');
    expect(await storedHash(invitation.email)).toMatch(/^\$argon2id\$/);
  });

  it('a role without MFA (state viewer) needs at least 15 characters', async () => {
    const { user, session } = await stateViewer();
    const short = await changePassword(session, user.password, 'quietriverston'); // 14
    expect(expectError(short, 400, 'invalid_request').message).toMatch(/at least 15 characters/);

    const ok = await changePassword(session, user.password, 'quietriverstone'); // 15
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await storedHash(user.email)).toMatch(/^\$argon2id\$/);
    expect((await passwordSignIn(t.app, user.email, 'quietriverstone')).json().status).toBe('signed_in');
    expectError(await passwordSignIn(t.app, user.email, user.password), 401, 'invalid_credentials');
  });

  it('allows a 64-character password at invitation acceptance and a 200-character one on change', async () => {
    const p64 = 'a quiet harbour at dawn, gulls over the breakwater, tide runs ou';
    expect(p64).toHaveLength(64);
    const { token, invitation } = await inviteSro();
    const res = await accept(token, p64);
    expect(res.statusCode, res.body).toBe(200);
    expect(await storedHash(invitation.email)).toMatch(/^\$argon2id\$/);

    const { user, session } = await stateViewer();
    const p200 = 'lantern '.repeat(25);
    expect(p200).toHaveLength(200);
    expect((await changePassword(session, user.password, p200)).statusCode).toBe(200);
    expect((await passwordSignIn(t.app, user.email, p200)).json().status).toBe('signed_in');
    // The 64-character password signs in too (MFA role: the first step answers mfa_enrolment_required).
    expect((await passwordSignIn(t.app, invitation.email, p64)).json().status).toBe('mfa_enrolment_required');
  });

  it(`refuses more than ${PASSWORD_MAX_LENGTH} characters (hashing cost cap)`, async () => {
    const { token } = await inviteSro();
    expectError(await accept(token, 'x'.repeat(PASSWORD_MAX_LENGTH + 1)), 400, 'invalid_request');
  });

  it('has no composition rules: an all-lowercase passphrase without digits or symbols is fine', async () => {
    const { user, session } = await stateViewer();
    const res = await changePassword(session, user.password, 'purple monkey dishwasher lamp');
    expect(res.statusCode, res.body).toBe(200);
    const { token } = await inviteSro();
    expect((await accept(token, 'lowercaseonlyletters')).statusCode).toBe(200);
  });

  it('refuses a password from the shipped breached list with a clear message, whatever its case', async () => {
    const { token } = await inviteSro();
    const usersBefore = await countRows(t.ctx, 'users');
    for (const breached of ['password1234', 'PASSWORD1234']) {
      const err = expectError(await accept(token, breached), 400, 'invalid_request');
      expect(err.message).toMatch(/breached/i);
    }
    expect(await countRows(t.ctx, 'users')).toBe(usersBefore);

    // A long breached password is refused even where 15 characters are required.
    const { user, session } = await stateViewer();
    const res = await changePassword(session, user.password, '123456789987654321');
    expect(expectError(res, 400, 'invalid_request').message).toMatch(/breached/i);
    expect((await passwordSignIn(t.app, user.email, user.password)).json().status).toBe('signed_in');
  });

  it('refuses the account e-mail address as the password', async () => {
    const { token, invitation } = await inviteSro();
    expect(expectError(await accept(token, invitation.email), 400, 'invalid_request').message).toMatch(/e-mail/);
  });

  it('change-password checks the current password, writes an audit event and ends the other sessions', async () => {
    const { user, session } = await stateViewer();
    const other = await signIn(t.app, user);
    const wrong = await changePassword(session, 'not my current password', 'a brand new passphrase');
    expectError(wrong, 400, 'invalid_request');

    const res = await changePassword(session, user.password, 'a brand new passphrase');
    expect(res.statusCode, res.body).toBe(200);
    const events = await t.ctx.db
      .selectFrom('auditEvents')
      .select(['kind', 'payload'])
      .where('chain', '=', 'system')
      .where('actorId', '=', user.id)
      .execute();
    expect(events.map((e) => e.kind)).toContain('user.password_changed');
    // Whoever knew the old password loses their session; this one continues.
    expectError(await call(t.app, other, 'GET', '/api/me'), 401, 'unauthorized');
    expect((await call(t.app, session, 'GET', '/api/me')).statusCode).toBe(200);
  });
});
