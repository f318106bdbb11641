import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/modules/auth/totp.js';
import { issueSetupLink } from '../src/modules/setup/setup.service.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { auditEvents, call, countRows, expectError, passwordSignIn, sessionFrom } from './auth.helpers.js';

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

const input = (token: string, over: { ncesLeaId?: string; email?: string; password?: string } = {}) => ({
  token,
  district: {
    ncesLeaId: over.ncesLeaId ?? '0100005',
    name: 'Albertville City',
    state: 'AL',
    timeZone: 'America/Chicago',
  },
  admin: {
    email: over.email ?? 'Superintendent@Albertville.example',
    displayName: 'Dr. Jordan Pike',
    password: over.password ?? 'albertville first light',
  },
});

describe(`first-run setup on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const setup = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/setup', payload: body as object });
  const snapshot = async () => ({
    districts: await countRows(t.ctx, 'districts'),
    users: await countRows(t.ctx, 'users'),
    audit: await countRows(t.ctx, 'auditEvents'),
  });
  const empty = { districts: 0, users: 0, audit: 0 };

  it('an empty database needs setup', async () => {
    const res = await t.app.inject('/api/setup/status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ needed: true });
  });

  it('refuses setup without a valid link and creates nothing', async () => {
    // No link issued yet.
    expectError(await setup(input('a'.repeat(43))), 401, 'invalid_setup_token');
    const link = await issueSetupLink(t.ctx);
    expect(link).toMatch(/^http:\/\/forefront\.test\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const err = expectError(await setup(input(`${tokenOf(link)}x`)), 401, 'invalid_setup_token');
    expect(err.message).toMatch(/setup link is not valid/);
    // A newer link replaces the older one.
    const newer = await issueSetupLink(t.ctx);
    expectError(await setup(input(tokenOf(link))), 401, 'invalid_setup_token');
    expect(newer).not.toBe(link);
    expect(await snapshot()).toEqual(empty);
    // Only the hash of the link's token is stored.
    const settings = JSON.stringify(await t.ctx.db.selectFrom('settings').selectAll().execute());
    expect(settings).not.toContain(tokenOf(newer));
  });

  it('applies the password rules to the first administrator (an MFA role: 8 characters, no breached passwords)', async () => {
    const token = tokenOf(await issueSetupLink(t.ctx));
    expect(expectError(await setup(input(token, { password: 'short' })), 400, 'invalid_request').message).toMatch(
      /at least 8/,
    );
    expect(
      expectError(await setup(input(token, { password: 'password1234' })), 400, 'invalid_request').message,
    ).toMatch(/breached/);
    expect(await snapshot()).toEqual(empty);
    expect((await t.app.inject('/api/setup/status')).json()).toEqual({ needed: true });
  });

  it('asks for the time zone: none or an unknown one is refused with a 400 naming the field, and creates nothing', async () => {
    const token = tokenOf(await issueSetupLink(t.ctx));
    const base = input(token);
    for (const timeZone of [undefined, 'Mars/Olympus_Mons', 'America/New York']) {
      const res = await setup({ ...base, district: { ...base.district, timeZone } });
      expectError(res, 400, 'invalid_request');
      expect(res.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual([
        'body.district.timeZone',
      ]);
    }
    expect(await snapshot()).toEqual(empty);
  });

  it('a valid link creates the district and its administrator, once', async () => {
    const token = tokenOf(await issueSetupLink(t.ctx));
    const res = await setup(input(token));
    expect(res.statusCode, res.body).toBe(201);
    const { districtId, mfaRequired } = res.json<{ districtId: string; mfaRequired: boolean }>();
    expect(mfaRequired).toBe(true);

    expect((await t.app.inject('/api/setup/status')).json()).toEqual({ needed: false });
    const district = await t.ctx.db
      .selectFrom('districts')
      .selectAll()
      .where('id', '=', districtId)
      .executeTakeFirstOrThrow();
    // NCES ids are text: the leading zero survives.
    expect(district).toMatchObject({
      ncesLeaId: '0100005',
      name: 'Albertville City',
      state: 'AL',
      suppressionMinN: 10,
      // The zone the person chose; the school year starts on 1 July unless they said otherwise.
      timeZone: 'America/Chicago',
      schoolYearStart: '07-01',
      clockApplied: 'America/Chicago|07-01',
    });
    const admin = await t.ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({
      districtId,
      email: 'superintendent@albertville.example',
      role: 'district_admin',
      mfaEnabled: 0,
      disabled: 0,
    });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditEvents(t.ctx, districtId)).toMatchObject([
      { seq: 1, kind: 'district.created', payload: { districtId, ncesLeaId: '0100005' } },
      { seq: 2, kind: 'setup.completed', actorId: admin.id, payload: { districtId, adminUserId: admin.id } },
    ]);
    // The link is used up.
    expect(await t.ctx.db.selectFrom('settings').selectAll().execute()).toHaveLength(0);

    const before = await snapshot();
    expectError(
      await setup(input(token, { ncesLeaId: '0100006', email: 'second@example.test' })),
      401,
      'invalid_setup_token',
    );
    // Even with a freshly issued link, a second setup is refused.
    const again = await setup(
      input(tokenOf(await issueSetupLink(t.ctx)), { ncesLeaId: '0100006', email: 'second@example.test' }),
    );
    expectError(again, 409, 'conflict');
    expect(await snapshot()).toEqual(before);
  });

  it('the first administrator must enrol MFA at first sign-in', async () => {
    const res = await passwordSignIn(t.app, 'superintendent@albertville.example', 'albertville first light');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('mfa_enrolment_required');
    const s = sessionFrom(res);
    const me = (await call(t.app, s, 'GET', '/api/me')).json();
    expect(me).toMatchObject({
      mfaPending: true,
      allowedActions: [],
      user: { role: 'district_admin', mfaEnabled: false },
    });
    expectError(await call(t.app, s, 'GET', `/api/districts/${me.user.districtId}`), 401, 'mfa_required');

    const { secret } = (await call(t.app, s, 'POST', '/api/auth/mfa/enrol')).json<{ secret: string }>();
    const confirmed = await call(t.app, s, 'POST', '/api/auth/mfa/enrol/confirm', { code: currentTotp(secret) });
    expect(confirmed.statusCode).toBe(200);
    // Enrolment renews the session: the new cookie is the signed-in one.
    const district = await call(t.app, sessionFrom(confirmed), 'GET', `/api/districts/${me.user.districtId}`);
    expect(district.statusCode).toBe(200);
    expect(district.json()).toMatchObject({ ncesLeaId: '0100005', name: 'Albertville City' });
  });

  describe('two setups racing with the same link', () => {
    let race: TestApp;
    beforeAll(async () => {
      race = await createTestApp();
    });

    it('only one creates a district', async () => {
      const token = tokenOf(await issueSetupLink(race.ctx));
      const results = await Promise.all(
        ['0100011', '0100012', '0100013'].map((ncesLeaId, i) =>
          race.app.inject({
            method: 'POST',
            url: '/api/setup',
            payload: input(token, { ncesLeaId, email: `admin${i}@example.test` }),
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect([401, 409]).toContain(r.statusCode);
      expect(await countRows(race.ctx, 'districts')).toBe(1);
      expect(await countRows(race.ctx, 'users')).toBe(1);
    });
  });
});
