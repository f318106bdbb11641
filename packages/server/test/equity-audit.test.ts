import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EquityAudit, EquityGroup } from '@forefront/contract';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { auditEvents, call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { insertCase, insertReferral, insertStudent, insertTeam, setEquitySettings } from './equity.helpers.js';

/**
 * The equity audit (issue 15 item 5). A small fixture whose risk ratios and intervals were worked
 * out by hand (Katz log method, z = 1.96), and a larger seeded one whose every count, rate and
 * ratio is computed here from the raw rows with this file's own SQL (GROUP BY on the tables) and
 * its own formulas, never through the service.
 */
describe(`equity audit on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let admin: Session;
  let coordinator: Session;
  let districtId: string;
  let s1: string;

  const audit = (s: Session, id: string, query: string) =>
    call(t.app, s, 'GET', `/api/districts/${id}/equity?${query}`);
  const group = (body: EquityAudit, dimension: string, g: string) =>
    body.groups.find((x) => x.dimension === dimension && x.group === g)!;

  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    s1 = (await buildSchool(t.ctx, d.id)).id;
    admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId }));
    coordinator = await signIn(t.app, await buildUser(t.ctx, { role: 'threat_coordinator', districtId }));
    const team = await insertTeam(t.ctx, districtId, s1);

    // 20 Black students, 10 with a case; 30 white students, 5 with a case. Everyone F, no disability, not EL.
    const bl = [] as string[];
    const wh = [] as string[];
    for (let i = 0; i < 20; i++) bl.push(await insertStudent(t.ctx, districtId, s1, { race: 'BL' }));
    for (let i = 0; i < 30; i++) wh.push(await insertStudent(t.ctx, districtId, s1, { race: 'WH' }));
    const at = (i: number) => `2026-02-${String(i + 1).padStart(2, '0')}T15:00:00.000Z`;
    const blSeverity = ['serious', 'serious', 'serious', 'very_serious', 'very_serious', 'very_serious', 'low', 'low'];
    const blOutcome = ['suspension', 'expulsion', 'alternative_placement', 'arrest', 'support_only', 'support_only'];
    for (let i = 0; i < 10; i++)
      await insertCase(t.ctx, {
        districtId,
        schoolId: s1,
        teamId: team,
        studentId: bl[i]!,
        race: 'BL',
        openedAt: at(i),
        severity: (blSeverity[i] ?? null) as never,
        leInvolved: i < 5,
        outcome: blOutcome[i] ?? null,
      });
    const whSeverity = ['serious', 'low', 'low', 'low', 'low'] as const;
    const whOutcome = ['support_only', 'support_only', 'support_only', 'resolved_no_action', null];
    for (let i = 0; i < 5; i++)
      await insertCase(t.ctx, {
        districtId,
        schoolId: s1,
        teamId: team,
        studentId: wh[i]!,
        race: 'WH',
        openedAt: at(i),
        severity: whSeverity[i],
        leInvolved: i === 0,
        outcome: whOutcome[i],
      });
    // Outside the range: never counted.
    await insertCase(t.ctx, {
      districtId,
      schoolId: s1,
      teamId: team,
      studentId: bl[15]!,
      race: 'BL',
      openedAt: '2025-12-31T12:00:00.000Z',
    });
    for (let i = 0; i < 10; i++) {
      await insertReferral(t.ctx, {
        districtId,
        schoolId: s1,
        studentId: bl[i]!,
        race: 'BL',
        madeAt: at(i),
        status: i < 2 ? 'completed' : i < 6 ? 'made' : 'declined',
      });
      await insertReferral(t.ctx, {
        districtId,
        schoolId: s1,
        studentId: wh[i]!,
        race: 'WH',
        madeAt: at(i),
        status: i < 8 ? 'completed' : 'ongoing',
      });
    }
  });

  it('gives each group its rate per 1,000 and risk ratios with the hand-computed 95% intervals', async () => {
    const res = await audit(coordinator, districtId, 'from=2026-01-01&to=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<EquityAudit>();
    expect(body.totals).toEqual({ cases: 15, students: 15, referrals: 20 });
    expect(body.enrollment.total).toBe(50);
    expect(body.threshold).toBe(1.5);
    const bl = group(body, 'race', 'BL');
    expect(bl.enrolled).toBe(20);
    // 10 cases / 20 students = 500 per 1,000; (10/20)/(5/30) = 3, exp(ln 3 ± 1.96·sqrt(1/10−1/20+1/5−1/30)).
    expect(bl.opened).toEqual({ count: 10, of: 20, rate: 500, riskRatio: { estimate: 3, low: 1.2, high: 7.47 } });
    expect(group(body, 'race', 'WH').opened).toEqual({
      count: 5,
      of: 30,
      rate: 166.7,
      riskRatio: { estimate: 0.33, low: 0.13, high: 0.83 },
    });
    // 6 of 8 classified serious or very serious, against 1 of 5.
    expect(bl.serious).toEqual({ count: 6, of: 8, rate: 0.75, riskRatio: { estimate: 3.75, low: 0.62, high: 22.64 } });
    expect(bl.le).toEqual({ count: 5, of: 10, rate: 0.5, riskRatio: { estimate: 2.5, low: 0.39, high: 16.05 } });
    // Removal: 4 of 6 with an outcome, none among the others: no ratio (a division by zero).
    expect(bl.removal).toEqual({ count: 4, of: 6, rate: 0.667, riskRatio: null });
    expect(bl.supportOnly).toEqual({ count: 2, share: 0.333 });
    expect(group(body, 'race', 'WH').supportOnly).toEqual({ count: 3, share: 0.75 });
    expect(bl.referralsCompleted).toEqual({
      count: 2,
      of: 10,
      rate: 0.2,
      riskRatio: { estimate: 0.25, low: 0.07, high: 0.9 },
    });
    expect(group(body, 'race', 'WH').referralsCompleted.riskRatio).toEqual({ estimate: 4, low: 1.11, high: 14.35 });
    // A group nobody belongs to: no rate, no ratio. Everyone is F: no one to compare with.
    expect(group(body, 'race', 'AS').opened).toEqual({ count: 0, of: 0, rate: null, riskRatio: null });
    expect(group(body, 'sex', 'F').opened.riskRatio).toBeNull();
    // Alerts: Black students' cases (3 >= 1.5, low 1.2 > 1) and their referrals completed less (0.25, high 0.9 < 1).
    expect(body.alerts.map((a) => `${a.dimension}:${a.group}:${a.measure}`).sort()).toEqual([
      'race:BL:opened',
      'race:BL:referralsCompleted',
    ]);
  });

  it('uses the district threshold and records an audited read with ids only', async () => {
    await setEquitySettings(t.ctx, districtId, 3.5);
    const body = (await audit(admin, districtId, 'from=2026-01-01&to=2026-06-30')).json<EquityAudit>();
    expect(body.threshold).toBe(3.5);
    // 3 < 3.5: no longer an alert; 0.25 <= 1/3.5 still is.
    expect(body.alerts.map((a) => a.measure)).toEqual(['referralsCompleted']);
    const last = (await auditEvents(t.ctx, districtId)).at(-1)!;
    expect(last).toMatchObject({
      kind: 'equity.read',
      payload: { schoolId: null, from: '2026-01-01', to: '2026-06-30', alerts: 1 },
    });
    await setEquitySettings(t.ctx, districtId, 1.5);
  });

  it('refuses a range that ends before it starts, and a school of another district, changing nothing', async () => {
    const before = (await auditEvents(t.ctx, districtId)).length;
    const err = expectError(await audit(admin, districtId, 'from=2026-03-01&to=2026-02-01'), 400, 'invalid_request');
    expect(JSON.stringify(err)).toContain('ends_before_start');
    expectError(await audit(admin, districtId, 'from=2026-13-01'), 400, 'invalid_request');
    const other = await buildDistrict(t.ctx);
    const foreign = (await buildSchool(t.ctx, other.id)).id;
    expectError(await audit(admin, districtId, `schoolId=${foreign}`), 404, 'not_found');
    expect((await auditEvents(t.ctx, districtId)).length).toBe(before);
  });

  it('counts a case by the district’s local date', async () => {
    const d = await buildDistrict(t.ctx);
    await t.ctx.db.updateTable('districts').set({ timeZone: 'America/New_York' }).where('id', '=', d.id).execute();
    const s = (await buildSchool(t.ctx, d.id)).id;
    const team = await insertTeam(t.ctx, d.id, s);
    const st = await insertStudent(t.ctx, d.id, s);
    // 03:00Z on March 2 is 22:00 on March 1 in New York: inside a range ending March 1.
    await insertCase(t.ctx, {
      districtId: d.id,
      schoolId: s,
      teamId: team,
      studentId: st,
      openedAt: '2026-03-02T03:00:00.000Z',
    });
    await insertCase(t.ctx, {
      districtId: d.id,
      schoolId: s,
      teamId: team,
      studentId: st,
      openedAt: '2026-02-01T04:00:00.000Z',
    });
    const a = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }));
    const body = (await audit(a, d.id, 'from=2026-02-01&to=2026-03-01')).json<EquityAudit>();
    // The second case is 23:00 on January 31 in New York: outside.
    expect(body.totals.cases).toBe(1);
  });

  it('equals an independent computation from the raw rows (SQL written here), district and school', async () => {
    const d = await buildDistrict(t.ctx);
    const [a, b] = [(await buildSchool(t.ctx, d.id)).id, (await buildSchool(t.ctx, d.id)).id];
    const noise = await buildDistrict(t.ctx);
    const noiseSchool = (await buildSchool(t.ctx, noise.id)).id;
    const teams = { [a]: await insertTeam(t.ctx, d.id, a), [b]: await insertTeam(t.ctx, d.id, b) };
    const noiseTeam = await insertTeam(t.ctx, noise.id, noiseSchool);
    let seed = 15;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const students: {
      id: string;
      school: string;
      race: string;
      sex: string;
      idea: boolean;
      s504: boolean;
      el: boolean;
    }[] = [];
    for (let i = 0; i < 160; i++) {
      const g = {
        race: pick(['BL', 'WH', 'HI', 'AS', 'TR']),
        sex: pick(['M', 'F', 'F', 'X']),
        idea: rand() < 0.15,
        section504: rand() < 0.1,
        englishLearner: rand() < 0.2,
      };
      const school = rand() < 0.5 ? a : b;
      students.push({
        id: await insertStudent(t.ctx, d.id, school, g),
        school,
        race: g.race,
        sex: g.sex,
        idea: g.idea,
        s504: g.section504,
        el: g.englishLearner,
      });
    }
    const noiseStudent = await insertStudent(t.ctx, noise.id, noiseSchool, { race: 'BL' });
    const day = () => {
      const dd = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      return `2025-${pick(['08', '09', '10', '11', '12'])}-${dd}T${pick(['00', '11', '23'])}:30:00.000Z`;
    };
    for (let i = 0; i < 420; i++) {
      const st = pick(students);
      // One in ten cases records the student's race differently at intake: the audit counts the case's own groups.
      await insertCase(t.ctx, {
        districtId: d.id,
        schoolId: st.school,
        teamId: teams[st.school]!,
        studentId: st.id,
        openedAt: day(),
        race: rand() < 0.1 ? 'HI' : st.race,
        sex: st.sex,
        idea: st.idea,
        section504: st.s504,
        englishLearner: st.el,
        severity: pick(['low', 'serious', 'very_serious', null]),
        leInvolved: rand() < 0.3,
        outcome: pick([
          null,
          'resolved_no_action',
          'support_only',
          'suspension',
          'expulsion',
          'alternative_placement',
          'arrest',
        ]),
      });
      if (rand() < 0.6)
        await insertReferral(t.ctx, {
          districtId: d.id,
          schoolId: st.school,
          studentId: st.id,
          madeAt: day(),
          race: st.race,
          sex: st.sex,
          idea: st.idea,
          section504: st.s504,
          englishLearner: st.el,
          status: pick(['made', 'accepted', 'first_contact', 'ongoing', 'completed', 'completed', 'declined']),
        });
    }
    await insertCase(t.ctx, {
      districtId: noise.id,
      schoolId: noiseSchool,
      teamId: noiseTeam,
      studentId: noiseStudent,
      race: 'BL',
      openedAt: '2025-10-10T12:00:00.000Z',
      severity: 'serious',
      leInvolved: true,
      outcome: 'arrest',
    });
    await setEquitySettings(t.ctx, d.id, 1.2);
    const reader = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: d.id }));

    // The oracle: this file's own SQL and formulas. The district's clock is UTC: [from 00:00, to+1 00:00).
    const [lo, hi] = ['2025-09-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z'];
    const dims: Record<string, string> = {
      race: 'race',
      sex: 'sex',
      disability: "case when idea = 1 then 'idea' when section504 = 1 then 'section504_only' else 'no_disability' end",
      english_learner: "case when english_learner = 1 then 'english_learner' else 'not_english_learner' end",
    };
    const rows = async (q: string) => (await sql.raw<Record<string, unknown>>(q).execute(t.ctx.db)).rows;
    const num = (v: unknown) => Number(v ?? 0);
    const Z = 1.959963984540054;
    const katz = (x: number, n1: number, y: number, n0: number) => {
      if (!(x > 0 && y > 0 && n1 > 0 && n0 > 0) || x > n1 || y > n0) return null;
      const r = x / n1 / (y / n0);
      const se = Math.sqrt(1 / x - 1 / n1 + 1 / y - 1 / n0);
      return { estimate: r, low: Math.exp(Math.log(r) - Z * se), high: Math.exp(Math.log(r) + Z * se) };
    };
    const near = (
      got: { estimate: number; low: number; high: number } | null,
      want: ReturnType<typeof katz>,
      what: string,
    ) => {
      if (want === null) return expect(got, what).toBeNull();
      expect(got, what).not.toBeNull();
      for (const k of ['estimate', 'low', 'high'] as const)
        expect(Math.abs(got![k] - want[k]), `${what} ${k}`).toBeLessThan(0.0051);
    };

    for (const school of [null, a]) {
      const inSchool = school ? ` and school_id = '${school}'` : '';
      const where = (col: string) => `district_id = '${d.id}' and ${col} >= '${lo}' and ${col} < '${hi}'${inSchool}`;
      const roster = `district_id = '${d.id}' and active = 1${inSchool}`;
      const removed = "outcome in ('suspension', 'expulsion', 'alternative_placement', 'arrest')";
      const done = "sum(case when status = 'completed' then 1 else 0 end)";
      const res = await audit(reader, d.id, `from=2025-09-01&to=2025-11-30${school ? `&schoolId=${school}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<EquityAudit>();
      const total = (
        await rows(
          `select count(*) as n, count(distinct student_id) as s from threat_cases where ${where('opened_at')}`,
        )
      )[0]!;
      expect(body.totals.cases).toBe(num(total.n));
      expect(body.totals.students).toBe(num(total.s));
      const enrolledAll = num((await rows(`select count(*) as n from students where ${roster}`))[0]!.n);
      expect(body.enrollment.total).toBe(enrolledAll);
      const sums = (
        await rows(`select sum(case when severity in ('serious','very_serious') then 1 else 0 end) as serious,
          sum(case when severity is not null then 1 else 0 end) as classified, sum(le_involved) as le,
          sum(case when ${removed} then 1 else 0 end) as removal,
          sum(case when outcome is not null then 1 else 0 end) as closed
          from threat_cases where ${where('opened_at')}`)
      )[0]!;
      const refAll = (
        await rows(`select count(*) as made, ${done} as done from support_referrals where ${where('made_at')}`)
      )[0]!;
      let checked = 0;
      for (const [dim, expr] of Object.entries(dims)) {
        const cases = await rows(`select ${expr} as g, count(*) as n, count(distinct student_id) as s,
            sum(case when severity in ('serious','very_serious') then 1 else 0 end) as serious,
            sum(case when severity is not null then 1 else 0 end) as classified, sum(le_involved) as le,
            sum(case when ${removed} then 1 else 0 end) as removal,
            sum(case when outcome = 'support_only' then 1 else 0 end) as support,
            sum(case when outcome is not null then 1 else 0 end) as closed
          from threat_cases where ${where('opened_at')} group by ${expr}`);
        const enrolled = await rows(
          `select ${expr} as g, count(*) as n from students where ${roster} group by ${expr}`,
        );
        const refs = await rows(
          `select ${expr} as g, count(*) as made, ${done} as done
            from support_referrals where ${where('made_at')} group by ${expr}`,
        );
        for (const c of cases) {
          const g: EquityGroup = group(body, dim, String(c.g));
          const what = `${school ?? 'district'} ${dim}:${String(c.g)}`;
          const n1 = num(enrolled.find((e) => e.g === c.g)?.n);
          expect(g.enrolled, what).toBe(n1);
          expect(g.opened.count, what).toBe(num(c.n));
          expect(g.students, what).toBe(num(c.s));
          expect(g.opened.rate, what).toBe(n1 > 0 ? Math.round((num(c.n) / n1) * 10_000) / 10 : null);
          near(g.opened.riskRatio, katz(num(c.s), n1, num(total.s) - num(c.s), enrolledAll - n1), `${what} opened`);
          expect(
            [g.serious.count, g.serious.of, g.le.count, g.removal.count, g.removal.of, g.supportOnly.count],
            what,
          ).toEqual([num(c.serious), num(c.classified), num(c.le), num(c.removal), num(c.closed), num(c.support)]);
          near(
            g.serious.riskRatio,
            katz(
              num(c.serious),
              num(c.classified),
              num(sums.serious) - num(c.serious),
              num(sums.classified) - num(c.classified),
            ),
            `${what} serious`,
          );
          near(
            g.le.riskRatio,
            katz(num(c.le), num(c.n), num(sums.le) - num(c.le), num(total.n) - num(c.n)),
            `${what} le`,
          );
          near(
            g.removal.riskRatio,
            katz(num(c.removal), num(c.closed), num(sums.removal) - num(c.removal), num(sums.closed) - num(c.closed)),
            `${what} removal`,
          );
          const r = refs.find((x) => x.g === c.g);
          expect([g.referralsCompleted.count, g.referralsCompleted.of], what).toEqual([num(r?.done), num(r?.made)]);
          near(
            g.referralsCompleted.riskRatio,
            katz(num(r?.done), num(r?.made), num(refAll.done) - num(r?.done), num(refAll.made) - num(r?.made)),
            `${what} referrals`,
          );
          if (g.opened.riskRatio && g.opened.riskRatio.estimate >= 1.2 && g.opened.riskRatio.low > 1)
            expect(
              body.alerts.some((x) => x.dimension === dim && x.group === g.group && x.measure === 'opened'),
              what,
            ).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
    }
  });
});
