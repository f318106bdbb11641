import { beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type TransparencyReport, TransparencyReportSchema } from '@forefront/contract';
import { FAMILIES, datasetOf } from '../src/modules/transparency/transparency.publication.js';
import { RECHECK_MS, pageEtag } from '../src/modules/transparency/transparency.http.js';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { countRows, insertCounts } from './transparency.helpers.js';
import { positionsOf } from './transparency.positions.js';
import { expectTables, extract } from './transparency-pdf.helpers.js';

/**
 * The public transparency report end to end on a real database: a 3-school district whose small
 * school's referral figures are withheld while the district total stays exact and published;
 * every published figure is true and every withheld one is withheld everywhere it could appear.
 */
describe(`transparency report API on ${TEST_DIALECT}`, async () => {
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
  const referredTotal = plans.reduce((s, p) => s + p.referred, 0);
  let admin: Session;
  let auditor: Session;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const reportOf = async (scope: 'districts' | 'schools', id: string) =>
    TransparencyReportSchema.parse((await get(`/api/public/${scope}/${id}/transparency/${YEAR}`)).json());

  beforeAll(async () => {
    await insertCounts(t.ctx.db, rows);
    // Officers: 12 with a contact at the big school, 11 of them in a classroom.
    const drift = Array.from({ length: 12 }, (_, i) => ({
      districtId: d.id,
      schoolId: big.id,
      officerId: `officer-${i}`,
      month: '2025-10',
      contacts: 3,
      routineContacts: 1,
      classroomContacts: i < 11 ? 1 : 0,
      violations: 0,
      arrests: 0,
      referrals: 0,
    }));
    await t.ctx.db.insertInto('roleDriftMonthly').values(drift).execute();
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: d.id }));
  });

  it('answers 404 before anything is published, and an empty index', async () => {
    expect((await get(`/api/public/districts/${d.id}/transparency/${YEAR}`)).statusCode).toBe(404);
    expect((await get(`/api/public/districts/${d.id}/transparency`)).json()).toEqual({
      districtId: d.id,
      years: [],
      latestYear: null,
    });
  });

  it('publishes through the administrator API', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${d.id}/transparency/publish`,
      headers: admin.headers,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.years).toHaveLength(1);
    expect(body.years[0]).toMatchObject({ year: YEAR, changed: true });
    expect(body.years[0].published).toBeGreaterThan(0);
    expect(body.years[0].suppressed).toBeGreaterThan(0);
    expect((await get(`/api/public/districts/${d.id}/transparency`)).json()).toEqual({
      districtId: d.id,
      years: [YEAR],
      latestYear: YEAR,
    });
  });

  it('serves the stored JSON text as it is, with a JSON content type', async () => {
    for (const [scope, id] of [
      ['districts', d.id],
      ['schools', small.id],
    ] as const) {
      const res = await get(`/api/public/${scope}/${id}/transparency/${YEAR}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const stored = await t.ctx.db
        .selectFrom('transparencyPages')
        .select('payload')
        .where('scopeId', '=', id)
        .where('schoolYear', '=', YEAR)
        .executeTakeFirstOrThrow();
      expect(res.body).toBe(stored.payload);
    }
  });

  it("sends brotli or gzip to clients that accept it, revalidates with an ETag, and serves another process's publication within RECHECK_MS", async () => {
    const url = `/api/public/districts/${d.id}/transparency/${YEAR}`;
    const plain = await get(url);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.headers['content-encoding']).toBeUndefined();

    // Brotli at its best quality is made in the thread pool; until it is there, gzip is sent.
    const first = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(['br', 'gzip']).toContain(first.headers['content-encoding']);
    for (let i = 0; i < 100; i++) {
      if (
        (await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })).headers[
          'content-encoding'
        ] === 'br'
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const unpack = { br: brotliDecompressSync, gzip: gunzipSync };
    const sizes: Record<string, number> = {};
    for (const [accept, coding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=1, gzip;q=0.5', 'br'],
      ['*', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['br;q=0, *', 'gzip'],
    ] as const) {
      const packed = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      expect(packed.headers['content-encoding'], accept).toBe(coding);
      expect(packed.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(unpack[coding](packed.rawPayload).toString('utf8')).toBe(plain.body);
      expect(packed.headers.etag).toBe(etag);
      sizes[coding] = packed.rawPayload.length;
    }
    expect(sizes.br).toBeLessThan(sizes.gzip!);
    for (const accept of ['gzip;q=0', 'identity', 'br;q=0, gzip;q=0, *;q=0.5', 'deflate, zstd']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body).toBe(plain.body);
    }

    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': inm } });
      expect(again.statusCode, inm).toBe(304);
      expect(again.body).toBe('');
    }
    expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);

    // The ETag is the hash stored with the page when it was published.
    const stored = await t.ctx.db
      .selectFrom('transparencyPages')
      .select(['payload', 'etag'])
      .where('scopeId', '=', d.id)
      .where('schoolYear', '=', YEAR)
      .executeTakeFirstOrThrow();
    expect(etag).toBe(`"${stored.etag}"`);
    expect(stored.etag).toBe(pageEtag(stored.payload));

    // Another process (a worker, the CLI) publishes: this one serves the new text once it next
    // checks the database, at most RECHECK_MS later.
    const edited = stored.payload.replace('"scope":"district"', '"scope":"district" ');
    expect(edited).not.toBe(stored.payload);
    const setPage = (payload: string) =>
      t.ctx.db
        .updateTable('transparencyPages')
        .set({ payload, etag: pageEtag(payload) })
        .where('scopeId', '=', d.id)
        .where('schoolYear', '=', YEAR)
        .execute();
    await setPage(edited);
    try {
      await new Promise((r) => setTimeout(r, RECHECK_MS + 100));
      const fresh = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': etag, 'accept-encoding': 'gzip' },
      });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers.etag).toBe(`"${pageEtag(edited)}"`);
      expect(gunzipSync(fresh.rawPayload).toString('utf8')).toBe(edited);
    } finally {
      await setPage(stored.payload);
    }
    await new Promise((r) => setTimeout(r, RECHECK_MS + 100));
    expect((await get(url)).body).toBe(stored.payload);
  });

  it("withholds the small school's referrals while the district total is exact and published", async () => {
    const district = await reportOf('districts', d.id);
    expect(district.highlights.studentsReferred).toBe(referredTotal);
    const schoolsRow = district.tables.find((x) => x.key === 'schools')!.rows.find((r) => r.key === small.id)!;
    expect(schoolsRow).toMatchObject({
      label: 'Prairie Elementary',
      cells: { students_referred: 'suppressed', referred_per1000: 'suppressed' },
    });
    const school = await reportOf('schools', small.id);
    expect(school.scope).toBe('school');
    expect(school.school).toMatchObject({ id: small.id, name: 'Prairie Elementary' });
    expect(school.highlights.studentsReferred).toBe('suppressed');
    expect(school.tables.find((x) => x.key === 'students_referred')!.rows[0]!.cells.students).toBe('suppressed');
    expect(school.tables.some((x) => x.key === 'schools')).toBe(false);
  });

  it('shows every published figure as its true value and every withheld one as suppressed, wherever it appears', async () => {
    const reports = new Map<string, TransparencyReport>([['district', await reportOf('districts', d.id)]]);
    for (const p of plans) reports.set(p.school.id, await reportOf('schools', p.school.id));
    let checked = 0;
    for (const family of FAMILIES) {
      const rel = await t.ctx.db
        .selectFrom('suppressionReleases')
        .select(['snapshot', 'published'])
        .where('districtId', '=', d.id)
        .where('dataset', '=', datasetOf(family))
        .orderBy('createdAt', 'desc')
        .executeTakeFirstOrThrow();
      const snap = JSON.parse(rel.snapshot) as {
        publication: { cells: { id: string; value: number }[] };
        hidden: string[];
      };
      const hidden = new Set(snap.hidden);
      for (const cell of snap.publication.cells) {
        for (const pos of positionsOf(family, cell.id, YEAR)) {
          const report = reports.get(pos.scope)!;
          if (pos.read)
            expect(pos.read(report), `${family} ${cell.id} -> ${pos.where}`).toEqual(
              hidden.has(cell.id) ? 'suppressed' : cell.value,
            );
          for (const derived of pos.derived?.(report) ?? [])
            if (hidden.has(cell.id))
              expect(['suppressed', null], `${cell.id} ${pos.where} derived`).toContainEqual(derived);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('answers 404 for an unpublished year, an unknown id, and a district id on the school route; 400 for a malformed year', async () => {
    const missing = await get(`/api/public/districts/${d.id}/transparency/2019-20`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/No transparency report is published/);
    expect((await get(`/api/public/districts/nope/transparency`)).statusCode).toBe(404);
    expect((await get(`/api/public/schools/${d.id}/transparency/${YEAR}`)).statusCode).toBe(404);
    expect((await get(`/api/public/districts/${big.id}/transparency/${YEAR}`)).statusCode).toBe(404);
    for (const bad of ['abc', '2025-27', '2025%2F26', '20252026']) {
      const res = await get(`/api/public/districts/${d.id}/transparency/${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('offers every table as CSV and JSON, and the whole report as a JSON download', async () => {
    const report = await reportOf('districts', d.id);
    const csv = await get(`/api/public/districts/${d.id}/transparency/${YEAR}/tables/students_referred.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="transparency-${d.ncesLeaId}-${YEAR}-students_referred.csv"`,
    );
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,scope_id,year,dimension,key,label,enrolled,students,per1000,risk_ratio,risk_ratio_low,risk_ratio_high,composition_index,composition_index_low,composition_index_high',
    );
    expect(lines).toHaveLength(report.tables[0]!.rows.length + 1);
    expect(lines[1]).toMatch(new RegExp(`^district,${d.id},${YEAR},all,all,,\\d+,${referredTotal},`));

    const schoolCsv = await get(`/api/public/schools/${small.id}/transparency/${YEAR}/tables/students_referred.csv`);
    expect(schoolCsv.body.split('\r\n')[1]).toContain(',suppressed,');

    const json = await get(`/api/public/districts/${d.id}/transparency/${YEAR}/tables/incident_types.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      scope: 'district',
      year: YEAR,
      table: report.tables.find((x) => x.key === 'incident_types'),
    });

    const whole = await get(`/api/public/schools/${big.id}/transparency/${YEAR}/report.json`);
    expect(whole.headers['content-disposition']).toBe(
      `attachment; filename="transparency-${big.ncesSchoolId}-${YEAR}-report.json"`,
    );
    expect(TransparencyReportSchema.parse(whole.json()).school!.id).toBe(big.id);

    expect((await get(`/api/public/districts/${d.id}/transparency/${YEAR}/tables/salaries.csv`)).statusCode).toBe(404);
    expect((await get(`/api/public/districts/${d.id}/transparency/${YEAR}/tables/trend.xlsx`)).statusCode).toBe(404);
    expect((await get(`/api/public/schools/${small.id}/transparency/${YEAR}/tables/schools.json`)).statusCode).toBe(
      404,
    );
  });

  it('serves the annual PDF report with the same figures as the page, in English and Spanish', async () => {
    for (const [scope, id] of [
      ['districts', d.id],
      ['schools', small.id],
    ] as const) {
      const report = await reportOf(scope, id);
      for (const lang of ['en', 'es'] as const) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/public/${scope}/${id}/transparency/${YEAR}/report.pdf?lang=${lang}`,
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toContain(`-report-${lang}.pdf`);
        const pdf = res.rawPayload;
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expectTables(report, extract(pdf), lang);
      }
    }
    expect((await get(`/api/public/districts/${d.id}/transparency/${YEAR}/report.pdf?lang=fr`)).statusCode).toBe(400);
    expect((await get(`/api/public/districts/${d.id}/transparency/1999-00/report.pdf`)).statusCode).toBe(404);
  });

  it('re-publishing unchanged figures reuses every release', async () => {
    const before = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('districtId', '=', d.id)
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${d.id}/transparency/publish`,
      headers: admin.headers,
      payload: { year: YEAR },
    });
    expect(res.json().years[0]).toMatchObject({ year: YEAR, changed: false });
    const after = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('districtId', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a year with no figures (404) or a malformed one (400), and tells the auditor what was published', async () => {
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${d.id}/transparency/publish`,
      headers: admin.headers,
      payload: { year: '2030-31' },
    });
    expect(none.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${d.id}/transparency/publish`,
      headers: admin.headers,
      payload: { year: 'last year' },
    });
    expect(bad.statusCode).toBe(400);
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${d.id}/transparency/status`,
      headers: auditor.headers,
    });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ id: d.id, minN: 10, years: [{ year: YEAR }] });
    const audit = await t.ctx.db
      .selectFrom('auditEvents')
      .select('kind')
      .where('kind', '=', 'transparency.published')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('lists the open-data and report routes in the OpenAPI document under public', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of [
      '/api/public/districts/{id}/transparency/{year}',
      '/api/public/schools/{id}/transparency/{year}/tables/{file}',
      '/api/public/districts/{id}/transparency',
    ])
      expect(doc.paths[path]?.get?.tags, path).toEqual(['public']);
  });

  it('serves a publication made by this process from the very next request', async () => {
    const url = `/api/public/districts/${d.id}/transparency/${YEAR}`;
    const before = await get(url);
    const incidentsBefore = before.json<TransparencyReport>().highlights.incidents;
    const more = (db: typeof t.ctx.db, by: number) =>
      db
        .updateTable('transparencyCounts')
        .set((eb) => ({ value: eb('value', '+', by) }))
        .where('districtId', '=', d.id)
        .where('schoolId', '=', big.id)
        .where('measure', '=', 'incidents')
        .execute();
    await more(t.ctx.db, 7);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/districts/${d.id}/transparency/publish`,
        headers: admin.headers,
        payload: { year: YEAR },
      });
      expect(res.json().years[0]).toMatchObject({ year: YEAR, changed: true });
      const after = await get(url);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.json<TransparencyReport>().highlights.incidents).toBe(Number(incidentsBefore) + 7);
    } finally {
      await more(t.ctx.db, -7);
      await t.app.inject({
        method: 'POST',
        url: `/api/districts/${d.id}/transparency/publish`,
        headers: admin.headers,
        payload: { year: YEAR },
      });
    }
  });
});
