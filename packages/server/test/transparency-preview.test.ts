import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  type PreviewScope,
  type TransparencyPreview,
  TransparencyPreviewSchema,
  TransparencyReleasesSchema,
} from '@forefront/contract';
import { runners } from '../src/modules/jobs/job.routes.js';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { countRows, insertCounts } from './transparency.helpers.js';

interface JobBody {
  id: string;
  status: string;
  percent: number;
  result: unknown;
  error: { code: string } | null;
}

/**
 * Issue 13, "Publish": the preview job shows exactly what publishing would store, each withheld
 * figure with its reason and what changed since the last release, and releases nothing; the
 * release history names who published. A 3-school district whose small school has 3 referred
 * students (under n = 10) and 45 enrolled.
 */
describe(`transparency preview and release history on ${TEST_DIALECT}`, async () => {
  const t = await createTestApp();
  const YEAR = '2025-26';
  const d = await buildDistrict(t.ctx);
  const big = await buildSchool(t.ctx, d.id, { name: 'Lincoln High' });
  const mid = await buildSchool(t.ctx, d.id, { name: 'Jefferson Middle' });
  const small = await buildSchool(t.ctx, d.id, { name: 'Prairie Elementary' });
  const plans = [
    { school: big, students: 420, referred: 32, arrested: 14, incidents: 90, contacts: 110 },
    { school: mid, students: 310, referred: 21, arrested: 9, incidents: 55, contacts: 70 },
    { school: small, students: 45, referred: 3, arrested: 1, incidents: 5, contacts: 6 },
  ];
  const rows = plans.flatMap((p, i) => countRows(d.id, YEAR, p.school.id, 500 + i, { schoolId: p.school.id, ...p }));
  let admin: Session;
  let adminId: string;
  let auditor: Session;
  let principal: Session;
  let otherAdmin: Session;
  let otherId: string;

  const startJob = (kind: string, input: unknown, session = admin, districtId = d.id) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${districtId}/jobs`,
      headers: session.headers,
      payload: { kind, input },
    });
  const runJob = async (kind: string, input: unknown): Promise<JobBody> => {
    const res = await startJob(kind, input);
    expect(res.statusCode, res.body).toBe(202);
    await runners.get(t.ctx)!.idle();
    const job = await t.app.inject({
      method: 'GET',
      url: `/api/jobs/${res.json<JobBody>().id}`,
      headers: admin.headers,
    });
    return job.json<JobBody>();
  };
  const preview = async (): Promise<TransparencyPreview> => {
    const job = await runJob('transparency.preview', { year: YEAR });
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    return TransparencyPreviewSchema.parse(job.result);
  };
  const releases = (session = admin, districtId = d.id) =>
    t.app.inject({
      method: 'GET',
      url: `/api/districts/${districtId}/transparency/releases`,
      headers: session.headers,
    });
  const ledgerRows = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('suppressionReleases')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('districtId', '=', d.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pageRows = async () =>
    t.ctx.db.selectFrom('transparencyPages').select(['scopeId', 'payload']).where('districtId', '=', d.id).execute();
  const scopeOf = (p: TransparencyPreview, id: string | null): PreviewScope =>
    p.scopes.find((s) => (s.report.school?.id ?? null) === id)!;
  const reasonAt = (s: PreviewScope, table: string, row: string, column: string) =>
    s.withheld.find((w) => w.table === table && w.row === row && w.column === column)?.reason;

  beforeAll(async () => {
    await insertCounts(t.ctx.db, rows);
    const a = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    adminId = a.id;
    await t.ctx.db.updateTable('users').set({ displayName: 'Maria Lopez' }).where('id', '=', a.id).execute();
    admin = await signIn(t.app, a);
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: d.id }));
    principal = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'school_admin', districtId: d.id, schoolIds: [small.id] }),
    );
    const other = await buildDistrict(t.ctx);
    otherId = other.id;
    otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
  });

  it('lists the years that can be published and an empty history before any publication', async () => {
    const res = await releases();
    expect(res.statusCode, res.body).toBe(200);
    expect(TransparencyReleasesSchema.parse(res.json())).toEqual({
      id: d.id,
      yearsWithFigures: [YEAR],
      minN: 10,
      releases: [],
    });
  });

  it('previews the district and every school with each withheld figure and its reason, releasing nothing', async () => {
    const p = await preview();
    expect(p).toMatchObject({ year: YEAR, minN: 10 });
    expect(p.scopes.map((s) => s.report.school?.name ?? s.report.district.name)).toEqual([
      d.name,
      'Jefferson Middle',
      'Lincoln High',
      'Prairie Elementary',
    ]);
    const district = scopeOf(p, null);
    const school = scopeOf(p, small.id);
    // 3 referred students: a small count, withheld on the school's page and in the district's schools table.
    expect(school.report.highlights.studentsReferred).toBe('suppressed');
    expect(reasonAt(school, 'highlights', 'studentsReferred', 'studentsReferred')).toBe('count');
    expect(reasonAt(school, 'students_referred', 'all', 'students')).toBe('count');
    expect(reasonAt(district, 'schools', small.id, 'students_referred')).toBe('count');
    // A rate over a withheld count is withheld because of it.
    expect(reasonAt(school, 'highlights', 'referredPer1000', 'referredPer1000')).toBe('derived');
    // The district total stays published: 56 students.
    expect(district.report.highlights.studentsReferred).toBe(56);
    expect(reasonAt(district, 'highlights', 'studentsReferred', 'studentsReferred')).toBeUndefined();
    // The district's total = the schools' sum: another school's figure is hidden to protect the small one's.
    const schoolRows = district.withheld.filter((w) => w.table === 'schools' && w.column === 'students_referred');
    const others = schoolRows.filter((w) => w.row !== small.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((w) => w.reason === 'complementary')).toBe(true);
    // Every suppressed figure of every page is listed, and nothing published is.
    for (const s of p.scopes) {
      const suppressed = s.report.tables.flatMap((tb) =>
        tb.rows.flatMap((r) =>
          Object.entries(r.cells)
            .filter(([, c]) => c === 'suppressed')
            .map(([col]) => col),
        ),
      );
      expect(s.withheld.filter((w) => w.table !== 'highlights')).toHaveLength(suppressed.length);
    }
    expect(district.lastPublishedAt).toBeNull();
    expect(district.changes).toEqual([]);
    // Nothing was released or stored: the public still sees nothing.
    expect(await ledgerRows()).toBe(0);
    expect(await pageRows()).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/districts/${d.id}/transparency/${YEAR}` })).statusCode,
    ).toBe(404);
    const events = await auditEvents(t.ctx, d.id);
    expect(events.filter((e) => e.kind === 'transparency.previewed')).toEqual([
      expect.objectContaining({ actorId: adminId, payload: { year: YEAR, minN: 10 } }),
    ]);
  });

  it('is what publishing then stores, figure for figure; the history names who published', async () => {
    const p = await preview();
    const job = await runJob('transparency.publish', { year: YEAR });
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    const pages = new Map((await pageRows()).map((r) => [r.scopeId, JSON.parse(r.payload) as { publishedAt: string }]));
    for (const s of p.scopes) {
      const stored = pages.get(s.report.school?.id ?? d.id)!;
      expect({ ...s.report, publishedAt: '' }).toEqual({ ...stored, publishedAt: '' });
    }
    const res = await releases(auditor);
    expect(res.statusCode, res.body).toBe(200);
    const body = TransparencyReleasesSchema.parse(res.json());
    expect(body.releases).toEqual([
      {
        at: expect.any(String),
        by: { id: adminId, name: 'Maria Lopez', role: 'district_admin' },
        years: [YEAR],
        changed: [YEAR],
        minN: 10,
        schools: 3,
      },
    ]);
  });

  it('says what changed since the last release, and still releases nothing', async () => {
    const ledger = await ledgerRows();
    const before = await pageRows();
    // Five more incidents at the big school since the publication.
    await t.ctx.db
      .updateTable('transparencyCounts')
      .set({ value: sql<number>`value + 5` })
      .where('schoolId', '=', big.id)
      .where('measure', '=', 'incidents')
      .where('key', '=', '*')
      .execute();
    const p = await preview();
    const district = scopeOf(p, null);
    expect(district.lastPublishedAt).not.toBeNull();
    const total = plans.reduce((s, x) => s + x.incidents, 0);
    expect(district.changes).toContainEqual({
      table: 'incident_types',
      row: 'all',
      column: 'incidents',
      change: 'changed',
      before: total,
      after: total + 5,
    });
    expect(district.changes).toContainEqual(
      expect.objectContaining({ table: 'schools', row: big.id, label: 'Lincoln High', column: 'incidents' }),
    );
    // Figures of the small school did not move.
    expect(scopeOf(p, small.id).changes).toEqual([]);
    expect(await ledgerRows()).toBe(ledger);
    expect(await pageRows()).toEqual(before);
  });

  it('is for the district administrator only: others 403, another district 404, bad input 400', async () => {
    expectError(await startJob('transparency.preview', { year: YEAR }, auditor), 403, 'forbidden');
    expectError(await startJob('transparency.preview', { year: YEAR }, principal), 403, 'forbidden');
    expectError(await startJob('transparency.preview', { year: YEAR }, otherAdmin), 404, 'not_found');
    expectError(await startJob('transparency.preview', { year: 'last year' }), 400, 'invalid_request');
    expectError(await startJob('transparency.preview', {}), 400, 'invalid_request');
    const none = await runJob('transparency.preview', { year: '2030-31' });
    expect(none).toMatchObject({ status: 'failed', error: { code: 'not_found' } });
    expectError(await releases(principal), 403, 'forbidden');
    expectError(await releases(otherAdmin), 404, 'not_found');
    // A district with no incidents yet has nothing to preview: the page says what to do instead.
    const empty = await releases(otherAdmin, otherId);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ yearsWithFigures: [], releases: [] });
  });
});
