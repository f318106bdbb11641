import { beforeAll, describe, expect, it } from 'vitest';
import { type PublicTable, SUPPRESSED, TransparencyReportSchema, WEAPON_BEHAVIORS } from '@forefront/contract';
import { publishTransparency } from '../src/modules/transparency/transparency.publish.js';
import { transparencyContribution } from '../src/modules/transparency/transparency.derive.js';
import { datasetOf } from '../src/modules/transparency/transparency.publication.js';
import { buildDistrict, buildSchool } from './builders.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { type CountRow, insertCounts } from './transparency.helpers.js';
import { extract } from './transparency-pdf.helpers.js';

/**
 * Issue 13's two public figures, from hand-made counts with hand-computed expected values:
 * the weapon-offense trend by school year (count and per 1,000 enrolled, beside the referral
 * trend) and the exposure to police by group (the share of each race's students in a school with a
 * sworn officer that year). Both are published through the suppression engine and the ledger.
 *
 * Three schools (minimum cell size 10). Officers logged contacts at Adams and Baker, not at Carver.
 *   enrolled        WH   BL   HI   AM   all
 *   Adams (SRO)    200  100   50    3   353
 *   Baker (SRO)    150   60   40    0   250
 *   Carver         300   20   30    0   350
 *   district       650  180  120    3   953   with an officer: WH 350, BL 160, HI 90, AM 3, all 603
 * Weapon-offense incidents (of all incidents): 2024-25 Adams 10 (30), Baker 11 (20), Carver 0 (10);
 * 2025-26 Adams 12 (40), Baker 10 (30), Carver 0 (20).
 */
