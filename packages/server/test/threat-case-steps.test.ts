import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@forefront/contract';
import { NTAC_THEMES } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { auditEvents } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ThreatWorld, api, buildThreatWorld, caseTableCounts, minutesAgo, reportCase } from './threat.helpers.js';

/**
 * Issue 15 item 2 and "Bad input": a counselor-led team takes a case through CSTAG to a very
 * serious classification, a safety plan, monitoring and closure; each refusal is a translated
 * code with its params, and changes nothing.
 */
describe(`threat assessment case steps on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  let id: string;
  const url = (tail = '') => `/api/threat-cases/${id}${tail}`;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildThreatWorld(t.app, t.ctx);
    id = (await reportCase(t.app, t.ctx, w, w.s.sro)).id;
  });

  /** Sends a request that must be refused with `status` and reason/issue `code`, and checks nothing changed. */
  async function refused(
    who: keyof ThreatWorld['s'],
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    body: unknown,
    status: number,
    code: string,
  ) {
    const before = await caseTableCounts(t.ctx);
    const res = await api(t.app, w.s[who], method, path, body);
    expect(res.statusCode, res.body).toBe(status);
    const err = res.json<{ error: { params?: Record<string, unknown>; issues?: { code: string; path: string }[] } }>()
      .error;
    if (status === 409) expect(err.params?.reason).toBe(code);
    else expect(err.issues?.map((i) => i.code)).toContain(code);
    expect(await caseTableCounts(t.ctx)).toEqual(before);
    return err;
  }
  const ok = async (who: keyof ThreatWorld['s'], method: 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown) => {
    const res = await api(t.app, w.s[who], method, path, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDetail>();
  };

  it('refuses to classify before an interview', async () => {
    await refused(
      'counselor',
      'POST',
      url('/classification'),
      { classification: 'transient', rationale: 'r' },
      409,
      'needs_interview',
    );
  });

  it('refuses an interview dated before the case opened or in the future', async () => {
    const body = (at: string) => ({
      intervieweeKind: 'student',
      interviewee: 'The student',
      interviewedAt: at,
      summary: 'S',
    });
    await refused('counselor', 'POST', url('/interviews'), body('2020-01-01T10:00:00Z'), 400, 'before_case_opened');
    await refused(
      'counselor',
      'POST',
      url('/interviews'),
      body(new Date(Date.now() + 86_400_000).toISOString()),
      400,
      'in_future',
    );
    const d = await ok('counselor', 'POST', url('/interviews'), body(nowIso()));
    expect(d.interviews).toHaveLength(1);
    expect(d.stepsDone).toEqual(['intake', 'interviews']);
    expect(d.step).toBe('classification');
  });

  it('refuses a classification of the other protocol, then classifies very serious', async () => {
    await refused(
      'counselor',
      'POST',
      url('/classification'),
      { classification: 'high_concern', rationale: 'r' },
      400,
      'not_of_protocol',
    );
    const d = await ok('counselor', 'POST', url('/classification'), {
      classification: 'very_serious_substantive',
      rationale: 'Specific plan and means',
    });
    expect(d).toMatchObject({
      classification: 'very_serious_substantive',
      severity: 'very_serious',
      rationale: 'Specific plan and means',
    });
    expect(d.stepsRequired).toEqual(['safety_evaluation', 'safety_plan', 'monitoring', 'parent_contact']);
  });

  it('refuses law enforcement while the district has no threshold; records it with the reason once set', async () => {
    const body = { screening: 'Screened by counselor', lawEnforcement: true, lawEnforcementReason: 'A weapon at home' };
    await refused('counselor', 'POST', url('/safety-evaluation'), body, 409, 'le_threshold_unset');
    const put = await api(t.app, w.s.coordinator, 'PUT', `/api/districts/${w.districtId}/threat-settings`, {
      protocol: 'cstag',
      leThreshold: 'Access to a weapon or a specific plan to harm',
      equityThreshold: 1.5,
      equityPublic: false,
    });
    expect(put.statusCode, put.body).toBe(200);
    const d = await ok('counselor', 'POST', url('/safety-evaluation'), body);
    expect(d.safetyEvaluation).toMatchObject({ lawEnforcement: true, lawEnforcementReason: 'A weapon at home' });
    expect(d.leThreshold).toBe('Access to a weapon or a specific plan to harm');
  });

  it('refuses a task owner outside the team and a due date before the case opened', async () => {
    await ok('counselor', 'POST', url('/safety-plan'), { plan: 'Daily check with counselor; bag search' });
    const task = (ownerId: string, dueOn: string) => ({ title: 'Meet weekly', ownerId, dueOn });
    await refused('counselor', 'POST', url('/tasks'), task(w.users.outsider.id, today()), 400, 'owner_not_on_team');
    await refused(
      'counselor',
      'POST',
      url('/tasks'),
      task(w.users.counselor.id, '2020-01-01'),
      400,
      'before_case_opened',
    );
    await refused(
      'counselor',
      'POST',
      url('/checkins'),
      { ownerId: w.users.admin.id, dueOn: today() },
      400,
      'owner_not_on_team',
    );
    const d = await ok('counselor', 'POST', url('/tasks'), task(w.users.counselor.id, '2099-01-01'));
    const taskId = d.tasks[0]!.id;
    const done = await ok('counselor', 'PATCH', url(`/tasks/${taskId}`), { status: 'done' });
    expect(done.tasks[0]).toMatchObject({ status: 'done', title: 'Meet weekly' });
    const c = await ok('counselor', 'POST', url('/checkins'), { ownerId: w.users.counselor.id, dueOn: today() });
    const k = await ok('counselor', 'POST', url(`/checkins/${c.checkins[0]!.id}/done`), { note: 'Calm, attending' });
    expect(k.checkins[0]).toMatchObject({ note: 'Calm, attending' });
    await refused(
      'counselor',
      'POST',
      url(`/checkins/${c.checkins[0]!.id}/done`),
      { note: 'again' },
      409,
      'already_done',
    );
    await refused(
      'counselor',
      'POST',
      url('/parent-contacts'),
      { contactedAt: '2020-01-01T00:00:00Z', method: 'phone' },
      400,
      'before_case_opened',
    );
    const p = await ok('principal', 'POST', url('/parent-contacts'), {
      contactedAt: minutesAgo(0),
      method: 'phone',
      note: 'Mother',
    });
    expect(p.stepsRequired).toEqual([]);
  });

  it('keeps law-enforcement-unit records to the SRO’s own marked notes', async () => {
    await ok('sro', 'POST', url('/notes'), { body: 'Investigative note', lawEnforcementPurpose: true });
    await ok('sro', 'POST', url('/notes'), { body: 'Team note' });
    const d = await ok('counselor', 'POST', url('/notes'), { body: 'Counselor marks it', lawEnforcementPurpose: true });
    expect(d.notes.map((n) => [n.body, n.recordClass])).toEqual([
      ['Investigative note', 'law_enforcement_unit'],
      ['Team note', 'education'],
      ['Counselor marks it', 'education'],
    ]);
  });

  it('closes only with two sign-offs including mental health, and no referral awaiting follow-up', async () => {
    const close = { outcome: 'support_only', summary: 'Plan completed' };
    await refused('counselor', 'POST', url('/close'), close, 409, 'signoffs_missing');
    await refused('coordinator', 'POST', url('/signoffs'), {}, 409, 'not_team_member');
    await ok('principal', 'POST', url('/signoffs'), {});
    await refused('counselor', 'POST', url('/close'), close, 409, 'signoffs_missing');
    await ok('counselor', 'POST', url('/signoffs'), {});
    const providerId = newId();
    const now = nowIso();
    await t.ctx.db
      .insertInto('supportProviders')
      .values({
        id: providerId,
        districtId: w.districtId,
        kind: 'community_provider',
        name: 'Bright Path Clinic',
        active: 1,
        languages: '["en"]',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const referralId = newId();
    await t.ctx.db
      .insertInto('supportReferrals')
      .values({
        id: referralId,
        districtId: w.districtId,
        schoolId: w.school,
        studentId: w.student,
        providerId,
        kind: 'community_provider',
        source: 'case',
        caseId: id,
        reasonSealed: 'x',
        status: 'made',
        madeAt: now,
        followUpDueOn: '2099-01-01',
        race: 'BL',
        sex: 'M',
        idea: 0,
        section504: 0,
        englishLearner: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const err = await refused('counselor', 'POST', url('/close'), close, 409, 'referral_awaits_follow_up');
    expect(err.params?.referralIds).toEqual([referralId]);
    expect(String(err.params?.referrals)).toContain('Bright Path Clinic');
    await t.ctx.db
      .updateTable('supportReferrals')
      .set({ status: 'first_contact' })
      .where('id', '=', referralId)
      .execute();
    const d = await ok('counselor', 'POST', url('/close'), close);
    expect(d).toMatchObject({ status: 'closed', outcome: 'support_only', closure: 'Plan completed', canWrite: false });
    expect(d.signoffs.map((s) => s.teamRole).sort()).toEqual(['administrator', 'mental_health']);
    await refused('counselor', 'POST', url('/notes'), { body: 'After closing' }, 409, 'case_closed');
    const kinds = (await auditEvents(t.ctx, w.districtId)).filter((e) => e.payload.caseId === id).map((e) => e.kind);
    expect(kinds).toContain('threat_case.closed');
    expect(kinds.filter((k) => k === 'threat_case.step').length).toBeGreaterThanOrEqual(12);
  });

  it('needs the IEP/504 check and a special-education member for a student with an IEP', async () => {
    const iep = (await reportCase(t.app, t.ctx, w, w.s.counselor, { studentId: w.iepStudent })).id;
    const u = (tail: string) => `/api/threat-cases/${iep}${tail}`;
    await ok('counselor', 'POST', u('/interviews'), {
      intervieweeKind: 'student',
      interviewee: 'S',
      interviewedAt: nowIso(),
      summary: 'S',
    });
    const cls = { classification: 'transient', rationale: 'Joke, resolved' };
    await refused('counselor', 'POST', u('/classification'), cls, 409, 'needs_iep_check');
    await ok('sped', 'POST', u('/iep-check'), { note: 'IEP reviewed, no change of placement' });
    await t.ctx.db.deleteFrom('threatTeamMembers').where('userId', '=', w.users.sped.id).execute();
    const err = await refused('counselor', 'POST', u('/classification'), cls, 409, 'team_missing_roles');
    expect(err.params?.roles).toEqual(['special_education']);
    await t.ctx.db
      .insertInto('threatTeamMembers')
      .values({
        teamId: w.teamId,
        userId: w.users.sped.id,
        districtId: w.districtId,
        teamRole: 'special_education',
        addedAt: nowIso(),
      })
      .execute();
    expect((await ok('counselor', 'POST', u('/classification'), cls)).severity).toBe('low');
    await refused(
      'counselor',
      'POST',
      u('/safety-evaluation'),
      { screening: 's', lawEnforcement: false },
      409,
      'not_very_serious',
    );
  });

  it('follows NTAC when the district chooses it: every theme answered before classifying', async () => {
    const put = await api(t.app, w.s.coordinator, 'PUT', `/api/districts/${w.districtId}/threat-settings`, {
      protocol: 'ntac',
      leThreshold: 'Access to a weapon',
      equityThreshold: 1.5,
      equityPublic: false,
    });
    expect(put.statusCode).toBe(200);
    const ntac = (await reportCase(t.app, t.ctx, w, w.s.counselor)).id;
    const u = (tail: string) => `/api/threat-cases/${ntac}${tail}`;
    await ok('counselor', 'POST', u('/interviews'), {
      intervieweeKind: 'witness',
      interviewee: 'W',
      interviewedAt: nowIso(),
      summary: 'S',
    });
    const cls = { classification: 'moderate_concern', rationale: 'Grievance, no plan' };
    const err = await refused('counselor', 'POST', u('/classification'), cls, 409, 'themes_unanswered');
    expect(err.params?.count).toBe(11);
    await refused('counselor', 'PUT', u('/themes/not_a_theme'), { finding: 'f' }, 400, 'unknown_theme');
    for (const theme of NTAC_THEMES) await ok('counselor', 'PUT', u(`/themes/${theme}`), { finding: `On ${theme}` });
    const d = await ok('counselor', 'POST', u('/classification'), cls);
    expect(d).toMatchObject({ protocol: 'ntac', severity: 'serious' });
    expect(d.themes).toHaveLength(11);
    // The CSTAG case opened before keeps its protocol; a theme there is refused.
    await refused('counselor', 'PUT', url('/themes/capacity'), { finding: 'f' }, 409, 'case_closed');
  });
});
