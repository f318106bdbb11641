import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFLICT_REASONS, ERROR_CODES, IMPORT_ERROR_CODES, IMPORT_ROW_CODES, ISSUE_CODES } from '@forefront/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { call, expectError } from './auth.helpers.js';

/**
 * Issue 13: a page says what is wrong with a field in the reader's language, from the code and
 * params each issue carries; the English `message` stays for API clients.
 */
describe(`validation issues carry a code and its params on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
  });

  type Issue = { path: string; message: string; code?: string; params?: Record<string, unknown> };
  const issuesOf = (res: Awaited<ReturnType<typeof call>>): Issue[] => {
    expectError(res, 400, 'invalid_request');
    return res.json<{ error: { issues: Issue[] } }>().error.issues;
  };
  const school = (over: Record<string, unknown>) => ({
    ncesSchoolId: '510000100001',
    name: 'Harbor High',
    gradeLow: '09',
    gradeHigh: '12',
    enrollment: 1200,
    ...over,
  });

  it('a number out of range names its bound', async () => {
    const [issue] = issuesOf(
      await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: 31 }),
    );
    expect(issue).toEqual({
      path: 'body.suppressionMinN',
      message: expect.any(String),
      code: 'too_big',
      params: { maximum: 30, inclusive: true, origin: 'number' },
    });
    const [low] = issuesOf(await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, { suppressionMinN: 4 }));
    expect(low).toMatchObject({ code: 'too_small', params: { minimum: 5, origin: 'number' } });
  });

  it('text too short, a wrong type, a pattern and a choice outside the list each say which', async () => {
    const issues = issuesOf(
      await call(
        t.app,
        admin,
        'POST',
        `/api/districts/${districtId}/schools`,
        school({ name: 'H', enrollment: 'many', ncesSchoolId: '12', gradeLow: 'K9' }),
      ),
    );
    const byField = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byField['body.name']).toMatchObject({ code: 'too_small', params: { minimum: 2, origin: 'string' } });
    expect(byField['body.enrollment']).toMatchObject({ code: 'invalid_type', params: { expected: 'number' } });
    expect(byField['body.ncesSchoolId']).toMatchObject({ code: 'invalid_format', params: { format: 'regex' } });
    expect(byField['body.gradeLow']?.code).toBe('invalid_value');
    expect(byField['body.gradeLow']?.params?.values).toContain('09');
    // Nothing of zod's English reaches the params.
    for (const i of issues) expect(JSON.stringify(Object.values(i.params ?? {}))).not.toMatch(/Invalid|Too small/);
  });

  it("a contract's cross-field rule names the rule", async () => {
    const [issue] = issuesOf(
      await call(
        t.app,
        admin,
        'POST',
        `/api/districts/${districtId}/schools`,
        school({ gradeLow: '12', gradeHigh: '09' }),
      ),
    );
    expect(issue).toMatchObject({ path: 'body.gradeHigh', code: 'custom', params: { rule: 'gradeOrder' } });
  });

  it("a service's business rule has its own issue code", async () => {
    const issues = issuesOf(
      await call(t.app, admin, 'POST', `/api/districts/${districtId}/invitations`, {
        email: 'someone@example.test',
        displayName: 'Someone',
        role: 'sro',
        schoolIds: ['no-such-school'],
      }),
    );
    expect(issues).toEqual([{ path: 'schoolIds', message: expect.any(String), code: 'unknown_school' }]);
  });

  it('a conflict keeps its code and names its reason, with the value it is about', async () => {
    const url = `/api/districts/${districtId}/schools`;
    const body = school({ ncesSchoolId: '510000100777', name: 'Twice High' });
    expect((await call(t.app, admin, 'POST', url, body)).statusCode).toBe(201);
    const err = expectError(await call(t.app, admin, 'POST', url, body), 409, 'conflict');
    expect(err).toMatchObject({ params: { reason: 'school_exists', value: '510000100777' } });
    expect(CONFLICT_REASONS).toContain((err as { params?: { reason?: string } }).params?.reason);
  });

  it('each refused row of a roster import names its reason by code, with the value at fault', async () => {
    const users = [
      'sourcedId,role,identifier,givenName,familyName,status,orgSourcedIds,grades',
      's1,student,,Ana,,active,999,13',
      's1,student,L2,Bea,Ruiz,gone,,',
      's3,student,L3,Cai,Lo,active,x',
    ].join('\n');
    const demographics = ['sourcedId,sex,hispanicOrLatinoEthnicity', 's1,robot,maybe', 's1,female,true'].join('\n');
    const res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/students/import`, {
      users,
      demographics,
    });
    expect(res.statusCode, res.body).toBe(422);
    const { errors } = res.json<{ report: { errors: { code?: string; params?: Record<string, unknown> }[] } }>().report;
    expect(errors.length).toBeGreaterThan(5);
    for (const e of errors) expect(IMPORT_ROW_CODES, JSON.stringify(e)).toContain(e.code);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'header_missing', params: { value: 'demographicRaceTwoOrMoreRaces' } }),
        expect.objectContaining({ code: 'no_demographics', params: { value: 's1' } }),
        expect.objectContaining({ code: 'not_grade', params: { value: '13' } }),
        expect.objectContaining({ code: 'not_status', params: { value: 'gone' } }),
        expect.objectContaining({ code: 'field_count' }),
      ]),
    );
  });

  it('every issue code sent is one the contract lists (so the web has a message for it)', async () => {
    const res = await call(t.app, admin, 'PATCH', `/api/districts/${districtId}`, {
      suppressionMinN: 'x',
      timeZone: 'Mars/Olympus',
      schoolYearStart: '02-30',
    });
    const issues = issuesOf(res);
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const i of issues) expect(ISSUE_CODES).toContain(i.code);
    expect(issues.map((i) => i.params?.rule).filter(Boolean)).toEqual(expect.arrayContaining(['timeZone', 'monthDay']));
  });
});

