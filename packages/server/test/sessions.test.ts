import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@forefront/contract';
import { sha256Hex } from '../src/shared/ids.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildSchool, buildUser, signIn, type Session } from './builders.js';
import { HOUR, MINUTE, auditEvents, call, expectError, isoFromNow, passwordSignIn } from './auth.helpers.js';

const tokenOf = (s: Session) => /ff_session=([^;]+)/.exec(s.cookie)![1]!;

describe(`sessions on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let schoolId: string;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    schoolId = (await buildSchool(t.ctx, districtId)).id;
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
  });

  const sessionRow = (s: Session) =>
    t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sha256Hex(tokenOf(s)))
      .executeTakeFirst();
  const setSession = (s: Session, patch: { lastSeenAt?: string; createdAt?: string; expiresAt?: string }) =>
    t.ctx.db
      .updateTable('sessions')
      .set(patch)
      .where('id', '=', sha256Hex(tokenOf(s)))
      .execute();
  const viewer = async () =>
    signIn(t.app, await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'VA' }));

  describe('the cookie and what the database keeps', () => {
    it('is HttpOnly, SameSite=Strict, path /, and holds an opaque token of at least 256 bits', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const res = await passwordSignIn(t.app, user.email, user.password);
      const cookie = res.cookies.find((c) => c.name === 'ff_session')!;
      expect(cookie).toBeDefined();
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      expect(cookie.path).toBe('/');
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(cookie.value, 'base64url').length * 8).toBeGreaterThanOrEqual(256);
      // Opaque: nothing in it names the user.
      expect(cookie.value).not.toContain(user.id);
      // Secure is decided from the request protocol; plain-HTTP inject gets no Secure flag.
      expect(res.headers['set-cookie']).toMatch(/HttpOnly/);
      expect(res.headers['set-cookie']).toMatch(/SameSite=Strict/);
    });

    it('the sessions table holds the SHA-256 of the token, never the token', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const res = await passwordSignIn(t.app, user.email, user.password);
      const token = res.cookies.find((c) => c.name === 'ff_session')!.value;
      const rows = await t.ctx.db.selectFrom('sessions').selectAll().where('userId', '=', user.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(sha256Hex(token));
      const everything = JSON.stringify(await t.ctx.db.selectFrom('sessions').selectAll().execute());
      expect(everything).not.toContain(token);
      // The absolute end is fixed at creation: 12 hours.
      expect(Date.parse(rows[0]!.expiresAt) - Date.parse(rows[0]!.createdAt)).toBe(SESSION_ABSOLUTE_HOURS * HOUR);
    });

    it('each sign-in starts a new session with a new token (no session fixation)', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const a = await signIn(t.app, user);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { cookie: a.cookie },
        payload: { email: user.email, password: user.password },
      });
      const b = res.cookies.find((c) => c.name === 'ff_session')!.value;
      expect(b).not.toBe(tokenOf(a));
    });
  });

  describe('timeouts (timestamps moved in the database)', () => {
    it(`ends after ${SESSION_IDLE_MINUTES} idle minutes`, async () => {
      const s = await viewer();
      await setSession(s, { lastSeenAt: isoFromNow(-(SESSION_IDLE_MINUTES - 1) * MINUTE) });
      const still = await call(t.app, s, 'GET', '/api/me');
      expect(still.statusCode).toBe(200);
      // That request counted as activity.
      expect(Date.now() - Date.parse((await sessionRow(s))!.lastSeenAt)).toBeLessThan(MINUTE);

      await setSession(s, { lastSeenAt: isoFromNow(-(SESSION_IDLE_MINUTES + 1) * MINUTE) });
      const res = await call(t.app, s, 'GET', '/api/me');
      expectError(res, 401, 'unauthorized');
      // The dead session is removed and the browser told to forget the cookie.
      expect(await sessionRow(s)).toBeUndefined();
      expect(res.cookies.find((c) => c.name === 'ff_session')?.value).toBe('');
    });

    it(`ends ${SESSION_ABSOLUTE_HOURS} hours after sign-in, however active`, async () => {
      const s = await viewer();
      const createdAt = Date.now() - (SESSION_ABSOLUTE_HOURS * HOUR + MINUTE);
      await setSession(s, {
        createdAt: new Date(createdAt).toISOString(),
        expiresAt: new Date(createdAt + SESSION_ABSOLUTE_HOURS * HOUR).toISOString(),
        lastSeenAt: isoFromNow(-30_000),
      });
      expectError(await call(t.app, s, 'GET', '/api/me'), 401, 'unauthorized');
      expect(await sessionRow(s)).toBeUndefined();
    });
  });

  describe('ending and changing access', () => {
    it('sign-out ends the session on the server', async () => {
      const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
      const s = await signIn(t.app, user);
      const out = await call(t.app, s, 'POST', '/api/auth/sign-out');
      expect(out.statusCode, out.body).toBe(200);
      expect(out.cookies.find((c) => c.name === 'ff_session')?.value).toBe('');
      expect(await sessionRow(s)).toBeUndefined();
      // Replaying the old cookie gets nothing.
      expectError(await call(t.app, s, 'GET', '/api/me'), 401, 'unauthorized');
      expectError(await call(t.app, s, 'GET', `/api/schools/${schoolId}`), 401, 'unauthorized');
      const kinds = (await auditEvents(t.ctx, districtId)).filter((e) => e.actorId === user.id).map((e) => e.kind);
      expect(kinds.at(-1)).toBe('auth.signed_out');
    });

    it('disabling a user takes effect on their very next request', async () => {
      const user = await buildUser(t.ctx, { role: 'sro', districtId, schoolIds: [schoolId] });
      const s = await signIn(t.app, user);
      expect((await call(t.app, s, 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
      const res = await call(t.app, admin, 'PATCH', `/api/users/${user.id}`, { disabled: true });
      expect(res.statusCode, res.body).toBe(200);
      expectError(await call(t.app, s, 'GET', `/api/schools/${schoolId}`), 401, 'unauthorized');
      expect(await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', user.id).execute()).toHaveLength(
        0,
      );
    });

    it('the disabled flag alone is enough: the actor is re-read from the database on every request', async () => {
      const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
      const s = await signIn(t.app, user);
      expect((await call(t.app, s, 'GET', '/api/me')).statusCode).toBe(200);
      await t.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
      expectError(await call(t.app, s, 'GET', '/api/me'), 401, 'unauthorized');
    });

    it('a role change takes effect on the very next request', async () => {
      const other = await buildUser(t.ctx, { role: 'district_admin', districtId });
      const s = await signIn(t.app, other);
      const rename = (name: string) => call(t.app, s, 'PATCH', `/api/districts/${districtId}`, { name });
      expect((await rename('Before The Change')).statusCode).toBe(200);

      const res = await call(t.app, admin, 'PATCH', `/api/users/${other.id}`, {
        role: 'school_admin',
        schoolIds: [schoolId],
      });
      expect(res.statusCode, res.body).toBe(200);

      expectError(await rename('After The Change'), 403, 'forbidden');
      expectError(
        await call(t.app, s, 'POST', `/api/districts/${districtId}/invitations`, {
          email: 'new.person@example.test',
          displayName: 'New',
          role: 'district_admin',
        }),
        403,
        'forbidden',
      );
      const me = (await call(t.app, s, 'GET', '/api/me')).json();
      expect(me.user).toMatchObject({ role: 'school_admin', schoolIds: [schoolId] });
      expect(me.allowedActions).not.toContain('district.update');
      // The principal's own school is still theirs.
      expect((await call(t.app, s, 'GET', `/api/schools/${schoolId}`)).statusCode).toBe(200);
      const d = await t.ctx.db
        .selectFrom('districts')
        .select('name')
        .where('id', '=', districtId)
        .executeTakeFirstOrThrow();
      expect(d.name).toBe('Before The Change');
    });

    it("an auditor's session ends when the access end date has passed", async () => {
      const auditor = await buildUser(t.ctx, { role: 'auditor', districtId });
      const s = await signIn(t.app, auditor);
      const audit = () => call(t.app, s, 'GET', `/api/districts/${districtId}/audit?limit=1`);
      // Access lasts through the end date itself (UTC).
      await t.ctx.db
        .updateTable('users')
        .set({ accessExpiresAt: new Date().toISOString().slice(0, 10) })
        .where('id', '=', auditor.id)
        .execute();
      expect((await audit()).statusCode).toBe(200);
      await t.ctx.db
        .updateTable('users')
        .set({ accessExpiresAt: isoFromNow(-24 * HOUR).slice(0, 10) })
        .where('id', '=', auditor.id)
        .execute();
      expectError(await audit(), 401, 'unauthorized');
    });
  });

  describe('CSRF', () => {
    it('refuses cookie-authenticated writes without the session CSRF token, and changes nothing', async () => {
      const before = await t.ctx.db
        .selectFrom('districts')
        .select('name')
        .where('id', '=', districtId)
        .executeTakeFirstOrThrow();
      const url = `/api/districts/${districtId}`;
      const missing = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { cookie: admin.cookie },
        payload: { name: 'Forged Rename' },
      });
      expect(expectError(missing, 403, 'forbidden').message).toMatch(/CSRF/);
      const wrong = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { cookie: admin.cookie, 'x-csrf-token': 'not-the-token' },
        payload: { name: 'Forged Rename' },
      });
      expectError(wrong, 403, 'forbidden');
      // Another session's token does not fit this session.
      const other = await viewer();
      const crossed = await t.app.inject({
        method: 'PATCH',
        url,
        headers: { cookie: admin.cookie, 'x-csrf-token': other.csrfToken },
        payload: { name: 'Forged Rename' },
      });
      expectError(crossed, 403, 'forbidden');
      const signOut = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-out',
        headers: { cookie: admin.cookie },
      });
      expectError(signOut, 403, 'forbidden');

      const after = await t.ctx.db
        .selectFrom('districts')
        .select('name')
        .where('id', '=', districtId)
        .executeTakeFirstOrThrow();
      expect(after.name).toBe(before.name);
      // Reads need no token.
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    });

    it('sign-in and /api/me hand the token to the web app', async () => {
      const s = await viewer();
      expect((await call(t.app, s, 'GET', '/api/me')).json().csrfToken).toBe(s.csrfToken);
    });
  });

  describe('headers and rate limits', () => {
    it('sends the API security headers on JSON answers, errors included, and no-store', async () => {
      for (const res of [
        await t.app.inject('/api/health'),
        await t.app.inject('/api/me'),
        await t.app.inject('/api/no-such-route'),
      ]) {
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('sends the full document set on pages, static files and the API docs page', async () => {
      for (const res of [await t.app.inject('/api/docs/'), await t.app.inject('/no-such-page')]) {
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      }
    });

    describe('with a low sign-in rate limit', () => {
      let limited: TestApp;
      beforeAll(async () => {
        limited = await createTestApp({ rateLimit: { authPerMinute: 3 } });
      });

      it('answers 429 in the one error shape on the 4th sign-in within a minute', async () => {
        const user = await buildUser(limited.ctx, { role: 'state_viewer', districtId: null });
        for (let i = 0; i < 3; i++)
          expect((await passwordSignIn(limited.app, user.email, user.password)).statusCode).toBe(200);
        const res = await passwordSignIn(limited.app, user.email, user.password);
        expectError(res, 429, 'too_many_requests');
        expect(res.cookies).toHaveLength(0);
        // Other routes are not throttled by sign-in attempts.
        expect((await limited.app.inject('/api/health')).statusCode).toBe(200);
      });
    });

    describe('in one of several worker processes', () => {
      let worker: TestApp;
      beforeAll(async () => {
        worker = await createTestApp({ rateLimit: { authPerMinute: 6 }, workers: 3 });
      });

      it('allows its share of the limit (6 a minute over 3 workers: 2 here), so the total holds', async () => {
        const user = await buildUser(worker.ctx, { role: 'state_viewer', districtId: null });
        for (let i = 0; i < 2; i++)
          expect((await passwordSignIn(worker.app, user.email, user.password)).statusCode).toBe(200);
        expectError(await passwordSignIn(worker.app, user.email, user.password), 429, 'too_many_requests');
      });
    });
  });
});
