import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiError, type ExceptionPage, type OfficerDetail, addDays, addMonths } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  type RosterWorld,
  addOfficer,
  auditKinds,
  buildRosterWorld,
  districtToday,
  insertRecord,
  setStandard,
} from './officers.helpers.js';

/**
 * The assignment gate (issue 14 item 1): only the rules due before assignment are judged, as of the
 * start date; block refuses (audited, nothing written) unless a current exception applies, warn
 * needs a confirmation, off lets anyone through.
 */
describe(`assignment gate on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: RosterWorld;
  let today: string;
  const errorOf = (e: unknown) => e as ApiError['error'];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildRosterWorld(t.app, t.ctx);
    today = await districtToday(t.ctx, w.district.id);
  });

  const standard = (gateMode: 'block' | 'warn' | 'off') =>
    setStandard(t.ctx, w.district.id, {
      preset: 'custom',
      gateMode,
      rules: [
        {
          kind: 'hours',
          key: 'de_escalation_hours',
          hours: 8,
          topics: ['de_escalation'],
          due: { when: 'before_assignment' },
          renewEveryMonths: null,
        },
        // Due after assignment: the gate must not look at it.
        {
          kind: 'credential',
          key: 'ymhfa',
          credential: 'ymhfa',
          due: { when: 'after_assignment', months: 12 },
          renewEveryMonths: null,
        },
      ],
    });
  const assign = (officerId: string, body: Record<string, unknown>, s = w.sessions.admin) =>
    call(t.app, s, 'POST', `/api/officers/${officerId}/assignments`, body);
  const assignmentRows = (officerId: string) =>
    t.ctx.db.selectFrom('officerAssignments').selectAll().where('officerId', '=', officerId).execute();

  it('blocks an officer short of the hours due before assignment, with the reasons, audited, nothing created', async () => {
    await standard('block');
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id, { name: 'Officer Daniel Reyes' });
    await insertRecord(t.ctx, w.district.id, o.id, { completedOn: addDays(today, -10), hours: 2 });
    // A pending record does not count.
    await insertRecord(t.ctx, w.district.id, o.id, { completedOn: addDays(today, -5), hours: 6, status: 'pending' });
    const startsOn = addDays(today, 14);
    const res = await assign(o.id, { schoolId: w.s1, startsOn, confirmWarning: true });
    const err = errorOf(expectError(res, 409, 'conflict'));
    expect(err.params).toMatchObject({ reason: 'training_gate', rules: ['de_escalation_hours'] });
    expect(err.issues).toEqual([
      expect.objectContaining({
        path: 'training.de_escalation_hours',
        code: 'needs_hours',
        params: { hours: 6, topics: ['de_escalation'], date: startsOn },
      }),
    ]);
    expect(await assignmentRows(o.id)).toEqual([]);
    expect(await auditKinds(t.ctx, w.district.id, 'assignment.blocked')).toContainEqual({
      officerId: o.id,
      schoolId: w.s1,
      startsOn,
      reasons: ['needs_hours'],
    });
  });

  it('lets a blocked officer be assigned under a current exception, and not under an expired or revoked one', async () => {
    await standard('block');
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id);
    // An expired exception (written directly: the API refuses a past expiry) and a revoked one.
    await t.ctx.db
      .insertInto('assignmentExceptions')
      .values({
        id: newId(),
        districtId: w.district.id,
        officerId: o.id,
        schoolId: null,
        reason: 'Old exception',
        approvedBy: w.admin.id,
        expiresOn: addDays(today, -1),
        createdAt: nowIso(),
        revokedAt: null,
        revokedBy: null,
      })
      .execute();
    const revoked = await call(t.app, w.sessions.admin, 'POST', `/api/officers/${o.id}/exceptions`, {
      schoolId: w.s1,
      reason: 'Coverage during the fall term',
      expiresOn: addDays(today, 30),
    });
    expect(revoked.statusCode, revoked.body).toBe(201);
    const revokedId = revoked.json<OfficerDetail>().exceptions[0]!.id;
    expect((await call(t.app, w.sessions.admin, 'POST', `/api/exceptions/${revokedId}/revoke`)).statusCode).toBe(200);
    const twice = await call(t.app, w.sessions.admin, 'POST', `/api/exceptions/${revokedId}/revoke`);
    expect(errorOf(expectError(twice, 409, 'conflict')).params).toMatchObject({ reason: 'exception_revoked' });
    expectError(await assign(o.id, { schoolId: w.s1, startsOn: today }), 409, 'conflict');

    // An exception for another school does not help at this one.
    const approve = (schoolId: string | null) =>
      call(t.app, w.sessions.admin, 'POST', `/api/officers/${o.id}/exceptions`, {
        schoolId,
        reason: 'Academy class starts in March; covering North High until then',
        expiresOn: addMonths(today, 3),
      });
    expect((await approve(w.s2)).statusCode).toBe(201);
    expectError(await assign(o.id, { schoolId: w.s1, startsOn: today }), 409, 'conflict');
    const approved = await approve(w.s1);
    expect(approved.statusCode, approved.body).toBe(201);
    const exceptionId = approved.json<OfficerDetail>().exceptions.find((e) => e.schoolId === w.s1 && e.current)!.id;

    const ok = await assign(o.id, { schoolId: w.s1, startsOn: today });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<OfficerDetail>().assignments[0]).toMatchObject({ gate: 'exception', exceptionId, schoolId: w.s1 });
    expect(await auditKinds(t.ctx, w.district.id, 'assignment.exception_approved')).toContainEqual(
      expect.objectContaining({ officerId: o.id, exceptionId, schoolId: w.s1 }),
    );
    expect(await auditKinds(t.ctx, w.district.id, 'assignment.exception_revoked')).toContainEqual({
      officerId: o.id,
      exceptionId: revokedId,
    });

    // The district's list shows current and past, with approver and reason.
    const listed = await call(
      t.app,
      w.sessions.coordinator,
      'GET',
      `/api/districts/${w.district.id}/assignment-exceptions`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = listed.json<ExceptionPage>().items.filter((e) => e.officerId === o.id);
    expect(mine.map((e) => e.current).sort()).toEqual([false, false, true, true]);
    expect(mine.find((e) => e.id === revokedId)).toMatchObject({ revokedAt: expect.any(String), current: false });
    const past = await call(
      t.app,
      w.sessions.admin,
      'GET',
      `/api/districts/${w.district.id}/assignment-exceptions?state=past`,
    );
    expect(past.json<ExceptionPage>().items.every((e) => !e.current)).toBe(true);
  });

  it('warns, and assigns only once the warning is confirmed, recording the reasons', async () => {
    await standard('warn');
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id);
    const first = await assign(o.id, { schoolId: w.s2, startsOn: today });
    expect(errorOf(expectError(first, 409, 'conflict')).params).toMatchObject({ reason: 'training_warning' });
    expect(await assignmentRows(o.id)).toEqual([]);
    const confirmed = await assign(o.id, { schoolId: w.s2, startsOn: today, confirmWarning: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect((await assignmentRows(o.id)).map((a) => a.gate)).toEqual(['warned']);
    expect(await auditKinds(t.ctx, w.district.id, 'assignment.created')).toContainEqual(
      expect.objectContaining({ officerId: o.id, gate: 'warned', reasons: ['needs_hours'] }),
    );
  });

  it('passes an officer who meets the rules due before assignment, and anyone when the gate is off', async () => {
    await standard('block');
    const trained = await addOfficer(t.app, w.sessions.admin, w.district.id);
    await insertRecord(t.ctx, w.district.id, trained.id, { completedOn: addDays(today, -100), hours: 8 });
    const met = await assign(trained.id, { schoolId: w.s1, startsOn: today });
    expect(met.statusCode, met.body).toBe(201);
    expect(met.json<OfficerDetail>().assignments[0]!.gate).toBe('met');
    // Training completed after the start date does not count for that start.
    const late = await addOfficer(t.app, w.sessions.admin, w.district.id);
    await insertRecord(t.ctx, w.district.id, late.id, { completedOn: addDays(today, 20), hours: 8 });
    expectError(await assign(late.id, { schoolId: w.s1, startsOn: addDays(today, 10) }), 409, 'conflict');
    expect((await assign(late.id, { schoolId: w.s1, startsOn: addDays(today, 20) })).statusCode).toBe(201);

    await standard('off');
    const untrained = await addOfficer(t.app, w.sessions.admin, w.district.id);
    const off = await assign(untrained.id, { schoolId: w.s2, startsOn: today });
    expect(off.statusCode, off.body).toBe(201);
    expect(off.json<OfficerDetail>().assignments[0]!.gate).toBe('off');
  });

  it('refuses overlaps, bad dates and an inactive officer; ends an assignment once', async () => {
    await standard('off');
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id);
    const first = await assign(o.id, { schoolId: w.s1, startsOn: addDays(today, -60) });
    const assignmentId = first.json<OfficerDetail>().assignments[0]!.id;
    const overlap = await assign(o.id, { schoolId: w.s1, startsOn: today });
    expect(errorOf(expectError(overlap, 409, 'conflict')).params).toMatchObject({ reason: 'assignment_overlap' });
    for (const startsOn of ['2025-02-30', '2026-13-01', 'tomorrow', ''])
      expectError(await assign(o.id, { schoolId: w.s2, startsOn }), 400, 'invalid_request');
    const unknown = await assign(o.id, { schoolId: 'no-such-school', startsOn: today });
    expect(errorOf(expectError(unknown, 400, 'invalid_request')).issues?.[0]?.code).toBe('unknown_school');

    const end = (endsOn: string) =>
      call(t.app, w.sessions.coordinator, 'POST', `/api/assignments/${assignmentId}/end`, { endsOn });
    const early = await end(addDays(today, -61));
    expect(errorOf(expectError(early, 400, 'invalid_request')).issues?.[0]?.code).toBe('ends_before_start');
    const ended = await end(addDays(today, -1));
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<OfficerDetail>().schools).toEqual([]);
    // After it ended, the school can be served again; the old end cannot then be moved into the new one.
    expect((await assign(o.id, { schoolId: w.s1, startsOn: today })).statusCode).toBe(201);
    expect(errorOf(expectError(await end(today), 409, 'conflict')).params).toMatchObject({
      reason: 'assignment_overlap',
    });
    expect((await end(addDays(today, -2))).statusCode).toBe(200);

    await call(t.app, w.sessions.admin, 'PATCH', `/api/officers/${o.id}`, { status: 'inactive' });
    const inactive = await assign(o.id, { schoolId: w.s2, startsOn: today });
    expect(errorOf(expectError(inactive, 400, 'invalid_request')).issues?.[0]?.code).toBe('officer_not_active');
  });

  it('lets only the district administrator approve exceptions, within a year from tomorrow', async () => {
    const o = await addOfficer(t.app, w.sessions.admin, w.district.id);
    const body = (expiresOn: string) => ({ reason: 'Needed for the spring term', expiresOn });
    const url = `/api/officers/${o.id}/exceptions`;
    expectError(await call(t.app, w.sessions.coordinator, 'POST', url, body(addDays(today, 10))), 403, 'forbidden');
    const past = await call(t.app, w.sessions.admin, 'POST', url, body(today));
    expect(errorOf(expectError(past, 400, 'invalid_request')).issues?.[0]?.code).toBe('expiry_not_future');
    const far = await call(t.app, w.sessions.admin, 'POST', url, body(addDays(addMonths(today, 12), 1)));
    expect(errorOf(expectError(far, 400, 'invalid_request')).issues?.[0]?.code).toBe('expiry_too_far');
    expectError(
      await call(t.app, w.sessions.admin, 'POST', url, { expiresOn: addDays(today, 5) }),
      400,
      'invalid_request',
    );
    expectError(await call(t.app, w.sessions.admin, 'POST', url, body('2027-02-29')), 400, 'invalid_request');
    expect((await call(t.app, w.sessions.admin, 'POST', url, body(addMonths(today, 12)))).statusCode).toBe(201);
  });
});
