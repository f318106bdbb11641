import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCrdcFiles } from '../src/modules/crdc/crdc.import.js';
import { crdcDistrictBenchmark } from '../src/modules/crdc/crdc.benchmarks.js';
import { crdcSummary } from '../src/modules/crdc/crdc.summary.js';
import { buildDistrict, buildSchool } from './builders.js';
import { type TestApp, createTempDir, createTestApp } from './harness.js';

/**
 * Six real New Hampshire rows cut from OCR's 2020-21 school file (all 1,733 columns, values unchanged):
 * reserve codes (-11 on one 504 arrest cell, -9 on a preschool's whole discipline block), two schools
 * with a sworn officer and a counselor FTE of 0, and one row with no NCESSCH. Expected figures below
 * were added up by hand from those rows (docs/crdc.md defines each).
 */
const FIXTURE = new URL('./fixtures/crdc/CRDC_2020-21_NH-sample.csv', import.meta.url).pathname;

const EXPECTED = {
  schools: 6,
  enrollment: 619 + 441 + 240 + 53 + 903 + 11,
  leo_fte: 2.34, // 2 + 0.17 + 0.17
  schools_with_leo: 3,
  schools_leo_no_counselor: 2, // 330234000488 and 330234000724 (counselor FTE 0); 330004900619 has 3 counselors
  students_leo_no_counselor: 240 + 53,
  referrals: 1 + (3 + 2 + 2 + 1 + 1) + (6 + 2), // WODIS + IDEA + 504 of the three schools that referred
  arrests: 6 + 2, // the -11 on John Stark's 504 female arrests is missing, not summed
  referrals_by_race_excl_504: { HI: 0, AM: 0, AS: 0, HP: 0, BL: 1, WH: 16, TR: 0 },
  arrests_by_race_excl_504: { HI: 0, AM: 0, AS: 0, HP: 0, BL: 1, WH: 7, TR: 0 },
  enrollment_by_race: { HI: 78, AM: 11, AS: 63, HP: 0, BL: 94, WH: 1974, TR: 47 },
  // Only the sixth row reports an offense: 2 physical attacks without a weapon.
  offenses: {
    rape_or_attempted_rape: 0,
    sexual_assault: 0,
    robbery_with_weapon: 0,
    robbery_without_weapon: 0,
    physical_attack_with_weapon: 0,
    physical_attack_without_weapon: 2,
    threat_with_weapon: 0,
    threat_without_weapon: 0,
    possession_of_firearm_or_explosive: 0,
  },
  // Physical restraint: one IDEA girl (row 2) and one IDEA boy (row 5), one instance each; the
  // preschool's -9 cells are missing, not summed.
  restraint: {
    mechanical: { students: 0, instances: 0 },
    physical: { students: 2, instances: 2 },
    seclusion: { students: 0, instances: 0 },
  },
};

