import { beforeAll, describe, expect, it } from 'vitest';
import { type TodoList, addDays, localDate } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { type Session, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type IncidentWorld, buildIncidentWorld, req } from './incident.helpers.js';

/**
 * Issue 14's to-dos: records to approve (coordinator), officers not compliant or lapsing (within
 * the reader's schools for a principal), gate exceptions ending, and an officer's own training.
 * The standard is the default (the brief's 40 hours before assignment, including crisis
 * intervention and cultural competency); the officers below are made to land in each status.
 */
describe(`training to-dos on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let coordinator: Session;
  const today = localDate(new Date(), 'America/New_York');

  const todos = async (s: Session) => {
    const res = await req(t.app, s, 'GET', `/api/districts/${w.district.id}/todos`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TodoList>();
  };
  const item = (l: TodoList, kind: string) => l.items.find((i) => i.kind === kind);

  async function officer(name: string, schoolId: string | null, userId: string | null = null) {
    const id = newId();
    const now = nowIso();
    await t.ctx.db
      .insertInto('officers')
      .values({
        id,
        districtId: w.district.id,
        userId,
        name,
        agency: 'Test PD',
        badgeNumber: id.slice(0, 8),
        email: null,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    if (schoolId)
      await t.ctx.db
        .insertInto('officerAssignments')
        .values({
          id: newId(),
          districtId: w.district.id,
          officerId: id,
          schoolId,
          startsOn: addDays(today, -100),
          endsOn: null,
          gate: 'off',
          exceptionId: null,
          createdBy: null,
          createdAt: now,
        })
        .execute();
    return id;
  }
  async function record(officerId: string, hours: number, topics: string[], status = 'approved') {
    await t.ctx.db
      .insertInto('trainingRecords')
      .values({
        id: newId(),
        districtId: w.district.id,
        officerId,
        courseId: null,
        title: 'Course',
        provider: 'Academy',
        minutes: hours * 60,
        topics: JSON.stringify(topics),
        credentialKey: null,
        completedOn: addDays(today, -400),
        expiresOn: null,
        status,
        source: 'entry',
        createdBy: null,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
        createdAt: nowIso(),
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    coordinator = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'training_coordinator', districtId: w.district.id }),
    );
    // At the principal's school: one compliant officer, one short of hours (the SRO's own entry).
    const ok = await officer('Compliant', w.school);
    await record(ok, 40, ['crisis_intervention', 'cultural_competency']);
    const short = await officer('Short', w.school, w.sro.id);
    await record(short, 30, ['crisis_intervention', 'cultural_competency']);
    // At the other school: another officer with nothing, and a pending record waiting for approval.
    const none = await officer('Nothing', w.otherSchool);
    await record(none, 8, ['de_escalation'], 'pending');
    // Not assigned: not counted among assigned officers.
    await officer('Unassigned', null);
    await t.ctx.db
      .insertInto('assignmentExceptions')
      .values({
        id: newId(),
        districtId: w.district.id,
        officerId: none,
        schoolId: null,
        reason: 'Academy seat booked',
        approvedBy: w.admin.id,
        expiresOn: addDays(today, 10),
        createdAt: nowIso(),
        revokedAt: null,
        revokedBy: null,
      })
      .execute();
  });

  it('gives the coordinator the records to approve and the officers not compliant in the district', async () => {
    const l = await todos(coordinator);
    expect(item(l, 'training_records_to_approve')?.count).toBe(1);
    expect(item(l, 'officers_not_compliant')?.count).toBe(2);
    // Exceptions are the district administrator's to approve, so not the coordinator's to-do.
    expect(item(l, 'exceptions_ending')).toBeUndefined();
    expect(l.gettingStarted).toBeNull();
  });

  it("narrows a principal's count to their school and shows the administrator the exception ending", async () => {
    expect(item(await todos(w.sessions.principal), 'officers_not_compliant')?.count).toBe(1);
    const admin = await todos(w.sessions.admin);
    expect(item(admin, 'exceptions_ending')?.count).toBe(1);
    expect(item(admin, 'officers_not_compliant')?.count).toBe(2);
    expect(admin.gettingStarted?.find((s) => s.step === 'training')?.done).toBe(false);
  });

  it("tells an officer their own training is short, and nobody else's", async () => {
    const own = item(await todos(w.sessions.sro), 'own_training');
    // 30 of the 40 hours: one reason (both topics are covered).
    expect(own).toMatchObject({ overdue: true, count: 1 });
    expect(item(await todos(w.sessions.otherSro), 'own_training')).toBeUndefined();
    expect(item(await todos(w.sessions.sro), 'officers_not_compliant')).toBeUndefined();
  });
});