/** Every `.ts` file under a folder, as text. */
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}

describe('error codes', () => {
  const src = sources(join(import.meta.dirname, '../src'));

  it('every error code the server throws or sends is in the contract list (each has an en and es message)', () => {
    const found = new Map<string, string>();
    const patterns = [
      /new AppError\(\s*\d{3},\s*'([a-z_]+)'/g,
      /new UnauthorizedError\([^;]*?,\s*'([a-z_]+)',?\s*\)/gs,
      /error:\s*\{\s*code:\s*'([a-z_]+)'/g,
    ];
    for (const { file, text } of src)
      for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1]!, file);
    // The error plugin picks its codes in expressions (status -> code): every lower-case word there.
    const plugin = src.find((s) => s.file.endsWith('plugins/errors.ts'))!.text;
    for (const m of plugin.matchAll(/'([a-z_]+)'/g)) found.set(m[1]!, 'errors.ts');
    // Strings in the plugin that are not error codes.
    for (const notCode of ['fastify', 'not_accepted', 'string']) found.delete(notCode);
    expect(found.size).toBeGreaterThan(20);
    const missing = [...found].filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code));
    expect(missing).toEqual([]);
  });

  it('every conflict reason a service gives is in the contract list', () => {
    const found = new Set<string>();
    const re = /(?:new ConflictError|conflict)\(\s*(?:'[^']*'|`[^`]*`),\s*'([a-z_]+)'/g;
    for (const { text } of src) for (const m of text.matchAll(re)) found.add(m[1]!);
    expect(found.size).toBeGreaterThan(15);
    expect([...found].filter((r) => !(CONFLICT_REASONS as readonly string[]).includes(r))).toEqual([]);
  });

  it('every issue code a service sets is in the contract list', () => {
    const found = new Set<string>();
    for (const { text } of src) for (const m of text.matchAll(/code: '([a-z_]+)'/g)) found.add(m[1]!);
    // Top-level codes written as `code: '...'` in an error body are checked above.
    const issueOnly = [...found].filter((c) => !(ERROR_CODES as readonly string[]).includes(c));
    expect(issueOnly.length).toBeGreaterThan(10);
    // The roster import's row codes and the incident import's (each translated by its page).
    const known = [...ISSUE_CODES, ...IMPORT_ROW_CODES, ...IMPORT_ERROR_CODES] as readonly string[];
    expect(issueOnly.filter((c) => !known.includes(c))).toEqual([]);
  });
});
