import { beforeAll, describe, expect, it } from 'vitest';
import { type IncidentDetail, type IncidentInput, type Referral, addDays } from '@forefront/contract';
import { auditEvents, call } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type IncidentWorld,
  buildIncidentWorld,
  buildStudent,
  hoursAgo,
  incidentInput,
  req,
} from './incident.helpers.js';

/** The officer's "referred to a counselor or social worker" action makes one real referral (issue 15 item 3.4). */
describe(`referrals made by an incident on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let st1: string;
  let st2: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    await t.ctx.db.updateTable('districts').set({ timeZone: 'UTC' }).where('id', '=', w.district.id).execute();
    st1 = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'HI', sex: 'F' })).id;
    st2 = (await buildStudent(t.ctx, w.district.id, w.school)).id;
  });

  const referredAt = hoursAgo(2.8);
  const withReferral = (actions: { action: string; studentId: string | null }[]): IncidentInput => {
    const base = incidentInput(w.school, w.sro.id, {
      students: [
        { studentId: st1, role: 'offender' },
        { studentId: st2, role: 'witness' },
      ],
    });
    const contact = base.contacts[0]!;
    return {
      ...base,
      contacts: [
        {
          ...contact,
          actions: actions.map((a) => ({
            action: a.action as never,
            studentId: a.studentId,
            at: referredAt,
            emergency: false,
            emergencyReason: null,
            parentNotified: false,
          })),
        },
      ],
    };
  };
  const referralsOf = (incidentId: string) =>
    t.ctx.db.selectFrom('supportReferrals').selectAll().where('incidentId', '=', incidentId).orderBy('id').execute();

  it('creates one referral per student the officer referred, once, and keeps it when the action is removed', async () => {
    const input = withReferral([
      { action: 'observed', studentId: null },
      { action: 'referred_to_support', studentId: st1 },
      { action: 'referred_to_support', studentId: st1 },
    ]);
    const res = await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, input);
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json<IncidentDetail>();
    let rows = await referralsOf(incident.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      studentId: st1,
      schoolId: w.school,
      source: 'incident',
      kind: 'counselor',
      status: 'made',
      madeAt: referredAt,
      madeBy: w.sro.id,
      followUpDueOn: addDays(referredAt.slice(0, 10), 14),
      race: 'HI',
      sex: 'F',
    });
    const events = await auditEvents(t.ctx, w.district.id);
    expect(events.map((e) => e.kind)).toContain('referral.made');

    // The reason names the incident; the administrator reads it through the API.
    const read = await call(t.app, w.sessions.admin, 'GET', `/api/referrals/${rows[0]!.id}`);
    expect(read.json<Referral>()).toMatchObject({
      reason: `Referred by the officer in incident ${incident.number}`,
      incidentId: incident.id,
    });

    // Saving again (and adding the second student) does not duplicate the first referral.
    const again = withReferral([
      { action: 'referred_to_support', studentId: st1 },
      { action: 'referred_to_support', studentId: st2 },
    ]);
    const put = await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${incident.id}`, {
      ...again,
      version: incident.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    rows = await referralsOf(incident.id);
    expect(rows.map((r) => r.studentId).sort()).toEqual([st1, st2].sort());

    // Removing the action later leaves the referrals as they were.
    const without = withReferral([{ action: 'observed', studentId: null }]);
    const put2 = await req(t.app, w.sessions.sro, 'PUT', `/api/incidents/${incident.id}`, {
      ...without,
      version: put.json<IncidentDetail>().version,
    });
    expect(put2.statusCode, put2.body).toBe(200);
    expect(await referralsOf(incident.id)).toHaveLength(2);
  });

  it('makes no referral for an incident without the action', async () => {
    const res = await req(
      t.app,
      w.sessions.sro,
      'POST',
      `/api/districts/${w.district.id}/incidents`,
      withReferral([{ action: 'observed', studentId: null }]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await referralsOf(res.json<IncidentDetail>().id)).toHaveLength(0);
  });
});
