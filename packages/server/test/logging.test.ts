import { beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { OneLinePerRequest, loggerOptions } from '../src/plugins/logging.js';
import type { AppContext } from '../src/shared/context.js';
import { TEST_PASSWORD, buildDistrict, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, createTestApp } from './harness.js';

/**
 * Logs are where secrets and student data leak in practice (a debug line, an error carrying a
 * row). The app here logs at `trace` into a captured stream; after real sign-ins, invitation
 * links and failures, the captured text must hold none of the secrets used.
 */

const STUDENT = { firstName: 'Marisol', lastName: 'Quintanilla', birthDate: '2011-04-17', studentLocalId: 'S-99817' };
const SQL_ERROR = `SQLITE_ERROR: near "FROM": syntax error in: SELECT password_hash, mfa_secret FROM users WHERE email = 'victim@example.test'`;

async function createLoggingApp() {
  const lines: string[] = [];
  const { app, ctx } = await createTestApp(
    { logLevel: 'trace' },
    {
      logStream: { write: (line) => void lines.push(line) },
      beforeReady: (app) => {
        // Test-only routes: a crash whose message holds SQL, and code that logs a student row.
        app.get('/api/test/crash', { config: { policy: 'public' } }, () => {
          throw new Error(SQL_ERROR);
        });
        app.get('/api/test/crash-with-row', { config: { policy: 'public' } }, () => {
          throw Object.assign(new Error('insert failed: constraint'), {
            row: { ...STUDENT, password: 'row-password-123' },
          });
        });
        app.get('/api/test/log-student', { config: { policy: 'public' } }, (req) => {
          req.log.info(
            {
              ...STUDENT,
              student: STUDENT,
              record: { student: { ...STUDENT }, ...STUDENT },
              deep: { a: { b: STUDENT } },
            },
            'logging a student record',
          );
          req.log.info(
            {
              password: 'top-level-password-1',
              body: { password: 'nested-password-2', token: 'nested-token-3' },
              headers: { cookie: 'ff_session=cookie-in-object-4' },
            },
            'logging credentials',
          );
          return { ok: true };
        });
      },
    },
  );
  return { app, ctx, lines };
}

/** The session token from a Set-Cookie answer. */
const sessionToken = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'ff_session')?.value;

