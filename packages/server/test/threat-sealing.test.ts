import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ThreatWorld, api, buildThreatWorld, reportCase } from './threat.helpers.js';

/**
 * Issue 15 item 4: every text of a case is sealed with the district's key. Unique strings written
 * through the API into each sealed field come back to the team, and appear nowhere in the database
 * rows (cases, their steps, the audit log), which hold only sealed values.
 */
describe(`threat case texts sealed at rest on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  const canary = (field: string) => `canary-${field}-${newId()}`;
  const C = {
    concern: canary('concern'),
    interviewee: canary('interviewee'),
    summary: canary('summary'),
    iep: canary('iep'),
    rationale: canary('rationale'),
    screening: canary('screening'),
    leReason: canary('lereason'),
    plan: canary('plan'),
    task: canary('task'),
    checkin: canary('checkin'),
    parent: canary('parent'),
    note: canary('note'),
    closure: canary('closure'),
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildThreatWorld(t.app, t.ctx);
    await t.ctx.db
      .insertInto('threatSettings')
      .values({
        districtId: w.districtId,
        protocol: 'cstag',
        leThreshold: 'A weapon',
        equityThreshold: 1.5,
        equityPublic: 0,
        updatedBy: null,
        updatedAt: nowIso(),
      })
      .execute();
  });

  it('gives the team back every text and keeps none of them in plaintext in any row', async () => {
    const { id } = await reportCase(t.app, t.ctx, w, w.s.counselor, { studentId: w.iepStudent, concern: C.concern });
    const post = async (tail: string, body: unknown, method: 'POST' | 'PUT' | 'PATCH' = 'POST') => {
      const res = await api(t.app, w.s.counselor, method, `/api/threat-cases/${id}${tail}`, body);
      expect(res.statusCode, `${tail} ${res.body}`).toBe(200);
      return res.json<CaseDetail>();
    };
    await post('/interviews', {
      intervieweeKind: 'student',
      interviewee: C.interviewee,
      interviewedAt: nowIso(),
      summary: C.summary,
    });
    await post('/iep-check', { note: C.iep });
    await post('/classification', { classification: 'very_serious_substantive', rationale: C.rationale });
    await post('/safety-evaluation', {
      screening: C.screening,
      lawEnforcement: true,
      lawEnforcementReason: C.leReason,
    });
    await post('/safety-plan', { plan: C.plan });
    await post('/tasks', { title: C.task, ownerId: w.users.counselor.id, dueOn: '2099-01-01' });
    const k = await post('/checkins', { ownerId: w.users.counselor.id, dueOn: '2099-01-01' });
    await post(`/checkins/${k.checkins[0]!.id}/done`, { note: C.checkin });
    await post('/parent-contacts', { contactedAt: nowIso(), method: 'phone', note: C.parent });
    await post('/notes', { body: C.note });
    for (const who of ['principal', 'counselor'] as const)
      expect((await api(t.app, w.s[who], 'POST', `/api/threat-cases/${id}/signoffs`, {})).statusCode).toBe(200);
    const closed = await post('/close', { outcome: 'support_only', summary: C.closure });

    // The team reads each text back: proof the values written below are the sealed ones.
    const read = JSON.stringify(closed);
    for (const v of Object.values(C)) expect(read).toContain(v);

    const tables = [
      'threatCases',
      'threatInterviews',
      'threatCaseNotes',
      'threatSafetyTasks',
      'threatCheckins',
      'threatParentContacts',
      'threatCaseSignoffs',
      'auditEvents',
    ] as const;
    for (const table of tables) {
      const rows = JSON.stringify(await t.ctx.db.selectFrom(table).selectAll().execute());
      for (const [field, v] of Object.entries(C)) expect(rows.includes(v), `${field} in ${table}`).toBe(false);
    }
    const row = await t.ctx.db.selectFrom('threatCases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const col of [
      'concernSealed',
      'rationaleSealed',
      'screeningSealed',
      'safetyPlanSealed',
      'closureSealed',
    ] as const)
      expect(row[col], col).toMatch(/\S{20,}/);
  });
});