describe(`weapon trend and exposure to police on ${TEST_DIALECT}`, async () => {
  const t = await createTestApp();
  const d = await buildDistrict(t.ctx);
  const adams = await buildSchool(t.ctx, d.id, { name: 'Adams' });
  const baker = await buildSchool(t.ctx, d.id, { name: 'Baker' });
  const carver = await buildSchool(t.ctx, d.id, { name: 'Carver' });
  const ENROLLED: Record<string, Record<string, number>> = {
    [adams.id]: { WH: 200, BL: 100, HI: 50, AM: 3 },
    [baker.id]: { WH: 150, BL: 60, HI: 40 },
    [carver.id]: { WH: 300, BL: 20, HI: 30 },
  };
  const INCIDENTS: Record<string, Record<string, [number, number]>> = {
    '2024-25': { [adams.id]: [30, 10], [baker.id]: [20, 11], [carver.id]: [10, 0] },
    '2025-26': { [adams.id]: [40, 12], [baker.id]: [30, 10], [carver.id]: [20, 0] },
  };

  beforeAll(async () => {
    const rows: CountRow[] = [];
    for (const schoolYear of ['2024-25', '2025-26'])
      for (const [schoolId, races] of Object.entries(ENROLLED)) {
        const add = (measure: string, key: string, value: number) =>
          rows.push({ districtId: d.id, schoolYear, schoolId, measure, key, value });
        const all = Object.values(races).reduce((s, v) => s + v, 0);
        add('enrolled', 'all:*', all);
        for (const [race, n] of Object.entries(races)) add('enrolled', `race:${race}`, n);
        const [incidents, weapon] = INCIDENTS[schoolYear]![schoolId]!;
        add('incidents', '*', incidents);
        if (weapon > 0) add('weapon_incidents', '*', weapon);
      }
    await insertCounts(t.ctx.db, rows);
    const drift = ['2024-10', '2025-10'].flatMap((month) =>
      [adams.id, baker.id].map((schoolId, i) => ({
        districtId: d.id,
        schoolId,
        officerId: `officer-${i}`,
        month,
        contacts: 4,
        routineContacts: 1,
        classroomContacts: 0,
        violations: 0,
        arrests: 0,
        referrals: 0,
      })),
    );
    await t.ctx.db.insertInto('roleDriftMonthly').values(drift).execute();
    await publishTransparency(t.ctx, null, d.id);
  });

  const report = async (scope: 'districts' | 'schools', id: string, year = '2025-26') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/${scope}/${id}/transparency/${year}` });
    expect(res.statusCode).toBe(200);
    return TransparencyReportSchema.parse(res.json());
  };
  const table = (tables: PublicTable[], key: string) => tables.find((x) => x.key === key)!;

  it('counts an incident once in the weapon measure whatever its number of weapon behaviors', () => {
    const clock = { timeZone: 'UTC', schoolYearStart: '07-01' };
    const incident = (behaviors: string[]) =>
      transparencyContribution(
        {
          schoolId: 's',
          occurredAt: '2025-10-01T10:00:00Z',
          location: 'hallway',
          behaviors: behaviors as never,
          contacts: [],
        },
        [],
        'submitted',
        clock,
      ).find((c) => c.measure === 'weapon_incidents')?.value;
    expect(incident(['weapon_possession', 'threat_with_firearm'])).toBe(1);
    expect(incident(['fight_without_weapon', 'drugs'])).toBeUndefined();
    expect(WEAPON_BEHAVIORS).toContain('firearm_or_explosive_possession');
  });

  it('shows the weapon-offense trend by school year, count and per 1,000 enrolled, beside referrals', async () => {
    const r = await report('districts', d.id);
    const trend = table(r.tables, 'weapon_trend');
    expect(trend.columns.map((c) => c.key)).toEqual([
      'weapon_incidents',
      'weapon_per1000',
      'students_referred',
      'referred_per1000',
    ]);
    // 10 + 11 = 21 of 953 students: 22.0 per 1,000; 12 + 10 = 22: 23.1 per 1,000.
    expect(trend.rows.map((row) => [row.key, row.cells.weapon_incidents, row.cells.weapon_per1000])).toEqual([
      ['2024-25', 21, 22],
      ['2025-26', 22, 23.1],
    ]);
    // A school's own trend: Adams 12 of 353 students = 34.0 per 1,000.
    const school = table((await report('schools', adams.id)).tables, 'weapon_trend');
    expect(school.rows.at(-1)!.cells).toMatchObject({ weapon_incidents: 12, weapon_per1000: 34 });
    // Carver's 0 weapon incidents is a published 0.
    const carverTrend = table((await report('schools', carver.id)).tables, 'weapon_trend');
    expect(carverTrend.rows.at(-1)!.cells.weapon_incidents).toBe(0);
  });

  it('shows each race’s share of students in a school with a sworn officer, small groups withheld', async () => {
    const r = await report('districts', d.id);
    const exposure = table(r.tables, 'exposure');
    const row = (key: string) => exposure.rows.find((x) => x.key === key)!.cells;
    const TRUE: Record<string, [number, number]> = {
      all: [953, 603],
      WH: [650, 350],
      BL: [180, 160],
      HI: [120, 90],
      AM: [3, 3],
    };
    // Every published figure is the true one; the 3 American Indian students are withheld.
    for (const [key, [enrolled, withOfficer]] of Object.entries(TRUE)) {
      const c = row(key);
      if (c.enrolled !== SUPPRESSED) expect(c.enrolled, key).toBe(enrolled);
      if (c.with_officer !== SUPPRESSED) expect(c.with_officer, key).toBe(withOfficer);
    }
    expect(row('AM').enrolled).toBe(SUPPRESSED);
    expect(row('AM').with_officer).toBe(SUPPRESSED);
    expect(row('AM').share).toBe(SUPPRESSED);
    // The totals stay published: 603 of 953 = 0.633; Black students 160 of 180 = 0.889, White 350 of 650 = 0.538.
    expect(row('all')).toEqual({ enrolled: 953, with_officer: 603, share: 0.633 });
    expect(row('BL')).toEqual({ enrolled: 180, with_officer: 160, share: 0.889 });
    expect(row('WH')).toEqual({ enrolled: 650, with_officer: 350, share: 0.538 });
    // Hispanic students: Adams's 50 hidden beside its 3 (line Adams = sum of races), then Baker's 40
    // (the officer schools' line), so the 90 with an officer would tell; the engine withholds it.
    expect(row('HI').with_officer).toBe(SUPPRESSED);
    // A school page has no exposure table (a school has an officer or not).
    expect((await report('schools', adams.id)).tables.find((x) => x.key === 'exposure')).toBeUndefined();
  });

  it('records the exposure figures in the release ledger, with the true values kept server-side only', async () => {
    const releases = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select(['period'])
      .where('districtId', '=', d.id)
      .where('dataset', '=', datasetOf('exposure'))
      .execute();
    expect(releases.map((x) => x.period).sort()).toEqual(['2024-25', '2025-26']);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/districts/${d.id}/transparency/2025-26` });
    // The withheld American Indian count appears nowhere in the public page.
    const amRow = JSON.stringify(
      (JSON.parse(page.body) as { tables: PublicTable[] }).tables.find((x) => x.key === 'exposure'),
    );
    expect(amRow).not.toContain('"enrolled":3,');
  });

  it("opens the annual PDF with a summary page holding the year's figures, in English and Spanish", async () => {
    const first = async (lang: 'en' | 'es') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/public/districts/${d.id}/transparency/2025-26/report.pdf?lang=${lang}`,
      });
      expect(res.statusCode).toBe(200);
      const pages = extract(res.rawPayload).pages;
      const text = (i: number) =>
        pages[i]!.map((f) => f.text)
          .join(' ')
          .replace(/\s+/g, ' ');
      return { page1: text(0), page2: text(1) };
    };
    const en = await first('en');
    expect(en.page1).toContain('The year in brief');
    expect(en.page1).toContain('Incidents with a weapon offense: 22 (23.1 per 1,000 students).');
    // 603 of 953 students; Black students 160 of 180, White 350 of 650 (Hispanic withheld, not listed).
    expect(en.page1).toContain(
      'Students in a school with a sworn officer: 63.3% of all students; Black or African American 88.9%; White 53.8%.',
    );
    expect(en.page1).toContain('In this report');
    // The figures start on the second page.
    expect(en.page2).toContain('Students referred to law enforcement');
    const es = await first('es');
    expect(es.page1).toContain('El año en resumen');
    expect(es.page1).toContain('Incidentes con un delito con armas: 22 (23,1 por cada 1000 estudiantes).');
    expect(es.page1).toMatch(/63,3\s?%/);
  });
});
