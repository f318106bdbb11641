import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildUser } from './builders.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Issue 12, item 8: Fastify trusted every X-Forwarded-For / X-Forwarded-Proto (trustProxy: true), so
 * any client could pick a fresh rate-limit bucket per request and make the server believe it spoke
 * HTTPS. Now only the proxies named in TRUST_PROXY are believed.
 */
describe('TRUST_PROXY', () => {
  it('is off unless set, and takes a hop count or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.1.0/24',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});

const signInFrom = (t: TestApp, forwardedFor: string, email = 'nobody@example.test') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email, password: 'not the password at all' },
  });

describe('with TRUST_PROXY unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { authPerMinute: 3 } });
  });

  it('a new X-Forwarded-For on each request does not escape the sign-in rate limit', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signInFrom(t, `203.0.113.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('X-Forwarded-Proto: https does not make the session cookie Secure over plain HTTP', async () => {
    const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '198.51.100.7', // not limited yet: the limit above counted 127.0.0.1
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.cookies.find((c) => c.name === 'ff_session')?.secure).toBeFalsy();
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { authPerMinute: 3 }, trustProxy: ['127.0.0.1'] });
  });

  it('counts each forwarded client apart and believes the forwarded protocol', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signInFrom(t, `203.0.113.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const user = await buildUser(t.ctx, { role: 'state_viewer', districtId: null });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.50' },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.cookies.find((c) => c.name === 'ff_session')?.secure).toBe(true);
  });
});
