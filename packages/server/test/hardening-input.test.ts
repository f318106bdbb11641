import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { expectError } from './auth.helpers.js';
import { type IncidentWorld, buildIncidentWorld, incidentInput, incidentTableCounts, req } from './incident.helpers.js';

/**
 * Issue 12, item 8: a NUL byte (PostgreSQL cannot store one in text; it used to answer 500, even
 * before sign-in) or an unpaired surrogate anywhere in a request answers 400 invalid_characters and
 * changes nothing, on SQLite and PostgreSQL alike.
 */
let t: TestApp;
let w: IncidentWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildIncidentWorld(t.app, t.ctx);
});

const expectRefused = (res: Awaited<ReturnType<typeof req>>, path: string) => {
  const error = expectError(res, 400, 'invalid_characters');
  expect((error as { issues?: { path: string }[] }).issues?.[0]?.path).toBe(path);
};

describe('without signing in', () => {
  it('refuses a NUL byte in a path parameter', async () => {
    expectRefused(await req(t.app, null, 'GET', '/api/public/districts/abc%00def'), 'params.id');
    expectRefused(await req(t.app, null, 'GET', '/api/invitations/%00'), 'params.token');
  });

  it('refuses a NUL byte in the query string, even one the route does not read', async () => {
    expectRefused(await req(t.app, null, 'GET', '/api/public/districts?x=a%00b'), 'querystring.x');
  });

  it('refuses a NUL byte and a lone surrogate in a JSON body', async () => {
    const nul = await req(t.app, null, 'POST', '/api/auth/sign-in', { email: 'a\u0000@example.test', password: 'x' });
    expectRefused(nul, 'body.email');
    // A JSON escape is the only way to send an unpaired surrogate (UTF-8 cannot encode one).
    const lone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"someone@example.test","password":"abc\\ud800def"}',
    });
    expectRefused(lone, 'body.password');
    const trailing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"someone@example.test","password":"abc\\udc00"}',
    });
    expectRefused(trailing, 'body.password');
  });

  it('still accepts text with paired surrogates (an emoji)', async () => {
    const res = await req(t.app, null, 'POST', '/api/auth/sign-in', {
      email: 'nobody@example.test',
      password: 'a password with an emoji \u{1F600}',
    });
    expectError(res, 401, 'invalid_credentials');
  });
});

describe('signed in', () => {
  it('refuses a NUL byte in an incident id and in a list filter', async () => {
    expectRefused(await req(t.app, w.sessions.admin, 'GET', '/api/incidents/x%00y'), 'params.id');
    expectRefused(
      await req(t.app, w.sessions.admin, 'GET', `/api/districts/${w.district.id}/incidents?behavior=fight%00`),
      'querystring.behavior',
    );
  });

  it('refuses free text with a NUL byte or a lone surrogate and writes nothing', async () => {
    const before = await incidentTableCounts(t.ctx);
    const url = `/api/districts/${w.district.id}/incidents`;
    const nul = incidentInput(w.school, w.sro.id, { description: 'Refused to leave\u0000 the room.' });
    expectRefused(await req(t.app, w.sessions.principal, 'POST', url, nul), 'body.description');
    const lone = incidentInput(w.school, w.sro.id, { description: 'Refused \ud83d to leave.' });
    expectRefused(await req(t.app, w.sessions.principal, 'POST', url, lone), 'body.description');
    expect(await incidentTableCounts(t.ctx)).toEqual(before);
  });

  it('refuses a CSV upload with a NUL byte in a cell and imports nothing', async () => {
    const before = await incidentTableCounts(t.ctx);
    const res = await req(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/incidents/import`, {
      csv: 'incident_ref,description\r\nA-1,bad\u0000cell\r\n',
    });
    expectRefused(res, 'body.csv');
    expect(await incidentTableCounts(t.ctx)).toEqual(before);
  });
});
