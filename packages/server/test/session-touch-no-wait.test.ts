import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict, buildUser, signIn, type Session } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 12.6: while a job holds SQLite's write lock (a million-row import is one transaction of
 * several minutes), a signed-in request whose once-a-minute session touch is due must not wait
 * for the lock on the event loop (5 s busy timeout, then a 500).
 */
if (TEST_DIALECT !== 'sqlite')
  console.log('session-touch-no-wait.test.ts: skipped on PostgreSQL (a job does not lock the sessions rows there)');

describe.skipIf(TEST_DIALECT !== 'sqlite')('the session touch during a long write, on SQLite', () => {
  let t: TestApp;
  let session: Session;

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    session = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
  });

  it('answers at once while another connection holds the write lock, and touches later', async () => {
    const sessionId = (await t.ctx.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow()).id;
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    // Through the app's handle: a write naming sessions drops the process's copies (access epoch).
    await t.ctx.db.updateTable('sessions').set({ lastSeenAt: old }).execute();
    const file = t.config.database.dialect === 'sqlite' ? t.config.database.file : '';
    const job = new SQLite(file);
    try {
      job.exec('begin immediate'); // what an import's transaction holds
      const started = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: session.headers });
      const ms = performance.now() - started;
      expect(res.statusCode, res.body).toBe(200);
      expect(ms).toBeLessThan(1000);
      job.exec('rollback');
    } finally {
      job.close();
    }
    const row = await t.ctx.db
      .selectFrom('sessions')
      .select('lastSeenAt')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(row.lastSeenAt).toBe(old); // skipped while locked
  });
});
