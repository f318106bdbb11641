import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@forefront/contract';
import { type DemoResult, loadDemo } from '../src/modules/demo/demo.service.js';
import { districtSealer } from '../src/keys/district-key.js';
import { CONCERNS, REFERRAL_REASONS } from '../src/modules/demo/demo.threat-texts.js';
import { type Session, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 15 item 6: the demo district gets teams, about 40 cases across every CSTAG outcome and
 * referrals in every status; its texts are sealed (never plaintext in the database).
 */
describe(`the demo's threat assessment data on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let demo: DemoResult;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await createTestApp();
    demo = await loadDemo(t.ctx);
  }, 120_000);
  afterAll(() => t.close());

  it('has settings, four teams with their members, and a provider directory', async () => {
    const db = t.ctx.db;
    const settings = await db.selectFrom('threatSettings').select(['districtId', 'protocol', 'leThreshold']).execute();
    expect(settings.map((s) => [s.districtId, s.protocol]).sort()).toEqual(
      [
        [demo.districtIds[0], 'cstag'],
        [demo.districtIds[1], 'ntac'],
      ].sort(),
    );
    expect(settings.every((s) => s.leThreshold.length > 20)).toBe(true);
    const teams = await db.selectFrom('threatTeams').select(['id', 'schoolId']).execute();
    expect(teams).toHaveLength(4);
    expect(teams.filter((x) => x.schoolId === null)).toHaveLength(1);
    const members = await db
      .selectFrom('threatTeamMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select(['u.email', 'm.teamRole'])
      .execute();
    const roleOf = (local: string) =>
      new Set(members.filter((m) => m.email === `${local}@demo.forefront.test`).map((m) => m.teamRole));
    expect(roleOf('counselor').has('mental_health')).toBe(true);
    expect(roleOf('socialworker').has('mental_health')).toBe(true);
    expect(roleOf('psychologist')).toEqual(new Set(['special_education', 'mental_health']));
    expect(roleOf('principal')).toEqual(new Set(['administrator']));
    expect(roleOf('sro')).toEqual(new Set(['law_enforcement']));
    // The district administrator sits on no team: the demo shows the need-to-know scope.
    expect(roleOf('admin').size).toBe(0);
    const providers = await db.selectFrom('supportProviders').select(['kind']).execute();
    expect(providers.map((p) => p.kind).sort()).toEqual(
      ['community_provider', 'community_provider', 'counselor', 'psychologist', 'social_worker'].sort(),
    );
  });

  it('has about 40 cases over every classification, closed and open, with overdue work', async () => {
    const db = t.ctx.db;
    const cases = await db.selectFrom('threatCases').selectAll().execute();
    expect(cases).toHaveLength(40);
    const count = (f: (c: (typeof cases)[number]) => boolean) => cases.filter(f).length;
    expect(count((c) => c.classification === 'transient' && c.status === 'closed')).toBe(12);
    expect(count((c) => c.classification === 'serious_substantive')).toBe(10);
    expect(count((c) => c.classification === 'very_serious_substantive')).toBe(8);
    expect(count((c) => c.classification === null)).toBe(7);
    expect(new Set(cases.map((c) => c.outcome).filter(Boolean))).toEqual(
      new Set(['resolved_no_action', 'support_only', 'suspension', 'arrest', 'alternative_placement']),
    );
    // Case numbers are unique and the district's counter continues after them.
    expect(new Set(cases.map((c) => c.number)).size).toBe(40);
    const counters = await db
      .selectFrom('districtCounters')
      .select(['name', 'value'])
      .where('name', 'like', 'threat_case:%')
      .execute();
    expect(counters.reduce((n, c) => n + Number(c.value), 0)).toBe(40);
    const overdueTasks = await db
      .selectFrom('threatSafetyTasks')
      .select('id')
      .where('status', '=', 'open')
      .where('dueOn', '<', today)
      .execute();
    expect(overdueTasks.length).toBeGreaterThan(0);
    const overdueCheckins = await db
      .selectFrom('threatCheckins')
      .select('id')
      .where('doneAt', 'is', null)
      .where('dueOn', '<', today)
      .execute();
    expect(overdueCheckins.length).toBeGreaterThan(0);
    // Every closed case has two sign-offs, one by a mental-health member.
    const signoffs = await db.selectFrom('threatCaseSignoffs').select(['caseId', 'teamRole']).execute();
    for (const c of cases.filter((x) => x.status === 'closed')) {
      const mine = signoffs.filter((s) => s.caseId === c.id);
      expect(mine).toHaveLength(2);
      expect(mine.some((s) => s.teamRole === 'mental_health')).toBe(true);
    }
  });

  it('has referrals in every status, none awaiting follow-up on a closed case', async () => {
    const db = t.ctx.db;
    const referrals = await db
      .selectFrom('supportReferrals as r')
      .leftJoin('threatCases as c', 'c.id', 'r.caseId')
      .select(['r.status', 'r.source', 'c.status as caseStatus', 'r.followUpDueOn'])
      .execute();
    expect(new Set(referrals.map((r) => r.status))).toEqual(
      new Set(['made', 'accepted', 'first_contact', 'ongoing', 'completed', 'declined']),
    );
    expect(new Set(referrals.map((r) => r.source))).toEqual(new Set(['case', 'direct', 'incident']));
    // One referral per incident and student, whether the officer's action or the demo made it.
    const byIncident = await db
      .selectFrom('supportReferrals')
      .select(['incidentId', 'studentId'])
      .where('incidentId', 'is not', null)
      .execute();
    expect(new Set(byIncident.map((r) => `${r.incidentId}:${r.studentId}`)).size).toBe(byIncident.length);
    const awaiting = (s: string) => s === 'made' || s === 'accepted';
    expect(referrals.filter((r) => r.caseStatus === 'closed' && awaiting(r.status))).toEqual([]);
    expect(referrals.some((r) => awaiting(r.status) && r.followUpDueOn < today)).toBe(true);
  });

  it('seals every text: the plain words are not in the rows, and the district key opens them', async () => {
    const db = t.ctx.db;
    const rows = await db.selectFrom('threatCases').select(['id', 'concernSealed', 'districtId']).execute();
    const all = [...CONCERNS.transient, ...CONCERNS.serious, ...CONCERNS.verySerious, ...CONCERNS.unclassified];
    expect(rows.some((r) => all.some((text) => r.concernSealed.includes(text.slice(0, 30))))).toBe(false);
    const sealer = await districtSealer(db, t.ctx.config, demo.districtId);
    const opened = rows.map((r) => sealer.open(r.concernSealed, `threat_cases.concern:${r.id}`));
    expect(opened.every((text) => (all as readonly string[]).includes(text))).toBe(true);
  });

  it('opens through the case and referral APIs to the team, and to nobody off it', async () => {
    const as = async (local: string) => {
      const a = demo.accounts.find((x) => x.email === `${local}@demo.forefront.test`)!;
      return signIn(t.app, { email: a.email, password: demo.password, mfaSecret: a.totpSecret });
    };
    const hsTeam = await t.ctx.db
      .selectFrom('threatTeamMembers as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .select('m.teamId')
      .where('u.email', '=', 'principal@demo.forefront.test')
      .executeTakeFirstOrThrow();
    const c = await t.ctx.db
      .selectFrom('threatCases')
      .select(['id', 'classification'])
      .where('teamId', '=', hsTeam.teamId)
      .where('severity', '=', 'very_serious')
      .executeTakeFirstOrThrow();
    const get = async (session: Session, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const counselor = await as('counselor');
    const res = await get(counselor, `/api/threat-cases/${c.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<CaseDetail>();
    expect((CONCERNS.verySerious as readonly string[]).includes(detail.concern)).toBe(true);
    expect(detail.safetyEvaluation?.screening.length).toBeGreaterThan(20);
    expect(detail.tasks.length).toBe(3);
    expect(detail.team.missingToClassify).toEqual([]);
    expect((await get(counselor, `/api/threat-cases/${c.id}/pdf`)).statusCode).toBe(200);
    // The district administrator sits on no team: the case does not exist for them.
    expect((await get(await as('admin'), `/api/threat-cases/${c.id}`)).statusCode).toBe(404);
    const r = await t.ctx.db
      .selectFrom('supportReferrals')
      .select('id')
      .where('caseId', '=', c.id)
      .executeTakeFirstOrThrow();
    const referral = await get(await as('threat'), `/api/referrals/${r.id}`);
    expect(referral.statusCode, referral.body).toBe(200);
    expect(referral.json<{ reason: string }>().reason).toBe(REFERRAL_REASONS[4]);
  });

  it('changes nothing when loaded again', async () => {
    const again = await loadDemo(t.ctx);
    expect(again.alreadyLoaded).toBe(true);
    const n = await t.ctx.db
      .selectFrom('threatCases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(n!.n)).toBe(40);
  });
});
