import { beforeAll, describe, expect, it } from 'vitest';
import { FLAG_KINDS } from '@forefront/contract';
import { type DemoResult, DEMO_PASSWORD, loadDemo } from '../src/modules/demo/demo.service.js';
import { demoRosterSize } from '../src/modules/demo/demo.roster.js';
import { findMouInForce } from '../src/modules/mous/mou.in-force.js';
import { signIn } from './builders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from './harness.js';

/**
 * The demo's incident log is what a newcomer sees first on the incident pages and the role-drift
 * dashboard: a roster, a signed MOU in force, and incidents whose dashboard counts agree with the
 * flags stored on the incidents themselves.
 */
describe(`the demo's incident log on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let demo: DemoResult;
  let headers: Record<string, string>;
  const month = (monthsAgo: number) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 7);
  };

  beforeAll(async () => {
    t = await createTestApp();
    demo = await loadDemo(t.ctx);
    const admin = demo.accounts.find((a) => a.role === 'district_admin' && a.districtId === demo.districtId)!;
    headers = (await signIn(t.app, { email: admin.email, password: DEMO_PASSWORD, mfaSecret: admin.totpSecret }))
      .headers;
  }, 60_000);

  it('has a roster for every school of the main district', async () => {
    const main = demo.districts.find((d) => d.id === demo.districtId)!;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${demo.districtId}/students?limit=1`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    // Each school's roster is as large as its enrollment, but the one small school's (demo.roster.ts).
    expect(res.json().total).toBe(demoRosterSize(main.schools));
    expect(demoRosterSize(main.schools)).toBeGreaterThan(main.schools.length * demo.incidentLog.studentsPerSchool);
  });

  it('has a signed MOU in force today that leaves routine discipline to school staff', async () => {
    const mou = await findMouInForce(t.ctx.db, demo.districtId, new Date().toISOString());
    expect(mou).not.toBeNull();
    expect(mou!.rules.categories.classroom_disruption?.handler).toBe('school_staff_only');
    expect(mou!.clauseTitles.discipline_separation).toBeTruthy();
  });

  it('has incidents over the last months, some flagged and some within the MOU', async () => {
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${demo.districtId}/incidents?limit=1`,
      headers,
    });
    const flagged = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${demo.districtId}/incidents?limit=1&flagged=true`,
      headers,
    });
    expect(all.json().total).toBe(demo.incidentLog.incidents);
    expect(flagged.json().total).toBeGreaterThan(0);
    expect(flagged.json().total).toBeLessThan(demo.incidentLog.incidents);
  });

  it('fills the role-drift dashboard, and its counts agree with the flags stored on the incidents', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${demo.districtId}/role-drift?from=${month(6)}&to=${month(0)}`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    const drift = res.json();
    // The flags of the months shown (the demo's history goes back two school years).
    const stored = await t.ctx.db
      .selectFrom('incidentFlags')
      .select(['kind'])
      .where('districtId', '=', demo.districtId)
      .where('month', '>=', month(6))
      .where('month', '<=', month(0))
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(drift.totals.violations).toBe(stored.length);
    for (const kind of FLAG_KINDS)
      expect(drift.totals.byKind[kind] ?? 0, kind).toBe(stored.filter((f) => f.kind === kind).length);
    expect(drift.totals.byKind.enforcement_in_school_staff_category).toBeGreaterThan(0);
    expect(drift.totals.routineDisciplineContacts).toBeGreaterThan(0);
    expect(drift.byMonth.filter((m: { contacts: number }) => m.contacts > 0).length).toBeGreaterThanOrEqual(4);
    expect(drift.byOfficer.map((o: { officerName: string }) => o.officerName).sort()).toEqual([
      'Officer James Bell',
      'Officer Priya Nair',
    ]);
  });
});
