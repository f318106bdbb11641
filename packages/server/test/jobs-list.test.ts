import { beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { type BuiltUser, type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

interface JobPage {
  items: Job[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * GET /api/districts/:id/jobs as the jobs page reads it: pages, running or ended, who started each
 * job by name, and only the kinds the reader's policy allows.
 */
describe(`the jobs list on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let district: { id: string };
  let admin: BuiltUser;
  let adminSession: Session;
  let auditor: Session;

  const list = async (s: Session, query: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${district.id}/jobs?${query}`,
      headers: s.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<JobPage>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    district = await buildDistrict(t.ctx);
    admin = await buildUser(t.ctx, { role: 'district_admin', districtId: district.id });
    adminSession = await signIn(t.app, admin);
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: district.id }));
    // 25 ended exports by the administrator, an import that failed, one queued export by nobody (the system).
    const rows = [];
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString();
      rows.push({
        id: `export-${String(i).padStart(2, '0')}`,
        kind: 'crdc.export',
        districtId: district.id,
        requestedBy: admin.id,
        status: 'done' as const,
        percent: 100,
        cancelRequested: 0,
        result: '{}',
        createdAt: at,
        updatedAt: at,
      });
    }
    const at = nowIso();
    rows.push({
      id: 'import-failed',
      kind: 'incident.import',
      districtId: district.id,
      requestedBy: admin.id,
      status: 'failed' as const,
      percent: 10,
      cancelRequested: 0,
      result: null,
      createdAt: at,
      updatedAt: at,
    });
    rows.push({
      id: 'export-queued',
      kind: 'crdc.export',
      districtId: district.id,
      requestedBy: null,
      status: 'queued' as const,
      percent: 0,
      cancelRequested: 0,
      result: null,
      createdAt: at,
      updatedAt: at,
    });
    await t.ctx.db.insertInto('jobs').values(rows).execute();
  });

  it('pages through ended jobs, newest first, naming who started each', async () => {
    const first = await list(adminSession, 'finished=true&limit=10');
    expect(first).toMatchObject({ total: 26, limit: 10, offset: 0 });
    expect(first.items.map((j) => j.id)).toEqual([
      'import-failed',
      ...Array.from({ length: 9 }, (_, i) => `export-${String(24 - i).padStart(2, '0')}`),
    ]);
    const { displayName } = await t.ctx.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(new Set(first.items.map((j) => j.requestedByName))).toEqual(new Set([displayName]));
    const last = await list(adminSession, 'finished=true&limit=10&offset=20');
    expect(last.items.map((j) => j.id)).toEqual([
      'export-05',
      'export-04',
      'export-03',
      'export-02',
      'export-01',
      'export-00',
    ]);
    expect(last.total).toBe(26);
  });

  it('lists only running and queued jobs when asked, with no name for a job the system started', async () => {
    const running = await list(adminSession, 'finished=false');
    expect(running.total).toBe(1);
    expect(running.items[0]).toMatchObject({ id: 'export-queued', requestedBy: null, requestedByName: null });
    const failed = await list(adminSession, 'status=failed');
    expect(failed.items.map((j) => j.id)).toEqual(['import-failed']);
  });

  it("leaves out the kinds beyond the reader's policy, in the items and in the total", async () => {
    // The auditor may see exports, not imports.
    const seen = await list(auditor, 'finished=true&limit=200');
    expect(seen.total).toBe(25);
    expect(seen.items.some((j) => j.kind === 'incident.import')).toBe(false);
    expect((await list(auditor, 'status=failed')).total).toBe(0);
  });

  it('refuses a bad page with a 400, and another district with a 404', async () => {
    for (const q of ['offset=-1', 'limit=0', 'finished=maybe', 'offset=abc'])
      expectError(
        await t.app.inject({
          method: 'GET',
          url: `/api/districts/${district.id}/jobs?${q}`,
          headers: adminSession.headers,
        }),
        400,
        'invalid_request',
      );
    const other = await buildDistrict(t.ctx);
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/districts/${other.id}/jobs`, headers: adminSession.headers }),
      404,
      'not_found',
    );
  });
});
