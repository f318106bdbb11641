import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceDashboard, OfficerComplianceDetail } from '@forefront/contract';
import { type Session, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { addOfficer, addRecord, setStandard } from './training-compliance.helpers.js';

/**
 * GET /api/districts/:id/training/compliance and GET /api/officers/:id/compliance: who is compliant,
 * expiring soon or not, narrowed for a school administrator, and 404 across districts. Expected
 * statuses are written by hand from the standard below and the records.
 */
describe(`training compliance on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let d: { id: string };
  let coordinator: Session;
  let principal: Session;
  let outsider: Session;
  const ids: Record<string, string> = {};
  const AS_OF = '2026-03-01';

  beforeAll(async () => {
    t = await createTestApp();
    d = await buildDistrict(t.ctx, { name: 'Riverbend Unified' });
    const north = await buildSchool(t.ctx, d.id, { name: 'North High' });
    const south = await buildSchool(t.ctx, d.id, { name: 'South High' });
    // 16 hours before assignment; CPR renewed every 12 months.
    await setStandard(t.ctx, d.id, [
      {
        kind: 'hours',
        key: 'youth_hours',
        hours: 16,
        topics: [],
        due: { when: 'before_assignment' },
        renewEveryMonths: null,
      },
      { kind: 'credential', key: 'cpr', credential: 'cpr', due: { when: 'before_assignment' }, renewEveryMonths: 12 },
    ]);
    ids.ok = await addOfficer(t.ctx, d.id, { name: 'Ada Compliant', schoolId: north.id });
    await addRecord(t.ctx, d.id, ids.ok, { completedOn: '2024-05-01', hours: 16 });
    await addRecord(t.ctx, d.id, ids.ok, { completedOn: '2025-09-01', hours: 4, credential: 'cpr' });
    ids.soon = await addOfficer(t.ctx, d.id, { name: 'Ben Soon', schoolId: south.id });
    await addRecord(t.ctx, d.id, ids.soon, { completedOn: '2024-05-01', hours: 16 });
    await addRecord(t.ctx, d.id, ids.soon, { completedOn: '2025-04-01', hours: 4, credential: 'cpr' });
    ids.short = await addOfficer(t.ctx, d.id, { name: 'Cal Short', schoolId: north.id });
    await addRecord(t.ctx, d.id, ids.short, { completedOn: '2024-05-01', hours: 10 });
    await addRecord(t.ctx, d.id, ids.short, { completedOn: '2024-06-01', hours: 6, status: 'pending' });
    ids.gone = await addOfficer(t.ctx, d.id, { name: 'Dee Inactive', status: 'inactive' });
    coordinator = await signIn(t.app, await buildUser(t.ctx, { role: 'training_coordinator', districtId: d.id }));
    principal = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'school_admin', districtId: d.id, schoolIds: [south.id] }),
    );
    const other = await buildDistrict(t.ctx);
    outsider = await signIn(t.app, await buildUser(t.ctx, { role: 'training_coordinator', districtId: other.id }));
  });

  const dashboard = async (s: Session, query = '') => {
    const res = await call(t.app, s, 'GET', `/api/districts/${d.id}/training/compliance?asOf=${AS_OF}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ComplianceDashboard>();
  };

  it('counts active officers by status and says why, with the next lapse', async () => {
    const all = await dashboard(coordinator);
    expect(all.summary).toEqual({ total: 3, compliant: 1, expiring: 1, not_compliant: 1 });
    const byName = Object.fromEntries(all.items.map((i) => [i.name, i]));
    expect(byName['Ada Compliant']).toMatchObject({
      status: 'compliant',
      reasons: [],
      nextLapse: '2026-09-01',
      totalHours: 20,
    });
    expect(byName['Ben Soon']).toMatchObject({
      status: 'expiring',
      reasons: [{ rule: 'cpr', code: 'lapses', overdue: false, params: { date: '2026-04-01' } }],
      schools: [{ name: 'South High' }],
    });
    // The pending record does not count: 6 hours short, and no CPR at all.
    expect(byName['Cal Short']).toMatchObject({ status: 'not_compliant', totalHours: 10 });
    expect(byName['Cal Short']!.reasons.map((r) => [r.code, r.params.hours ?? null])).toEqual([
      ['needs_hours', 6],
      ['needs_credential', null],
    ]);
    expect(all.credentials.map((c) => c.key)).toContain('ymhfa');
    const withInactive = await dashboard(coordinator, '&includeInactive=true');
    expect(withInactive.summary.total).toBe(4);
  });

  it('filters by status, school and name, and pages', async () => {
    const expiring = await dashboard(coordinator, '&status=expiring');
    expect(expiring.items.map((i) => i.name)).toEqual(['Ben Soon']);
    expect(expiring.summary.total).toBe(3);
    expect((await dashboard(coordinator, '&q=cal')).items.map((i) => i.name)).toEqual(['Cal Short']);
    const page2 = await dashboard(coordinator, '&pageSize=2&page=2');
    expect([page2.total, page2.items.length]).toEqual([3, 1]);
  });

  it('sees a new approved record at once (the cache is checked against the tables)', async () => {
    expect((await dashboard(coordinator, '&q=cal')).items[0]!.status).toBe('not_compliant');
    await addRecord(t.ctx, d.id, ids.short!, { completedOn: '2025-10-01', hours: 8, credential: 'cpr' });
    expect((await dashboard(coordinator, '&q=cal')).items[0]!.status).toBe('compliant');
  });

  it("narrows a school administrator to their schools' officers", async () => {
    const mine = await dashboard(principal);
    expect(mine.items.map((i) => i.name)).toEqual(['Ben Soon']);
    const ok = await call(t.app, principal, 'GET', `/api/officers/${ids.soon}/compliance?asOf=${AS_OF}`);
    expect(ok.statusCode).toBe(200);
    expectError(await call(t.app, principal, 'GET', `/api/officers/${ids.ok}/compliance`), 403, 'forbidden');
  });

  it("one officer: each rule and each approved record's lapse date", async () => {
    const res = await call(t.app, coordinator, 'GET', `/api/officers/${ids.soon}/compliance?asOf=${AS_OF}`);
    const body = res.json<OfficerComplianceDetail>();
    expect(body.rules).toEqual([
      { rule: 'youth_hours', met: true, lapsesOn: null, dueOn: null },
      { rule: 'cpr', met: true, lapsesOn: '2026-04-01', dueOn: null },
    ]);
    expect(body.records.map((r) => [r.completedOn, r.lapsesOn])).toEqual([
      ['2025-04-01', '2026-04-01'],
      ['2024-05-01', null],
    ]);
  });

  it('answers 404 to another district and 400 to a date that does not exist', async () => {
    expectError(await call(t.app, outsider, 'GET', `/api/districts/${d.id}/training/compliance`), 404, 'not_found');
    expectError(await call(t.app, outsider, 'GET', `/api/officers/${ids.ok}/compliance`), 404, 'not_found');
    expectError(
      await call(t.app, coordinator, 'GET', `/api/districts/${d.id}/training/compliance?asOf=2025-02-30`),
      400,
      'invalid_request',
    );
    expectError(
      await call(t.app, coordinator, 'GET', `/api/officers/${ids.ok}/compliance?asOf=2025-13-01`),
      400,
      'invalid_request',
    );
  });

  it('records each read in the audit log, by ids', async () => {
    const events = await t.ctx.db
      .selectFrom('auditEvents')
      .select(['kind', 'payload'])
      .where('districtId', '=', d.id)
      .where('kind', '=', 'compliance.viewed')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => e.payload).join(' ')).not.toContain('Ben Soon');
  });
});
