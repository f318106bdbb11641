import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { call, countRows } from './auth.helpers.js';

/**
 * Another process holding SQLite's write lock (a second worker, a CLI import while the server
 * runs): a write first waits (busy_timeout), and if the lock is still held it is a clean 503 with
 * Retry-After that changed nothing, not a 500. PostgreSQL has row locks and no such case.
 */
describe.runIf(TEST_DIALECT === 'sqlite')('a write while another process holds the SQLite write lock', () => {
  let t: TestApp;
  let districtId: string;
  let admin: Session;
  const school = (n: number) => ({
    ncesSchoolId: `5100009${String(n).padStart(5, '0')}`,
    name: `Busy School ${n}`,
    gradeLow: '09',
    gradeHigh: '12',
    enrollment: 500,
  });

  beforeAll(async () => {
    t = await createTestApp();
    districtId = (await buildDistrict(t.ctx)).id;
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
    t.handle.sqlite!.pragma('busy_timeout = 300'); // the production 5 s wait, shortened for the test
  });

  it('is a 503 with Retry-After and changes nothing; the same write succeeds once the lock is free', async () => {
    const other = new SQLite((t.config.database as { file: string }).file);
    const before = await countRows(t.ctx, 'schools');
    other.prepare('begin immediate').run();
    let res;
    try {
      res = await call(t.app, admin, 'POST', `/api/districts/${districtId}/schools`, school(1));
    } finally {
      other.prepare('rollback').run();
      other.close();
    }
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ error: { code: 'busy', message: expect.stringContaining('try again') } });
    expect(await countRows(t.ctx, 'schools')).toBe(before);

    const again = await call(t.app, admin, 'POST', `/api/districts/${districtId}/schools`, school(1));
    expect(again.statusCode, again.body).toBe(201);
    expect(await countRows(t.ctx, 'schools')).toBe(before + 1);
  });
});

if (TEST_DIALECT !== 'sqlite') console.log('sqlite-busy.test.ts: skipped on PostgreSQL (SQLite file locks only)');
