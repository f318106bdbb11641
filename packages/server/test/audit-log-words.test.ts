import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPerson } from '@forefront/contract';
import { appendAudit } from '../src/modules/audit/audit.service.js';
import { newId } from '../src/shared/ids.js';
import { buildDistrict, buildSchool, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type IncidentWorld, buildIncidentWorld, buildStudent, incidentInput, req } from './incident.helpers.js';

/**
 * Issue 13: the audit log reads like the field. Each entry carries its actor's name (people of the
 * district only) and words for the ids its payload names; the "by person" filter lists the
 * district's people. Nothing from another district is ever named.
 */
describe(`the audit log in words on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: IncidentWorld;
  let incident: { id: string; number: string };
  let student: { id: string; name: string };
  const names = new Map<string, string>();

  type Page = { items: AuditEntry[]; total: number };
  const log = async (query = '') => {
    const res = await req(t.app, w.sessions.auditor, 'GET', `/api/districts/${w.district.id}/audit?limit=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildIncidentWorld(t.app, t.ctx);
    // Names set here, by hand, so the expected words do not come from the code under test.
    for (const [user, name] of [
      [w.admin, 'Maria Lopez'],
      [w.auditor, 'Ann Auditor'],
      [w.principal, 'Pat Principal'],
    ] as const) {
      await t.ctx.db.updateTable('users').set({ displayName: name }).where('id', '=', user.id).execute();
      names.set(user.id, name);
    }
    const s = await buildStudent(t.ctx, w.district.id, w.school);
    await t.ctx.db
      .updateTable('students')
      .set({ givenName: 'Rosa', familyName: 'Diaz', localId: 'L-1234' })
      .where('id', '=', s.id)
      .execute();
    student = { id: s.id, name: 'Rosa Diaz (L-1234)' };

    const created = await req(
      t.app,
      w.sessions.admin,
      'POST',
      `/api/districts/${w.district.id}/incidents`,
      incidentInput(w.school, null),
    );
    expect(created.statusCode, created.body).toBe(201);
    incident = created.json<{ id: string; number: string }>();
    expect((await req(t.app, w.sessions.admin, 'GET', `/api/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await req(t.app, w.sessions.admin, 'GET', `/api/students/${student.id}`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('names the actor and the incident and student each event is about', async () => {
    const { items } = await log();
    const viewed = items.find((e) => e.kind === 'incident.viewed' && e.actorId === w.admin.id);
    expect(viewed).toMatchObject({
      actorName: 'Maria Lopez',
      actorRole: 'district_admin',
      payload: { incidentId: incident.id },
      labels: { incidentId: incident.number },
    });
    expect(incident.number).toMatch(/^INC-\d{4}-\d{6}$/);
    const created = items.find((e) => e.kind === 'incident.created');
    const school = await t.ctx.db.selectFrom('schools').select('name').where('id', '=', w.school).executeTakeFirst();
    expect(created?.labels).toEqual({ incidentId: incident.number, schoolId: school!.name });
    const studentViewed = items.find((e) => e.kind === 'student.viewed');
    expect(studentViewed).toMatchObject({ actorName: 'Maria Lopez', labels: { studentId: student.name } });
    // The payload itself still names ids only: the chain stays free of names.
    expect(JSON.stringify(studentViewed!.payload)).not.toContain('Rosa');
  });

  it('filters by person and by kind, each alone and together', async () => {
    const byAdmin = await log(`&actorId=${w.admin.id}`);
    expect(byAdmin.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byAdmin.items.map((e) => e.actorName))).toEqual(new Set(['Maria Lopez']));
    expect(byAdmin.total).toBe(byAdmin.items.length);

    const viewed = await log('&kind=incident.viewed');
    expect(viewed.items.map((e) => e.kind)).toEqual(viewed.items.map(() => 'incident.viewed'));
    expect(viewed.items.map((e) => e.labels.incidentId)).toContain(incident.number);

    const auditorViews = await log(`&actorId=${w.auditor.id}&kind=audit.viewed`);
    expect(auditorViews.items.length).toBeGreaterThanOrEqual(3); // the reads above were recorded
    for (const e of auditorViews.items) expect([e.kind, e.actorName]).toEqual(['audit.viewed', 'Ann Auditor']);
    const none = await log(`&actorId=${w.principal.id}&kind=incident.viewed`);
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('answers bad filters with 400 and a code, never a 500', async () => {
    for (const [q, path] of [
      ['kind=no.such_kind', 'querystring.kind'],
      ['from=yesterday', 'querystring.from'],
    ]) {
      const res = await req(t.app, w.sessions.auditor, 'GET', `/api/districts/${w.district.id}/audit?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      const { error } = res.json<{ error: { code: string; issues: { path: string }[] } }>();
      expect([error.code, error.issues.map((i) => i.path)], q).toEqual(['invalid_request', [path]]);
    }
  });

  it("lists the district's people for the filter, with names and roles, and no one else's", async () => {
    const other = await buildDistrict(t.ctx);
    const stranger = await buildUser(t.ctx, { role: 'district_admin', districtId: other.id });
    const res = await req(t.app, w.sessions.auditor, 'GET', `/api/districts/${w.district.id}/audit/people`);
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json<{ items: AuditPerson[] }>().items;
    expect(people.map((p) => p.id).sort()).toEqual(
      [w.admin, w.principal, w.sro, w.otherSro, w.auditor].map((u) => u.id).sort(),
    );
    expect(people.find((p) => p.id === w.admin.id)).toEqual({
      id: w.admin.id,
      name: 'Maria Lopez',
      role: 'district_admin',
      disabled: false,
    });
    expect(people.map((p) => p.id)).not.toContain(stranger.id);
    // Sorted by name, as a person scanning the list expects.
    const sorted = [...people].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(people.map((p) => p.name)).toEqual(sorted.map((p) => p.name));

    // Another district's administrator cannot list them (404, as for a district that does not exist),
    // and a principal may not read the log at all.
    const outsider = await signIn(t.app, stranger);
    expect((await req(t.app, outsider, 'GET', `/api/districts/${w.district.id}/audit/people`)).statusCode).toBe(404);
    expect(
      (await req(t.app, w.sessions.principal, 'GET', `/api/districts/${w.district.id}/audit/people`)).statusCode,
    ).toBe(403);
  });

  it('names nothing from another district, even when an entry carries its ids', async () => {
    const other = await buildDistrict(t.ctx, { name: 'Elsewhere District' });
    const otherSchool = await buildSchool(t.ctx, other.id, { name: 'Elsewhere High' });
    const stranger = await buildUser(t.ctx, { role: 'district_admin', districtId: other.id });
    await t.ctx.db.updateTable('users').set({ displayName: 'Secret Stranger' }).where('id', '=', stranger.id).execute();
    const otherStudent = await buildStudent(t.ctx, other.id, otherSchool.id);
    const otherIncident = await req(
      t.app,
      await signIn(t.app, stranger),
      'POST',
      `/api/districts/${other.id}/incidents`,
      incidentInput(otherSchool.id, null),
    );
    expect(otherIncident.statusCode, otherIncident.body).toBe(201);
    const otherIncidentId = otherIncident.json<{ id: string }>().id;
    // Written straight onto this district's chain: the reader must still learn no foreign word.
    await t.ctx.db.transaction().execute(async (trx) => {
      const ctx = {
        dialect: t.ctx.dialect,
        actor: { userId: stranger.id, role: 'district_admin' as const },
        districtId: w.district.id,
      };
      await appendAudit(trx, ctx, { kind: 'incident.viewed', incidentId: otherIncidentId });
      await appendAudit(trx, ctx, { kind: 'student.viewed', studentId: otherStudent.id });
      await appendAudit(trx, ctx, { kind: 'school.updated', schoolId: otherSchool.id, fields: ['name'] });
      await appendAudit(trx, ctx, { kind: 'user.password_changed', userId: stranger.id });
      await appendAudit(trx, ctx, { kind: 'district.updated', districtId: other.id, fields: ['name'] });
      await appendAudit(trx, ctx, { kind: 'mou.created', mouId: newId() });
    });
    const { items } = await log(`&actorId=${stranger.id}`);
    expect(items).toHaveLength(6);
    for (const e of items) {
      expect(e.actorName, e.kind).toBeNull();
      expect(e.labels, e.kind).toEqual({});
    }
    const body = JSON.stringify(items);
    for (const word of ['Secret Stranger', 'Elsewhere', 'Student ']) expect(body).not.toContain(word);
  });

  // Last: it breaks this district's chain on purpose.
  it('says what kind of break verification found, as a code a page can put in words', async () => {
    const url = `/api/districts/${w.district.id}/audit/verify`;
    expect((await req(t.app, w.sessions.auditor, 'POST', url)).json()).toMatchObject({ ok: true, firstBroken: null });
    const victim = (await log('&kind=incident.viewed')).items.at(-1)!;
    await t.ctx.db
      .updateTable('auditEvents')
      .set({ payload: JSON.stringify({ incidentId: newId() }) })
      .where('chain', '=', w.district.id)
      .where('seq', '=', victim.seq)
      .execute();
    const res = await req(t.app, w.sessions.auditor, 'POST', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: false,
      firstBroken: { chain: w.district.id, seq: victim.seq, code: 'content_edited' },
    });
  });
});
