import { beforeAll, describe, expect, it } from 'vitest';
import { CrdcDistrictBenchmarkAnswerSchema } from '@forefront/contract';
import { importCrdcFiles } from '../src/modules/crdc/crdc.import.js';
import { CRDC_SOURCE } from '../src/modules/crdc/crdc.service.js';
import { buildDistrict, buildSchool } from './builders.js';
import { type TestApp, createTestApp } from './harness.js';

/**
 * GET /api/public/districts/:id/benchmarks/:year on the six real New Hampshire rows of
 * test/fixtures/crdc (see crdc.test.ts). Expected figures were added up by hand from the rows:
 *   Claremont (LEA 3302340): Disnard Elementary (118+122 students, LEO 0.17, counselors 0, social
 *     workers 0.33, psychologists 0.25) and Claremont Preschool Center (24+29, LEO 0.17, counselors 0,
 *     social workers 0, psychologists 0.33): both have a sworn officer and no counselor.
 *   Other NH districts within 50%-200% of Claremont's 293 students: Prospect Mountain (441) only.
 */
const FIXTURE = new URL('./fixtures/crdc/CRDC_2020-21_NH-sample.csv', import.meta.url).pathname;
const STATE_ENROLLMENT = 619 + 441 + 240 + 53 + 903 + 11;

describe('public district benchmark route', () => {
  let t: TestApp;
  let claremont: string;
  let concord: string;
  let noCrdc: string;
  let disnardId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildDistrict(t.ctx, { state: 'NH', name: 'Claremont' });
    await t.ctx.db.updateTable('districts').set({ ncesLeaId: '3302340' }).where('id', '=', c.id).execute();
    claremont = c.id;
    const disnard = await buildSchool(t.ctx, c.id, { name: 'Disnard' });
    await t.ctx.db.updateTable('schools').set({ ncesSchoolId: '330234000488' }).where('id', '=', disnard.id).execute();
    disnardId = disnard.id;
    const k = await buildDistrict(t.ctx, { state: 'NH', name: 'Concord' });
    await t.ctx.db.updateTable('districts').set({ ncesLeaId: '3302460' }).where('id', '=', k.id).execute();
    concord = k.id;
    // A district whose NCES LEA id is in no imported file.
    noCrdc = (await buildDistrict(t.ctx, { state: 'NH', name: 'Elsewhere' })).id;
    await importCrdcFiles(t.ctx.db, [FIXTURE], { year: '2020-21' });
  });

  it('answers without signing in, with the source, the district, its state and similar districts', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${claremont}/benchmarks/2020-21` });
    expect(res.statusCode).toBe(200);
    const body = CrdcDistrictBenchmarkAnswerSchema.parse(res.json());
    if (!body.available) throw new Error('expected Claremont to be covered');
    expect(body.year).toBe('2020-21');
    expect(body.source).toEqual(CRDC_SOURCE);
    expect(body.district.leaId).toBe('3302340');
    expect(body.district.summary).toMatchObject({
      schools: 2,
      enrollment: 293,
      leo_fte: 0.34,
      schools_with_leo: 2,
      schools_leo_no_counselor: 2,
      students_leo_no_counselor: 293,
    });
    expect(body.district.ratios).toEqual({
      counselor: { studentsPerFte: null, recommended: 250 }, // no counselor FTE at all
      socialWorker: { studentsPerFte: Math.round((293 / 0.33) * 10) / 10, recommended: 250 },
      psychologist: { studentsPerFte: Math.round((293 / (0.25 + 0.33)) * 10) / 10, recommended: 500 },
    });
    expect(body.state.state).toBe('NH');
    expect(body.state.summary.schools).toBe(6);
    expect(body.state.summary.enrollment).toBe(STATE_ENROLLMENT);
    expect(body.similar.leaIds).toEqual(['3300049']);
    expect(body.similar.summary.enrollment).toBe(441);
    expect(body.leoNoCounselor).toEqual([
      {
        combokey: '330234000724',
        schoolName: 'Claremont Preschool Center',
        schoolId: null,
        enrollment: 53,
        leoFte: 0.17,
      },
      {
        combokey: '330234000488',
        schoolName: 'Disnard Elementary School',
        schoolId: disnardId,
        enrollment: 240,
        leoFte: 0.17,
      },
    ]);
  });

  it('lists no school for a district whose officers work beside counselors', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${concord}/benchmarks/2020-21` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.district.summary.enrollment).toBe(903);
    expect(body.leoNoCounselor).toEqual([]);
    expect(body.similar.leaIds).toEqual(['3300003']); // John Stark, 619 students
  });

  it('answers 404 for an unknown district', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/districts/no-such-district/benchmarks/2020-21' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers 200 "not available" for a district without CRDC rows or a year not imported (no failed request)', async () => {
    for (const [url, year] of [
      [`/api/public/districts/${noCrdc}/benchmarks/2020-21`, '2020-21'],
      [`/api/public/districts/${claremont}/benchmarks/2017-18`, '2017-18'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.json()).toEqual({ available: false, year, source: CRDC_SOURCE });
    }
  });

  it('gives the exposure to police by group for the state and the district, added up by hand', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${claremont}/benchmarks/2020-21` });
    const body = CrdcDistrictBenchmarkAnswerSchema.parse(res.json());
    if (!body.available) throw new Error('expected Claremont to be covered');
    const row = (rows: typeof body.exposure.state, group: string) => rows.find((r) => r.group === group);
    // NH fixture: sworn officer (LEO FTE > 0) at Prospect Mountain (441 students), Disnard (240) and
    // Claremont Preschool (53); none at John Stark (619), Rundlett (903), French Pond (11).
    expect(row(body.exposure.state, 'all')).toEqual({ group: 'all', enrolled: 2267, withOfficer: 734, share: 0.3238 });
    // Black students: 1 + 4 + 2 + 3 + 84 + 0 = 94, of whom 4 + 2 + 3 = 9 with an officer.
    expect(row(body.exposure.state, 'BL')).toEqual({ group: 'BL', enrolled: 94, withOfficer: 9, share: 0.0957 });
    // Hispanic students: 19 + 10 + 8 + 1 + 40 + 0 = 78, of whom 10 + 8 + 1 = 19.
    expect(row(body.exposure.state, 'HI')).toEqual({ group: 'HI', enrolled: 78, withOfficer: 19, share: 0.2436 });
    expect(row(body.exposure.state, 'WH')).toEqual({ group: 'WH', enrolled: 1974, withOfficer: 671, share: 0.3399 });
    // Claremont: both schools have an officer.
    expect(row(body.exposure.district, 'all')).toEqual({ group: 'all', enrolled: 293, withOfficer: 293, share: 1 });
    expect(body.exposure.state.map((r) => r.group)).toEqual(['all', 'HI', 'AM', 'AS', 'HP', 'BL', 'WH', 'TR']);
  });

  it('answers 400 for a malformed year, before looking anything up', async () => {
    for (const year of ['last-year', '2020', '2020-22', '2020-2021', `${'9'.repeat(17)}`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${claremont}/benchmarks/${year}` });
      expect(res.statusCode, year).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('keeps the state summary route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/crdc/NH/2020-21' });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.enrollment).toBe(STATE_ENROLLMENT);
  });
});