describe('CRDC import from the committed fixture', () => {
  let t: TestApp;
  let linkedSchoolId: string;
  let districtId: string;
  beforeAll(async () => {
    t = await createTestApp();
    // The district's own Concord school carries Rundlett Middle School's NCES id; its LEA id is Concord's.
    const d = await buildDistrict(t.ctx, { state: 'NH', name: 'Concord' });
    districtId = d.id;
    await t.ctx.db.updateTable('districts').set({ ncesLeaId: '3302460' }).where('id', '=', d.id).execute();
    const s = await buildSchool(t.ctx, d.id);
    await t.ctx.db.updateTable('schools').set({ ncesSchoolId: '330246000063' }).where('id', '=', s.id).execute();
    linkedSchoolId = s.id;
    const reports = await importCrdcFiles(t.ctx.db, [FIXTURE], { year: '2020-21' });
    expect(reports).toEqual([
      { file: 'CRDC_2020-21_NH-sample.csv', year: '2020-21', states: ['NH'], rows: 6, linked: 1 },
    ]);
  });

  it('stores reserve codes as NULL, never zero, and keeps ids as 12-character text', async () => {
    const stark = await t.ctx.db
      .selectFrom('crdcSchools')
      .selectAll()
      .where('combokey', '=', '330000300500')
      .executeTakeFirstOrThrow();
    expect(stark.arrSec504F).toBeNull(); // -11 in the file
    expect(stark.arrSec504M).toBe(0);
    expect(stark.refWodisTotM).toBe(1);
    const preschool = await t.ctx.db
      .selectFrom('crdcSchools')
      .selectAll()
      .where('combokey', '=', '330234000724')
      .executeTakeFirstOrThrow();
    expect(preschool.refWodisTotM).toBeNull(); // -9: not applicable
    expect(preschool.arrIdeaBlF).toBeNull();
    expect(preschool.fteLeo).toBe(0.17);
    const frenchPond = await t.ctx.db
      .selectFrom('crdcSchools')
      .selectAll()
      .where('combokey', '=', '339992399998')
      .executeTakeFirstOrThrow();
    expect(frenchPond.ncesSchoolId).toBeNull();
    expect(frenchPond.leaId).toBe('3399923');
  });

  it("links the district's own school by NCES id", async () => {
    const linked = await t.ctx.db
      .selectFrom('crdcSchools')
      .select(['combokey', 'schoolId', 'districtId'])
      .where('schoolId', 'is not', null)
      .execute();
    expect(linked).toEqual([{ combokey: '330246000063', schoolId: linkedSchoolId, districtId }]);
  });

  it('sums the state summary exactly as added up by hand', async () => {
    expect(await crdcSummary(t.ctx.db, { year: '2020-21', state: 'NH' })).toEqual(EXPECTED);
  });

  it('is idempotent: a rerun replaces the same rows and changes no figure', async () => {
    await importCrdcFiles(t.ctx.db, [FIXTURE], { year: '2020-21' });
    const n = await t.ctx.db
      .selectFrom('crdcSchools')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(6);
    expect(await crdcSummary(t.ctx.db, { year: '2020-21', state: 'NH' })).toEqual(EXPECTED);
  });

  it('serves the summary on the public API with its source, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/crdc/nh/2020-21' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual(EXPECTED);
    expect(body.state).toBe('NH');
    expect(body.source.publisher).toMatch(/Office for Civil Rights/);
    expect(Object.keys(body.summary).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('answers bad or unknown state and year with a clear 4xx', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/public/crdc/NH/2099-00' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/crdc/N1/2020-21' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/crdc/NH/last-year' })).statusCode).toBe(400);
  });

  it('rejects a file that is not a CRDC school file, changing nothing', async () => {
    const dir = createTempDir('crdc-bad');
    const bad = join(dir, 'CRDC_2020-21_XX.csv');
    writeFileSync(bad, 'A,B\n1,2\n');
    await expect(importCrdcFiles(t.ctx.db, [bad])).rejects.toThrow(/not a CRDC school-level file: missing LEA_STATE/);
    // A real file with a broken count half-way: the whole file is rolled back.
    const broken = join(dir, 'CRDC_2020-21_NH.csv');
    copyFileSync(FIXTURE, broken);
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(broken, 'utf8').split('\n');
    lines[6] = lines[6]!.replace('339992399998', 'NOT-AN-ID');
    writeFileSync(broken, lines.join('\n'));
    await t.ctx.db.deleteFrom('crdcSchools').execute();
    await expect(importCrdcFiles(t.ctx.db, [broken])).rejects.toThrow(/line 7: COMBOKEY/);
    const n = await t.ctx.db
      .selectFrom('crdcSchools')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    await importCrdcFiles(t.ctx.db, [FIXTURE], { year: '2020-21' });
  });

  it('builds the district benchmark: own figures, state, schools with an officer but no counselor, staff ratios', async () => {
    const b = await crdcDistrictBenchmark(t.ctx.db, districtId, '2020-21');
    if (!b.available) throw new Error('expected the CRDC benchmark of a covered district');
    // Concord (LEA 3302460) has only Rundlett Middle School in the fixture.
    expect(b.district.summary.schools).toBe(1);
    expect(b.district.summary.enrollment).toBe(903);
    expect(b.district.ratios.counselor).toEqual({ studentsPerFte: Math.round((903 / 4) * 10) / 10, recommended: 250 });
    expect(b.state.summary).toEqual(EXPECTED);
    expect(b.leoNoCounselor).toEqual([]);
    // Other NH districts within 50%-200% of 903 students: John Stark's (619) only; 441, 293 and 11 are outside.
    expect(b.similar.leaIds).toEqual(['3300003']);
    expect(b.similar.summary.enrollment).toBe(619);
  });
});
