import { beforeAll, describe, expect, it } from 'vitest';
import {
  type PublicEquity,
  type PublicEquityFigure,
  type PublicEquityGroup,
  localDate,
  schoolYearOfDate,
} from '@forefront/contract';
import { publishTransparency } from '../src/modules/transparency/transparency.publish.js';
import { EQUITY_DATASET } from '../src/modules/equity/equity.public.js';
import { buildDistrict, buildSchool } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { insertCase, insertReferral, insertStudent, insertTeam, setEquitySettings } from './equity.helpers.js';

/**
 * The public equity table (issue 15 items 3 and 5): made when the district publishes and only if
 * it turned the table on; every count through the suppression engine and the release ledger;
 * support referrals per 1,000 beside the report's referrals to law enforcement.
 */
describe(`public equity table on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  const publicEquity = async (districtId: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/districts/${districtId}/equity` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicEquity>().section;
  };

  /** 40 Black, 40 white and 3 Asian students; cases and referrals this school year. */
  async function world() {
    const d = await buildDistrict(t.ctx);
    await t.ctx.db.updateTable('districts').set({ suppressionMinN: 5 }).where('id', '=', d.id).execute();
    const school = (await buildSchool(t.ctx, d.id)).id;
    const team = await insertTeam(t.ctx, d.id, school);
    const openedAt = new Date(Date.now() - 60_000).toISOString();
    const make = async (race: string, n: number, cases: number, le: number, referred: number) => {
      for (let i = 0; i < n; i++) {
        const st = await insertStudent(t.ctx, d.id, school, { race });
        if (i < cases)
          await insertCase(t.ctx, {
            districtId: d.id,
            schoolId: school,
            teamId: team,
            studentId: st,
            race,
            openedAt,
            leInvolved: i < le,
          });
        if (i < referred)
          await insertReferral(t.ctx, {
            districtId: d.id,
            schoolId: school,
            studentId: st,
            race,
            madeAt: openedAt,
            status: i % 2 ? 'completed' : 'made',
          });
      }
    };
    await make('BL', 40, 20, 10, 12);
    await make('WH', 40, 10, 2, 16);
    await make('AS', 3, 2, 0, 1);
    // Students referred to law enforcement this year, as the incident aggregates record them.
    const schoolYear = schoolYearOfDate(localDate(openedAt, 'UTC'));
    const referred: [string, number][] = [
      ['all:*', 12],
      ['race:BL', 8],
      ['race:WH', 4],
      ['sex:F', 12],
      ['disability:no_disability', 12],
      ['english_learner:not_english_learner', 12],
    ];
    await t.ctx.db
      .insertInto('transparencyCounts')
      .values(
        referred.map(([key, value]) => ({
          districtId: d.id,
          schoolYear,
          schoolId: school,
          measure: 'referred',
          key,
          value,
        })),
      )
      .execute();
    return d.id;
  }
  const find = (groups: PublicEquityGroup[], dimension: string, group: string) =>
    groups.find((g) => g.dimension === dimension && g.group === group)!;

  it('publishes nothing while the district keeps the table off', async () => {
    const id = await world();
    await publishTransparency(t.ctx, null, id);
    expect(await publicEquity(id)).toBeNull();
    await setEquitySettings(t.ctx, id, 1.5, false);
    await publishTransparency(t.ctx, null, id);
    expect(await publicEquity(id)).toBeNull();
  });

  it('shows suppressed figures, support referrals per 1,000 beside law enforcement, and hides small cells', async () => {
    const id = await world();
    await setEquitySettings(t.ctx, id, 1.5, true);
    await publishTransparency(t.ctx, null, id);
    const s = (await publicEquity(id))!;
    expect(s.minN).toBe(5);
    const bl = find(s.groups, 'race', 'BL');
    // 20 cases among 40 students: 500 per 1,000; 10 with law enforcement of 20 cases.
    expect(bl.cases).toEqual({ value: 20, of: 40, rate: 500, withheld: null });
    // Each other figure is the truth when published, or withheld with the engine's reason (it may
    // hide a large cell too, so that a small one cannot be worked out from a line).
    const truth = (f: PublicEquityFigure, value: number, of: number, rate: number) => {
      if (f.value === null) expect(f.withheld).not.toBeNull();
      else expect(f).toEqual({ value, of, rate, withheld: null });
    };
    truth(bl.le, 10, 20, 0.5);
    const wh = find(s.groups, 'race', 'WH');
    truth(wh.cases, 10, 40, 250);
    truth(wh.le, 2, 10, 0.2);
    // 12 Black students referred to support services, 8 to law enforcement: 300 and 200 per 1,000.
    truth(bl.support, 12, 40, 300);
    truth(wh.support, 16, 40, 400);
    // All 83 students: 29 referred to support services (349.4 per 1,000) beside 12 referred to law
    // enforcement (144.6 per 1,000, the public report's released count).
    const all = find(s.groups, 'all', '*');
    expect(all.support).toEqual({ value: 29, of: 83, rate: 349.4, withheld: null });
    expect(all.lawEnforcement).toEqual({ value: 12, rate: 144.6 });
    // Three Asian students: every figure about them is withheld, and so is enough of the rest that
    // the total minus the published groups does not give them away.
    const as = find(s.groups, 'race', 'AS');
    expect(as.cases.value).toBeNull();
    expect(as.cases.withheld).not.toBeNull();
    expect(as.support.value).toBeNull();
    const raceCases = s.groups.filter((g) => g.dimension === 'race').map((g) => g.cases.value);
    const total = find(s.groups, 'all', '*').cases.value;
    const hidden = raceCases.filter((v) => v === null).length + (total === null ? 1 : 0);
    expect(hidden).toBeGreaterThanOrEqual(2);
    // Nothing about the three students can be read from the stored page.
    expect(JSON.stringify(s)).not.toMatch(/"value":2,"of":3/);
    const releases = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select('id')
      .where('districtId', '=', id)
      .where('dataset', '=', EQUITY_DATASET)
      .execute();
    expect(releases.length).toBe(1);
  });

  it('removes the table when the district turns it off again', async () => {
    const id = await world();
    await setEquitySettings(t.ctx, id, 1.5, true);
    await publishTransparency(t.ctx, null, id);
    expect(await publicEquity(id)).not.toBeNull();
    await setEquitySettings(t.ctx, id, 1.5, false);
    await publishTransparency(t.ctx, null, id);
    expect(await publicEquity(id)).toBeNull();
  });
});
