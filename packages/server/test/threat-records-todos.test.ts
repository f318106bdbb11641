import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Todo, type TodoList, addDays } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { type BuiltUser, buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  addCase,
  addCheckin,
  addProvider,
  addReferral,
  addStudent,
  addTask,
  addTeam,
} from './threat-records.helpers.js';

/**
 * Issue 15: "a to-do on the dashboard" for overdue tasks and check-ins, cases to classify or to
 * close, the coordinator's unclassified cases and a provider's waiting referrals, each only to
 * whom it concerns (a district administrator off the team sees none of them).
 */
describe(`threat assessment to-dos on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let districtId: string;
  const u: Record<string, BuiltUser> = {};
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => `${addDays(today, -n)}T15:00:00.000Z`;
  beforeAll(async () => {
    t = await createTestApp();
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    const school = await buildSchool(t.ctx, d.id);
    const at = { districtId: d.id, schoolIds: [school.id] };
    u.counselor = await buildUser(t.ctx, { role: 'support_staff', ...at });
    u.principal = await buildUser(t.ctx, { role: 'school_admin', ...at });
    u.sro = await buildUser(t.ctx, { role: 'sro', ...at });
    u.coordinator = await buildUser(t.ctx, { role: 'threat_coordinator', districtId: d.id });
    u.admin = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    const team = await addTeam(t.ctx, d.id, school.id, [
      [u.counselor.id, 'mental_health'],
      [u.principal.id, 'administrator'],
      [u.sro.id, 'law_enforcement'],
    ]);
    const base = { districtId, schoolId: school.id, teamId: team, studentId: await addStudent(t.ctx, d.id, school.id) };
    let n = 0;
    const open = (days: number, classification?: string, severity?: string) =>
      addCase(t.ctx, {
        ...base,
        number: `TA-2026-${String(++n).padStart(4, '0')}`,
        openedAt: daysAgo(days),
        ...(classification && { classification, severity: severity! }),
      });
    await open(5); // unclassified for 5 days: the coordinator's and the team's
    await open(0); // unclassified since today: the team's only
    // Transient, interviews and the parent contacted: ready to close.
    const ready = await open(6, 'transient', 'low');
    // Serious with a plan but no check-in done yet: not ready.
    const serious = await open(20, 'serious_substantive', 'serious');
    for (const caseId of [ready, serious]) {
      const row = { districtId, caseId, createdAt: nowIso() };
      await t.ctx.db
        .insertInto('threatInterviews')
        .values({
          ...row,
          id: newId(),
          intervieweeKind: 'student',
          intervieweeSealed: 'x',
          interviewedAt: daysAgo(5),
          interviewerId: null,
          summarySealed: 'x',
        })
        .execute();
      await t.ctx.db
        .insertInto('threatParentContacts')
        .values({ ...row, id: newId(), contactedAt: daysAgo(5), method: 'phone', byUserId: null, noteSealed: null })
        .execute();
    }
    await t.ctx.db
      .updateTable('threatCases')
      .set({ safetyPlanAt: daysAgo(18) })
      .where('id', '=', serious)
      .execute();
    await addTask(t.ctx, { districtId, caseId: serious, ownerId: u.sro.id, dueOn: addDays(today, -2) });
    await addTask(t.ctx, { districtId, caseId: serious, ownerId: u.sro.id, dueOn: addDays(today, 2) });
    await addCheckin(t.ctx, { districtId, caseId: serious, ownerId: u.counselor.id, dueOn: today });
    const providerId = await addProvider(t.ctx, d.id, u.counselor.id);
    const ref = { districtId, schoolId: school.id, studentId: base.studentId, providerId, madeBy: u.principal.id };
    await addReferral(t.ctx, { ...ref, status: 'accepted', followUpDueOn: addDays(today, -1) });
    await addReferral(t.ctx, { ...ref, status: 'made', followUpDueOn: addDays(today, 10) });
    await addReferral(t.ctx, { ...ref, status: 'completed', followUpDueOn: addDays(today, -10) });
  });
  afterAll(() => t.close());

  const threatItems = async (who: BuiltUser) => {
    const s = await signIn(t.app, who);
    const res = await t.app.inject({ method: 'GET', url: `/api/districts/${districtId}/todos`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    const kinds = (k: string) => k.startsWith('threat_') || k.startsWith('referrals_');
    return res
      .json<TodoList>()
      .items.filter((i) => kinds(i.kind))
      .map(({ kind, count, overdue }: Todo) => ({ kind, count, ...(overdue !== undefined && { overdue }) }));
  };

  it('gives each member their own work and the team its cases', async () => {
    expect(await threatItems(u.sro!)).toEqual([
      { kind: 'threat_tasks_overdue', count: 1 },
      { kind: 'threat_cases_to_classify', count: 2 },
      { kind: 'threat_cases_to_close', count: 1 },
    ]);
    expect(await threatItems(u.counselor!)).toEqual([
      { kind: 'threat_checkins_due', count: 1, overdue: false },
      { kind: 'threat_cases_to_classify', count: 2 },
      { kind: 'threat_cases_to_close', count: 1 },
      { kind: 'referrals_awaiting_follow_up', count: 2, overdue: true },
    ]);
  });

  it('tells the coordinator of cases unclassified over two days, and nobody off the team of any', async () => {
    expect(await threatItems(u.coordinator!)).toEqual([{ kind: 'threat_cases_unclassified', count: 1, overdue: true }]);
    expect(await threatItems(u.admin!)).toEqual([]);
  });
});
