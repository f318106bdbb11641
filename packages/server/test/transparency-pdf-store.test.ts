import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { countRows, insertCounts } from './transparency.helpers.js';

/**
 * Issue 12.6: the public report PDF is made once per publication and language and served from
 * storage; a publication that changes the figures makes it again.
 */
describe(`stored transparency PDF on ${TEST_DIALECT}`, () => {
  const YEAR = '2025-26';
  let t: TestApp;
  let districtId: string;
  let schoolId: string;
  let admin: Session;
  const pdfUrl = (lang: string) => `/api/public/districts/${districtId}/transparency/${YEAR}/report.pdf?lang=${lang}`;
  const stored = () =>
    t.ctx.db.selectFrom('transparencyReportFiles').select(['scopeId', 'lang', 'etag', 'content']).execute();
  const publish = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${districtId}/transparency/publish`,
      headers: admin.headers,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    schoolId = (await buildSchool(t.ctx, d.id)).id;
    const plan = { schoolId, students: 400, referred: 30, arrested: 12, incidents: 80, contacts: 100 };
    await insertCounts(t.ctx.db, countRows(d.id, YEAR, schoolId, 900, plan));
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    await publish();
  });

  it('renders on the first request, keeps the file, and serves the kept file afterwards', async () => {
    expect(await stored()).toEqual([]);
    const first = await t.app.inject({ method: 'GET', url: pdfUrl('es') });
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const files = await stored();
    expect(files.map((f) => [f.scopeId, f.lang])).toEqual([[districtId, 'es']]);
    expect(Buffer.compare(Buffer.from(files[0]!.content), first.rawPayload)).toBe(0);

    // Replace the kept file with a marker: a later request answers with it, so nothing was rendered.
    const marker = Buffer.from('%PDF-kept file, not rendered again');
    await t.ctx.db.updateTable('transparencyReportFiles').set({ content: marker }).execute();
    const again = await t.app.inject({ method: 'GET', url: pdfUrl('es') });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toBe('application/pdf');
    expect(again.rawPayload.toString()).toBe(marker.toString());
  });

  it('makes the file again after a publication that changed the figures, per language', async () => {
    const before = (await stored())[0]!.etag;
    await t.ctx.db
      .updateTable('transparencyCounts')
      .set((eb) => ({ value: eb('value', '+', 7) }))
      .where('districtId', '=', districtId)
      .where('measure', '=', 'incidents')
      .execute();
    await publish();
    const res = await t.app.inject({ method: 'GET', url: pdfUrl('es') });
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString()).not.toContain('kept file');
    const files = await stored();
    expect(files).toHaveLength(1);
    expect(files[0]!.etag).not.toBe(before);
    expect((await t.app.inject({ method: 'GET', url: pdfUrl('en') })).statusCode).toBe(200);
    expect((await stored()).map((f) => f.lang).sort()).toEqual(['en', 'es']);
    expect((await t.app.inject({ method: 'GET', url: pdfUrl('fr') })).statusCode).toBe(400);
  });
});
