import { beforeAll, describe, expect, it } from 'vitest';
import { buildDistrict, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type IncidentWorld, buildIncidentWorld, incidentInput, req } from './incident.helpers.js';

/**
 * Issue 12.7: a refused read of student data (403) goes on the district's audit trail, naming who,
 * which action, which route and which record; a 404 (another district's id) does not, since it
 * must stay indistinguishable from a missing id. Looking at the disclosure log is recorded too.
 */
describe(`refused reads and the disclosure log on the audit trail on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let incidentId: string;

  const events = async () =>
    (
      await t.ctx.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('chain', '=', w.district.id)
        .orderBy('seq', 'desc')
        .execute()
    ).map((e) => ({ seq: Number(e.seq), kind: e.kind, actorId: e.actorId, payload: JSON.parse(e.payload) as unknown }));
  const lastSeq = async () => (await events())[0]!.seq;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    // An incident at the school the principal does not lead.
    const res = await req(
      t.app,
      w.sessions.admin,
      'POST',
      `/api/districts/${w.district.id}/incidents`,
      incidentInput(w.otherSchool, null),
    );
    expect(res.statusCode, res.body).toBe(201);
    incidentId = res.json<{ id: string }>().id;
  });

  const cases = () => [
    {
      url: `/api/incidents/${incidentId}`,
      payload: { action: 'incident.read', route: 'GET /api/incidents/:id', resourceId: incidentId },
    },
    {
      url: `/api/districts/${w.district.id}/incidents?schoolId=${w.otherSchool}`,
      payload: { action: 'incident.list', route: 'GET /api/districts/:id/incidents', resourceId: w.district.id },
    },
    {
      url: `/api/districts/${w.district.id}/exports/incidents.csv`,
      payload: {
        action: 'incident.export',
        route: 'GET /api/districts/:id/exports/incidents.csv',
        resourceId: w.district.id,
      },
    },
  ];

  it('records each 403 on incidents and exports with who, what and which record', async () => {
    for (const c of cases()) {
      const before = await lastSeq();
      const res = await req(t.app, w.sessions.principal, 'GET', c.url);
      expect(res.statusCode, `${c.url}: ${res.body}`).toBe(403);
      const after = await events();
      expect(
        after.filter((e) => e.seq > before),
        c.url,
      ).toEqual([{ seq: before + 1, kind: 'access.refused', actorId: w.principal.id, payload: c.payload }]);
    }
  });

  it('records nothing for a 404 from another district, nor for a 403 outside student data', async () => {
    const other = await buildDistrict(t.ctx);
    const stranger = await buildUser(t.ctx, { role: 'district_admin', districtId: other.id });
    const outsider = await signIn(t.app, stranger);
    const before = await lastSeq();
    expect((await req(t.app, outsider, 'GET', `/api/incidents/${incidentId}`)).statusCode).toBe(404);
    // The audit log is the administrator's and the auditor's; a principal's 403 there is not a student-data read.
    const audit = await req(t.app, w.sessions.principal, 'GET', `/api/districts/${w.district.id}/audit`);
    expect(audit.statusCode).toBe(403);
    expect(await lastSeq()).toBe(before);
    const anywhere = await t.ctx.db
      .selectFrom('auditEvents')
      .select('chain')
      .where('kind', '=', 'access.refused')
      .where('actorId', '=', stranger.id)
      .execute();
    expect(anywhere).toEqual([]);
  });

  it('records who viewed the disclosure log, and for which student', async () => {
    const before = await lastSeq();
    const all = await req(t.app, w.sessions.auditor, 'GET', `/api/districts/${w.district.id}/disclosures`);
    expect(all.statusCode, all.body).toBe(200);
    const one = await req(
      t.app,
      w.sessions.admin,
      'GET',
      `/api/districts/${w.district.id}/disclosures?studentId=${incidentId}`,
    );
    expect(one.statusCode).toBe(200);
    expect((await events()).filter((e) => e.seq > before).reverse()).toEqual([
      {
        seq: before + 1,
        kind: 'disclosure.viewed',
        actorId: w.auditor.id,
        payload: { studentId: null, count: all.json<{ items: unknown[] }>().items.length },
      },
      {
        seq: before + 2,
        kind: 'disclosure.viewed',
        actorId: w.admin.id,
        payload: { studentId: incidentId, count: 0 },
      },
    ]);
  });
});
