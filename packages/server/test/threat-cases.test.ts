import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseCounts, CaseDetail } from '@forefront/contract';
import { newId } from '../src/shared/ids.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { incidentInput } from './incident.helpers.js';
import { type ThreatWorld, api, buildThreatWorld, caseTableCounts, reportCase } from './threat.helpers.js';

/**
 * Issue 15 item 2: intake, need-to-know (a district administrator off the team gets the 404 of a
 * missing case, and counts only), the list (overdue first) and the sealed texts.
 */
describe(`threat assessment cases on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  let kase: { id: string; number: string };
  const year = new Date().getUTCFullYear();
  const CONCERN = `canary-concern-${newId()}`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildThreatWorld(t.app, t.ctx);
    // The district administrator reports: any staff member may, and is not thereby on the case.
    kase = await reportCase(t.app, t.ctx, w, w.s.admin, { concern: CONCERN });
  });

  it('opens a numbered case for the school’s team, with the student’s groups as of intake, and audits it', async () => {
    expect(kase.number).toMatch(new RegExp(`^TA-(${year}|${year - 1}|${year + 1})-0001$`));
    const row = await t.ctx.db
      .selectFrom('threatCases')
      .selectAll()
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ teamId: w.teamId, schoolId: w.school, studentId: w.student, status: 'open' });
    expect(row).toMatchObject({
      protocol: 'cstag',
      source: 'staff_report',
      race: 'BL',
      sex: 'M',
      reportedBy: w.users.admin.id,
    });
    const opened = (await auditEvents(t.ctx, w.districtId)).filter((e) => e.kind === 'threat_case.opened');
    expect(opened.at(-1)!.payload).toMatchObject({ caseId: kase.id, number: kase.number, teamId: w.teamId });
    expect(JSON.stringify(opened)).not.toContain(CONCERN);
  });

  it('answers the reporter with the number and the team’s name only', async () => {
    const res = await api(t.app, w.s.principal, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
      schoolId: w.school,
      studentId: w.student,
      concern: 'Threatened a classmate at lunch',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['number', 'teamName']);
    expect(res.json().teamName).toBe('School team');
  });

  it('refuses a school with no team (and no district team): 409 no_team, nothing written', async () => {
    const other = await t.ctx.db
      .insertInto('students')
      .values({
        id: newId(),
        districtId: w.districtId,
        schoolId: w.otherSchool,
        localId: `X${newId().slice(0, 6)}`,
        sourceId: null,
        givenName: 'Lee',
        familyName: 'Other',
        grade: '09',
        race: 'WH',
        sex: 'F',
        idea: 0,
        section504: 0,
        englishLearner: 0,
        active: 1,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await caseTableCounts(t.ctx);
    const res = await api(t.app, w.s.admin, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
      schoolId: w.otherSchool,
      studentId: other.id,
      concern: 'A concern at the other school',
    });
    expect((expectError(res, 409, 'conflict') as { params?: unknown }).params).toMatchObject({ reason: 'no_team' });
    expect(await caseTableCounts(t.ctx)).toEqual(before);
  });

  it('refuses a student not enrolled at the school, naming the field', async () => {
    const before = await caseTableCounts(t.ctx);
    const res = await api(t.app, w.s.admin, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
      schoolId: w.school,
      studentId: newId(),
      concern: 'Unknown student',
    });
    const err = expectError(res, 400, 'invalid_request') as unknown as { issues: { path: string; code: string }[] };
    expect(err.issues).toEqual([expect.objectContaining({ path: 'studentId', code: 'student_not_at_school' })]);
    expect(await caseTableCounts(t.ctx)).toEqual(before);
  });

  it('opens the case to its team, the coordinator and the auditor, and records every read', async () => {
    for (const who of ['counselor', 'sro', 'coordinator', 'auditor'] as const) {
      const res = await api(t.app, w.s[who], 'GET', `/api/threat-cases/${kase.id}`);
      expect(res.statusCode, `${who} ${res.body}`).toBe(200);
      const body = res.json<CaseDetail>();
      expect(body.concern).toBe(CONCERN);
      expect(body.canWrite).toBe(who !== 'auditor');
    }
    const reads = (await auditEvents(t.ctx, w.districtId)).filter(
      (e) => e.kind === 'threat_case.read' && e.payload.caseId === kase.id,
    );
    expect(reads).toHaveLength(4);
  });

  it('answers a district administrator off the team exactly as a missing case, and records the refusal', async () => {
    const random = await api(t.app, w.s.admin, 'GET', `/api/threat-cases/${newId()}`);
    for (const [method, tail, body] of [
      ['GET', '', undefined],
      ['POST', '/notes', { body: 'Trying to write' }],
      ['POST', '/signoffs', {}],
      ['POST', '/close', { outcome: 'support_only', summary: 'x' }],
    ] as const) {
      const res = await api(t.app, w.s.admin, method, `/api/threat-cases/${kase.id}${tail}`, body);
      expectError(res, 404, 'not_found');
      if (method === 'GET') expect(res.json()).toEqual(random.json());
    }
    // Staff of another school, a principal off the team: the same.
    expectError(await api(t.app, w.s.outsider, 'GET', `/api/threat-cases/${kase.id}`), 404, 'not_found');
    // Recorded for the real case and the random id alike: the log does not tell which ids are cases.
    const refused = (await auditEvents(t.ctx, w.districtId)).filter(
      (e) => e.kind === 'threat_case.refused' && e.actorId === w.users.admin.id,
    );
    expect(refused.map((e) => e.payload.caseId === kase.id)).toEqual([false, true, true, true, true]);
    expect(Object.keys(refused[0]!.payload).sort()).toEqual(Object.keys(refused[1]!.payload).sort());
    // No event of the case names its student: the log's readers may be off the team.
    const ofCase = (await auditEvents(t.ctx, w.districtId)).filter((e) => e.payload.caseId === kase.id);
    expect(JSON.stringify(ofCase)).not.toContain(w.student);
    const notes = await t.ctx.db.selectFrom('threatCaseNotes').select('id').where('caseId', '=', kase.id).execute();
    expect(notes).toEqual([]);
  });

  it('lists the case to team members only; the district administrator sees it in counts', async () => {
    const mine = await api(t.app, w.s.counselor, 'GET', `/api/districts/${w.districtId}/threat-cases`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((c: { id: string }) => c.id)).toContain(kase.id);
    const admin = await api(t.app, w.s.admin, 'GET', `/api/districts/${w.districtId}/threat-cases`);
    expect(admin.statusCode).toBe(200);
    expect(admin.json()).toMatchObject({ items: [], total: 0 });
    const counts = await api(t.app, w.s.admin, 'GET', `/api/districts/${w.districtId}/threat-cases/counts`);
    expect(counts.statusCode, counts.body).toBe(200);
    const total = await t.ctx.db
      .selectFrom('threatCases')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('districtId', '=', w.districtId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const c = counts.json<CaseCounts>();
    expect(c.open).toBe(Number(total.n));
    expect(c.bySeverity.unclassified).toBe(Number(total.n));
    expect(c.bySchool).toEqual([expect.objectContaining({ schoolId: w.school, open: Number(total.n), closed: 0 })]);
  });

  it('lists overdue cases first, then newest first; filters by overdue', async () => {
    const newer = await reportCase(t.app, t.ctx, w, w.s.counselor, { concern: 'Newer concern' });
    // The first case gets a task due a week ago (written directly: the API refuses dates before opening).
    await t.ctx.db
      .insertInto('threatSafetyTasks')
      .values({
        id: newId(),
        districtId: w.districtId,
        caseId: kase.id,
        titleSealed: 'x',
        ownerId: w.users.counselor.id,
        dueOn: '2020-01-01',
        status: 'open',
        doneAt: null,
        createdAt: new Date().toISOString(),
      })
      .execute();
    const res = await api(t.app, w.s.coordinator, 'GET', `/api/districts/${w.districtId}/threat-cases?limit=2`);
    const page = res.json<{ items: { id: string; overdue: number }[]; total: number }>();
    expect(page.items.map((i) => i.id)).toEqual([kase.id, newer.id]);
    expect(page.items.map((i) => i.overdue)).toEqual([1, 0]);
    const second = await api(
      t.app,
      w.s.coordinator,
      'GET',
      `/api/districts/${w.districtId}/threat-cases?limit=2&offset=1`,
    );
    expect(second.json().items[0].id).toBe(newer.id);
    const only = await api(t.app, w.s.coordinator, 'GET', `/api/districts/${w.districtId}/threat-cases?overdue=true`);
    expect(only.json()).toMatchObject({ total: 1, items: [{ id: kase.id }] });
    const counts = await api(t.app, w.s.coordinator, 'GET', `/api/districts/${w.districtId}/threat-cases/counts`);
    expect(counts.json().overdue).toBe(1);
    await t.ctx.db.deleteFrom('threatSafetyTasks').where('dueOn', '=', '2020-01-01').execute();
  });

  it('opens a case from an incident the reporter can read; the incident lists it to those who may open it', async () => {
    const incident = await api(t.app, w.s.sro, 'POST', `/api/districts/${w.districtId}/incidents`, {
      ...incidentInput(w.school, w.users.sro.id),
      students: [{ studentId: w.student, role: 'offender' }],
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const incidentId = incident.json<{ id: string }>().id;
    const report = (studentId: string) =>
      api(t.app, w.s.sro, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
        schoolId: w.school,
        studentId,
        concern: 'Said it during the incident',
        incidentId,
      });
    const off = await report(w.iepStudent);
    const err = expectError(off, 400, 'invalid_request') as unknown as { issues: { code: string }[] };
    expect(err.issues.map((i) => i.code)).toEqual(['student_not_on_incident']);
    // Someone who cannot read the incident cannot open a case from it (another school's staff: 403 first).
    const outsider = await api(t.app, w.s.outsider, 'POST', `/api/districts/${w.districtId}/threat-reports`, {
      schoolId: w.otherSchool,
      studentId: w.student,
      concern: 'x',
      incidentId,
    });
    expect([403, 404]).toContain(outsider.statusCode);
    const ok = await report(w.student);
    expect(ok.statusCode, ok.body).toBe(201);
    const number = ok.json<{ number: string }>().number;
    const row = await t.ctx.db
      .selectFrom('threatCases')
      .select(['id', 'source', 'incidentId'])
      .where('number', '=', number)
      .where('districtId', '=', w.districtId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'incident', incidentId });
    const asMember = await api(t.app, w.s.sro, 'GET', `/api/incidents/${incidentId}`);
    expect(asMember.json().threatCases).toEqual([{ id: row.id, number }]);
    const asAdmin = await api(t.app, w.s.admin, 'GET', `/api/incidents/${incidentId}`);
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(asAdmin.json().threatCases).toEqual([]);
    const detail = await api(t.app, w.s.sro, 'GET', `/api/threat-cases/${row.id}`);
    expect(detail.json()).toMatchObject({ incidentId, incidentNumber: incident.json().number });
  });

  it('keeps every sealed text out of the database in plaintext, bound to its row', async () => {
    const row = await t.ctx.db
      .selectFrom('threatCases')
      .selectAll()
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(CONCERN);
    expect(row.concernSealed.length).toBeGreaterThan(CONCERN.length);
    // Moved onto another case's row, the sealed concern does not open there.
    const other = await reportCase(t.app, t.ctx, w, w.s.counselor, { concern: 'Another concern' });
    await t.ctx.db
      .updateTable('threatCases')
      .set({ concernSealed: row.concernSealed })
      .where('id', '=', other.id)
      .execute();
    const res = await api(t.app, w.s.counselor, 'GET', `/api/threat-cases/${other.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(CONCERN);
    await t.ctx.db.deleteFrom('threatCases').where('id', '=', other.id).execute();
  });
});
