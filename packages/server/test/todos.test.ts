import { beforeAll, describe, expect, it } from 'vitest';
import { type IncidentDetail, type TodoList, schoolYearAt } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type IncidentWorld, buildIncidentWorld, buildSignedMou, incidentInput, req } from './incident.helpers.js';

/**
 * GET /api/districts/:id/todos: each role sees the to-dos it can act on, counted within what it may
 * see, and a new district's administrator sees the getting-started checklist tick itself off.
 */
describe(`dashboard to-dos on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let support: Session;
  let stateViewer: Session;
  let mouId: string;

  const todos = async (s: Session, districtId = w.district.id) => {
    const res = await req(t.app, s, 'GET', `/api/districts/${districtId}/todos`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TodoList>();
  };
  const kinds = (l: TodoList) => l.items.map((i) => i.kind).sort();
  const item = (l: TodoList, kind: string) => l.items.find((i) => i.kind === kind);
  const create = async (s: Session, schoolId: string, officerId: string | null) => {
    const res = await req(
      t.app,
      s,
      'POST',
      `/api/districts/${w.district.id}/incidents`,
      incidentInput(schoolId, officerId),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDetail>();
  };
  const submit = async (s: Session, id: string) => {
    const res = await req(t.app, s, 'POST', `/api/incidents/${id}/transition`, { to: 'submitted' });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    // The MOU in force: its review date is set below, to make the annual review due.
    const mou = await buildSignedMou(t.ctx, w.district.id, { createdBy: w.admin.id });
    mouId = mou.mouId;
    support = await signIn(
      t.app,
      await buildUser(t.ctx, { role: 'support_staff', districtId: w.district.id, schoolIds: [w.school] }),
    );
    stateViewer = await signIn(t.app, await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'VA' }));
  });

  it('shows nothing to do and a checklist with what is already there on a quiet district', async () => {
    const admin = await todos(w.sessions.admin);
    expect(admin.items).toEqual([]);
    // Schools, people and the signed MOU exist; no roster, nothing published yet.
    expect(admin.gettingStarted).toEqual([
      { step: 'schools', done: true },
      { step: 'people', done: true },
      { step: 'mou', done: true },
      { step: 'roster', done: false },
      { step: 'training', done: false },
      { step: 'publication', done: false },
    ]);
    // Only the district administrator sets the district up.
    for (const s of [w.sessions.principal, w.sessions.sro, w.sessions.auditor, support])
      expect((await todos(s)).gettingStarted).toBeNull();
  });

  it("counts incidents awaiting review and flags within each role's view", async () => {
    // An officer's incident at the first school, submitted: waiting for an administrator, and flagged
    // (the default incident has the officer take part in routine discipline).
    const mine = await create(w.sessions.sro, w.school, w.sro.id);
    expect(mine.flagCount).toBeGreaterThan(0);
    await submit(w.sessions.sro, mine.id);
    // Another at the other school, by the administrator: outside the principal's and officers' schools.
    const other = await create(w.sessions.admin, w.otherSchool, null);
    await submit(w.sessions.admin, other.id);
    // A draft with flags by the second officer: theirs to look at, not the first officer's.
    const draft = await create(w.sessions.otherSro, w.school, w.otherSro.id);
    expect(draft.flagCount).toBeGreaterThan(0);

    const admin = await todos(w.sessions.admin);
    expect(item(admin, 'incidents_to_review')?.count).toBe(2);
    expect(item(admin, 'flagged_incidents')?.count).toBe(2);
    const principal = await todos(w.sessions.principal);
    expect(item(principal, 'incidents_to_review')?.count).toBe(1);
    expect(kinds(principal)).toEqual(['flagged_incidents', 'incidents_to_review']);
    // Officers review nothing; each sees only the flags of the incidents they took part in.
    const sro = await todos(w.sessions.sro);
    expect(kinds(sro)).toEqual(['flagged_incidents']);
    expect(item(sro, 'flagged_incidents')?.count).toBe(1);
    expect(item(await todos(w.sessions.otherSro), 'flagged_incidents')?.count).toBe(1);
    // Support staff and the auditor have nothing of this to do.
    expect((await todos(support)).items).toEqual([]);
    expect(kinds(await todos(w.sessions.auditor))).toEqual([]);

    // Reviewed: no longer waiting.
    const reviewed = await req(t.app, w.sessions.admin, 'POST', `/api/incidents/${other.id}/transition`, {
      to: 'reviewed',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(item(await todos(w.sessions.admin), 'incidents_to_review')?.count).toBe(1);
  });

  it('lists pending invitations for the administrator and the auditor, not expired or revoked ones', async () => {
    const invite = await req(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/invitations`, {
      email: 'new.admin@example.test',
      displayName: 'New Admin',
      role: 'district_admin',
    });
    expect(invite.statusCode, invite.body).toBe(201);
    // An expired one does not count.
    await t.ctx.db
      .insertInto('invitations')
      .values({
        id: newId(),
        districtId: w.district.id,
        tokenHash: newId(),
        email: 'late@example.test',
        displayName: 'Late',
        role: 'district_admin',
        profession: null,
        schoolIds: '[]',
        accessExpiresAt: null,
        invitedBy: w.admin.id,
        expiresAt: '2000-01-01T00:00:00.000Z',
        acceptedAt: null,
        revokedAt: null,
        createdAt: nowIso(),
      })
      .execute();
    expect(item(await todos(w.sessions.admin), 'pending_invitations')?.count).toBe(1);
    expect(item(await todos(w.sessions.auditor), 'pending_invitations')?.count).toBe(1);
    expect(item(await todos(w.sessions.principal), 'pending_invitations')).toBeUndefined();
  });

  it('says when the MOU review is due or overdue, only to the administrator', async () => {
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await t.ctx.db.updateTable('mouVersions').set({ reviewDate: soon }).where('mouId', '=', mouId).execute();
    expect(item(await todos(w.sessions.admin), 'mou_review')).toMatchObject({
      mouId,
      title: 'SRO program MOU',
      dueDate: soon,
      overdue: false,
    });
    await t.ctx.db.updateTable('mouVersions').set({ reviewDate: '2020-06-01' }).where('mouId', '=', mouId).execute();
    expect(item(await todos(w.sessions.admin), 'mou_review')).toMatchObject({ overdue: true });
    expect(item(await todos(w.sessions.principal), 'mou_review')).toBeUndefined();
    expect(item(await todos(w.sessions.auditor), 'mou_review')).toBeUndefined();
  });

  it('asks to publish the school year that ended when it has figures and no report, until it is published', async () => {
    const d = await t.ctx.db
      .selectFrom('districts')
      .selectAll()
      .where('id', '=', w.district.id)
      .executeTakeFirstOrThrow();
    const current = schoolYearAt(new Date(), d);
    const start = Number(current.slice(0, 4)) - 1;
    const ended = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    // An incident in the school year that ended: the 15th of its second month.
    const occurredAt = new Date(Date.UTC(start, Number(d.schoolYearStart.slice(0, 2)) - 1 + 1, 15)).toISOString();
    const res = await req(
      t.app,
      w.sessions.admin,
      'POST',
      `/api/districts/${w.district.id}/incidents`,
      incidentInput(w.school, null, { occurredAt }),
    );
    expect(res.statusCode, res.body).toBe(201);
    // Drafts are not public figures: submitted, it counts.
    await submit(w.sessions.admin, res.json<IncidentDetail>().id);
    expect(item(await todos(w.sessions.admin), 'unpublished_year')).toMatchObject({ schoolYear: ended, count: 1 });
    expect(item(await todos(w.sessions.auditor), 'unpublished_year')).toBeUndefined();

    const pub = await req(t.app, w.sessions.admin, 'POST', `/api/districts/${w.district.id}/transparency/publish`, {
      year: ended,
    });
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    const after = await todos(w.sessions.admin);
    expect(item(after, 'unpublished_year')).toBeUndefined();
    expect(after.gettingStarted?.find((s) => s.step === 'publication')?.done).toBe(true);
  });

  it('counts failed imports the person may see until they are run again', async () => {
    const at = nowIso();
    const job = (kind: string, status: 'failed' | 'done', rerunOf: string | null = null) => ({
      id: newId(),
      kind,
      districtId: w.district.id,
      requestedBy: w.admin.id,
      status,
      percent: 0,
      cancelRequested: 0,
      rerunOf,
      errorCode: status === 'failed' ? 'job_interrupted' : null,
      createdAt: at,
      updatedAt: at,
    });
    const failed = job('incident.import', 'failed');
    const rerun = job('student.import', 'failed');
    await t.ctx.db
      .insertInto('jobs')
      .values([
        failed,
        rerun,
        job('student.import', 'done', rerun.id),
        // An import that ended refusing its file (a wrong value: nothing imported) waits too.
        { ...job('incident.import', 'done'), result: JSON.stringify({ accepted: false, errorCount: 2 }) },
        { ...job('incident.import', 'done'), result: JSON.stringify({ accepted: true, errorCount: 0 }) },
        // An export that failed is not an import.
        job('crdc.export', 'failed'),
        // A month and more ago: no longer a to-do.
        { ...job('incident.import', 'failed'), createdAt: '2020-01-01T00:00:00.000Z' },
      ])
      .execute();
    expect(item(await todos(w.sessions.admin), 'failed_imports')?.count).toBe(2);
    // The auditor sees export jobs only: no failed import is theirs to see.
    expect(item(await todos(w.sessions.auditor), 'failed_imports')).toBeUndefined();
  });

  it('answers 404 for another district and an empty list to a state viewer of its state', async () => {
    const other = await buildDistrict(t.ctx, { state: 'MD' });
    expectError(await req(t.app, w.sessions.admin, 'GET', `/api/districts/${other.id}/todos`), 404, 'not_found');
    expect(await todos(stateViewer)).toEqual({ id: w.district.id, items: [], gettingStarted: null });
    expectError(await req(t.app, stateViewer, 'GET', `/api/districts/${other.id}/todos`), 404, 'not_found');
    expectError(await req(t.app, null, 'GET', `/api/districts/${w.district.id}/todos`), 401, 'unauthorized');
  });

  it("shows a new district's administrator an unticked checklist", async () => {
    const fresh = await buildDistrict(t.ctx, { state: 'VA' });
    const admin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: fresh.id }));
    const l = await todos(admin, fresh.id);
    expect(l.items).toEqual([]);
    expect(l.gettingStarted?.every((s) => !s.done)).toBe(true);
    expect(l.gettingStarted?.map((s) => s.step)).toEqual([
      'schools',
      'people',
      'mou',
      'roster',
      'training',
      'publication',
    ]);
  });
});