describe(`logging on ${TEST_DIALECT}`, () => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let lines: string[];
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    ({ app, ctx, lines } = await createLoggingApp());
  });

  const logText = () => lines.join('');
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('logs requests with method and URL, and keeps none of the secrets a real flow handles', async () => {
    const d = await buildDistrict(ctx);
    const admin = await buildUser(ctx, { role: 'district_admin', districtId: d.id });

    // Sign in through the API (password, then TOTP), and keep what a thief would want.
    const s = await signIn(app, admin);
    secrets.password = TEST_PASSWORD;
    secrets.cookie = s.cookie.split('=')[1]!;
    secrets.csrf = s.csrfToken;
    const me = await app.inject({ url: '/api/me', headers: s.headers });
    expect(me.statusCode).toBe(200);

    // A failed sign-in with a different password.
    secrets.wrongPassword = 'a wrong guess that must not be logged 7731';
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: admin.email, password: secrets.wrongPassword },
    });
    expect(bad.statusCode).toBe(401);

    // Invite someone; the link's token arrives by mail (the outbox here, no SMTP).
    const inv = await app.inject({
      method: 'POST',
      url: `/api/districts/${d.id}/invitations`,
      headers: s.headers,
      payload: {
        email: 'newcomer@example.test',
        displayName: 'Newcomer',
        role: 'auditor',
        accessExpiresAt: '2099-01-01',
      },
    });
    expect(inv.statusCode, inv.body).toBe(201);
    const mail = await ctx.db
      .selectFrom('mailOutbox')
      .select('textBody')
      .where('toAddress', '=', 'newcomer@example.test')
      .executeTakeFirstOrThrow();
    secrets.invitationToken = /\/invitations\/([\w-]+)/.exec(mail.textBody)![1]!;
    expect(secrets.invitationToken.length).toBeGreaterThan(20);

    // Open and accept the invitation: the token is in the path of both requests.
    const preview = await app.inject({ url: `/api/invitations/${secrets.invitationToken}` });
    expect(preview.statusCode, preview.body).toBe(200);
    secrets.newPassword = 'the newcomer chose this passphrase 4490';
    const accept = await app.inject({
      method: 'POST',
      url: `/api/invitations/${secrets.invitationToken}/accept`,
      payload: { password: secrets.newPassword },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    secrets.newCookie = sessionToken(accept)!;
    secrets.newCsrf = accept.json<{ csrfToken: string }>().csrfToken;
    expect(secrets.newCookie).toBeTruthy();

    // The log did record these requests (so the absence below means something) ...
    // One line per request, written when it is answered: method, masked URL, status, time.
    const completed = parsed().filter((l) => l.msg === 'request completed') as {
      req: { method: string; url: string };
      res: { statusCode: number };
      responseTime: number;
    }[];
    const requests = completed.map((l) => l.req.url);
    expect(requests).toContain('/api/me');
    expect(requests).toContain('/api/invitations/[token]');
    expect(requests).toContain('/api/invitations/[token]/accept');
    const meLine = completed.find((l) => l.req.url === '/api/me')!;
    expect(meLine.req.method).toBe('GET');
    expect(meLine.res.statusCode).toBe(200);
    expect(meLine.responseTime).toBeTypeOf('number');
    expect(completed.find((l) => l.req.url === '/api/auth/sign-in' && l.res.statusCode === 401)).toBeTruthy();
    expect(parsed().filter((l) => l.msg === 'incoming request')).toEqual([]);
    // ... and none of the secrets.
    const text = logText();
    for (const [name, value] of Object.entries(secrets))
      expect(text.includes(value), `${name} appears in the log`).toBe(false);
  });

  it('answers a crash with the one error shape and no stack or SQL, while the log keeps the detail', async () => {
    const res = await app.inject('/api/test/crash');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    for (const leak of ['SELECT', 'password_hash', 'SQLITE', 'stack', 'at ', '.ts:'])
      expect(res.body).not.toContain(leak);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const logged = parsed().find((l) => l.msg === 'unhandled error') as
      { err?: { message?: string; stack?: string } } | undefined;
    expect(logged?.err?.message).toBe(SQL_ERROR);
    expect(logged?.err?.stack).toBeTruthy();
  });

  it('answers invalid input with the one error shape and field paths, never an internal message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'not-an-address', password: '' },
    });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<{
      error: { code: string; message: string; issues: { path: string; message: string }[] };
    }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['body.email', 'body.password']);
    // Path, message, and the code with its params a page translates (issue 13): nothing internal.
    for (const i of body.error.issues) expect(Object.keys(i).sort()).toEqual(['code', 'message', 'params', 'path']);
    // Nested paths keep their position.
    const nested = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        token: 'x',
        district: { ncesLeaId: '12', name: 'Some district', state: 'VA', timeZone: 'America/New_York' },
        admin: { email: 'a@example.test', displayName: 'A', password: 'p' },
      },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.district.ncesLeaId']);
  });

  it('redacts student fields and credentials at any depth, including rows carried by errors', async () => {
    const before = lines.length;
    expect((await app.inject('/api/test/log-student')).statusCode).toBe(200);
    const crash = await app.inject('/api/test/crash-with-row');
    expect(crash.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side' } });
    const text = lines.slice(before).join('');
    expect(text).toContain('logging a student record');
    expect(text).toContain('insert failed: constraint');
    expect(text).toContain('[redacted]');
    for (const value of [
      ...Object.values(STUDENT),
      'row-password-123',
      'top-level-password-1',
      'nested-password-2',
      'nested-token-3',
      'cookie-in-object-4',
    ])
      expect(text.includes(value), `${value} appears in the log`).toBe(false);
  });
});

describe('the request line', () => {
  it('is exactly the line pino writes for the same request through the app serializers', async () => {
    const lines: string[] = [];
    const config = loadConfig({ LOG_LEVEL: 'info' });
    const app = Fastify({
      logger: loggerOptions(config, { write: (l) => void lines.push(l) }),
      logController: new OneLinePerRequest(),
    });
    app.get('/api/invitations/:token', () => ({ ok: true }));
    await app.ready();
    const res = await app.inject({ url: '/api/invitations/secret-token-abc?x=%22quoted%22&token=t0k3n' });
    expect(res.statusCode).toBe(200);
    const [line] = lines.filter((l) => l.includes('request completed'));
    const ours = JSON.parse(line!) as Record<string, unknown> & { reqId: string; responseTime: number };
    expect(line).not.toContain('secret-token-abc');
    expect(line).not.toContain('t0k3n');

    lines.length = 0;
    app.log.child({ reqId: ours.reqId }).info(
      {
        req: { method: 'GET', url: '/api/invitations/secret-token-abc?x=%22quoted%22&token=t0k3n', id: ours.reqId },
        res: { statusCode: 200 },
        responseTime: ours.responseTime,
      },
      'request completed',
    );
    const pinos = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(ours)).toEqual(Object.keys(pinos));
    expect({ ...ours, time: 0 }).toEqual({ ...pinos, time: 0 });
    await app.close();
  });
});
