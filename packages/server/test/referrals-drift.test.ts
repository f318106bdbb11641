import { beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput, RoleDrift } from '@forefront/contract';
import { call } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type IncidentWorld,
  buildIncidentWorld,
  buildStudent,
  hoursAgo,
  incidentInput,
  req,
} from './incident.helpers.js';
import { insertReferral } from './referrals.helpers.js';

/** The role-drift dashboard's support referrals next to law-enforcement referrals, per 1,000 by group. */
describe(`help or police on the role-drift dashboard on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  const st: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    await t.ctx.db.updateTable('districts').set({ timeZone: 'UTC' }).where('id', '=', w.district.id).execute();
    st.a = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'BL', sex: 'M', idea: true })).id;
    st.b = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'WH', sex: 'F' })).id;
    st.c = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'WH', sex: 'F' })).id;
    st.d = (await buildStudent(t.ctx, w.district.id, w.school, { race: 'HI', sex: 'M' })).id;
  });

  it('counts each kind of referral by the student’s groups, per 1,000 enrolled, as written by hand', async () => {
    // Student a referred to law enforcement and b to a counselor by the officer; c by a counselor directly.
    const base = incidentInput(w.school, w.sro.id, {
      students: [
        { studentId: st.a, role: 'offender' },
        { studentId: st.b, role: 'witness' },
      ],
    });
    const act = (action: string, studentId: string) => ({
      action: action as never,
      studentId,
      at: hoursAgo(2.8),
      emergency: false,
      emergencyReason: null,
      parentNotified: false,
    });
    const input: IncidentInput = {
      ...base,
      contacts: [
        { ...base.contacts[0]!, actions: [act('referred_to_law_enforcement', st.a), act('referred_to_support', st.b)] },
      ],
    };
    const res = await req(t.app, w.sessions.sro, 'POST', `/api/districts/${w.district.id}/incidents`, input);
    expect(res.statusCode, res.body).toBe(201);
    await insertReferral(t.ctx, { districtId: w.district.id, schoolId: w.school, studentId: st.c });

    const drift = await call(t.app, w.sessions.admin, 'GET', `/api/districts/${w.district.id}/role-drift`);
    expect(drift.statusCode, drift.body).toBe(200);
    const byKey = Object.fromEntries(
      drift.json<RoleDrift>().referralsByGroup.map((g) => [g.key, [g.enrolled, g.lawEnforcement, g.support]]),
    );
    // Enrolled: a (BL M idea), b and c (WH F), d (HI M); none an English learner.
    expect(byKey).toEqual({
      'all:*': [4, 1, 2],
      'race:BL': [1, 1, 0],
      'race:HI': [1, 0, 0],
      'race:WH': [2, 0, 2],
      'sex:F': [2, 0, 2],
      'sex:M': [2, 1, 0],
      'disability:idea': [1, 1, 0],
      'disability:no_disability': [3, 0, 2],
      'english_learner:not_english_learner': [4, 1, 2],
    });
    const all = drift.json<RoleDrift>().referralsByGroup.find((g) => g.key === 'all:*')!;
    expect([all.lawEnforcementPer1000, all.supportPer1000]).toEqual([250, 500]);
    const noDisability = drift.json<RoleDrift>().referralsByGroup.find((g) => g.key === 'disability:no_disability')!;
    expect(noDisability.supportPer1000).toBe(666.667);
  });

  it('narrows a principal to their school: students and referrals elsewhere do not count', async () => {
    const elsewhere = (await buildStudent(t.ctx, w.district.id, w.otherSchool, { race: 'AS', sex: 'F' })).id;
    await insertReferral(t.ctx, { districtId: w.district.id, schoolId: w.otherSchool, studentId: elsewhere });
    const all = async (s: keyof IncidentWorld['sessions']) =>
      (await call(t.app, w.sessions[s], 'GET', `/api/districts/${w.district.id}/role-drift`))
        .json<RoleDrift>()
        .referralsByGroup.find((g) => g.key === 'all:*')!;
    expect(await all('principal')).toMatchObject({ enrolled: 4, lawEnforcement: 1, support: 2 });
    expect(await all('admin')).toMatchObject({ enrolled: 5, lawEnforcement: 1, support: 3 });
  });
});
