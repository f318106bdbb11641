import { beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '@forefront/contract';
import { DEFAULT_EQUITY_THRESHOLD } from '@forefront/contract';
import { auditEvents, expectError } from './auth.helpers.js';
import { buildDistrict, buildSchool, buildUser } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ThreatWorld, api, buildThreatWorld } from './threat.helpers.js';

/** Issue 15 item 1: the district's threat assessment settings and its teams. */
describe(`threat assessment settings and teams on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  const teams = () => `/api/districts/${w.districtId}/threat-teams`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildThreatWorld(t.app, t.ctx);
  });

  it('answers the defaults before anything is set: CSTAG, no law-enforcement threshold yet', async () => {
    const res = await api(t.app, w.s.coordinator, 'GET', `/api/districts/${w.districtId}/threat-settings`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: w.districtId,
      districtId: w.districtId,
      protocol: 'cstag',
      leThreshold: '',
      equityThreshold: DEFAULT_EQUITY_THRESHOLD,
      equityPublic: false,
      updatedAt: null,
    });
  });

  it('saves the settings, audits which changed, and refuses an empty threshold', async () => {
    const path = `/api/districts/${w.districtId}/threat-settings`;
    const bad = await api(t.app, w.s.admin, 'PUT', path, {
      protocol: 'ntac',
      leThreshold: ' ',
      equityThreshold: 2,
      equityPublic: true,
    });
    expectError(bad, 400, 'invalid_request');
    const input = { protocol: 'ntac', leThreshold: 'A weapon or a plan', equityThreshold: 2, equityPublic: true };
    const res = await api(t.app, w.s.admin, 'PUT', path, input);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(input);
    const again = await api(t.app, w.s.admin, 'PUT', path, { ...input, protocol: 'cstag' });
    expect(again.json()).toMatchObject({ protocol: 'cstag', leThreshold: 'A weapon or a plan' });
    const events = (await auditEvents(t.ctx, w.districtId)).filter((e) => e.kind === 'threat_settings.updated');
    expect(events.map((e) => e.payload.fields)).toEqual([
      ['protocol', 'leThreshold', 'equityThreshold', 'equityPublic'],
      ['protocol'],
    ]);
    expectError(await api(t.app, w.s.principal, 'GET', path), 403, 'forbidden');
  });

  it('creates a district team once; a second team for the same school or district is a conflict', async () => {
    const res = await api(t.app, w.s.coordinator, 'POST', teams(), { schoolId: null, name: 'District team' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Team>()).toMatchObject({ schoolId: null, members: [], openCases: 0 });
    expect(res.json<Team>().missingRoles).toEqual(['administrator', 'mental_health', 'law_enforcement']);
    const twice = await api(t.app, w.s.coordinator, 'POST', teams(), { schoolId: null, name: 'Another' });
    expect((expectError(twice, 409, 'conflict') as { params?: unknown }).params).toMatchObject({
      reason: 'team_exists',
    });
    const school = await api(t.app, w.s.coordinator, 'POST', teams(), { schoolId: w.school, name: 'Second' });
    expect((expectError(school, 409, 'conflict') as { params?: unknown }).params).toMatchObject({
      reason: 'team_exists',
    });
    const foreign = await buildSchool(t.ctx, (await buildDistrict(t.ctx)).id);
    const other = await api(t.app, w.s.coordinator, 'POST', teams(), { schoolId: foreign.id, name: 'Foreign' });
    expectError(other, 400, 'invalid_request');
  });

  it('sets members among active staff of the district only, and says which roles are missing', async () => {
    const team = (await api(t.app, w.s.admin, 'GET', teams()))
      .json<{ items: Team[] }>()
      .items.find((x) => !x.schoolId)!;
    const path = `/api/threat-teams/${team.id}/members`;
    const disabled = await buildUser(t.ctx, { role: 'support_staff', districtId: w.districtId, disabled: true });
    const foreign = await buildUser(t.ctx, { role: 'support_staff', districtId: (await buildDistrict(t.ctx)).id });
    for (const userId of [w.users.auditor.id, disabled.id, foreign.id]) {
      const res = await api(t.app, w.s.coordinator, 'PUT', path, { members: [{ userId, teamRole: 'other' }] });
      const err = expectError(res, 400, 'invalid_request') as unknown as { issues: { code: string }[] };
      expect(err.issues.map((i) => i.code)).toEqual(['not_team_candidate']);
    }
    const twice = await api(t.app, w.s.coordinator, 'PUT', path, {
      members: [
        { userId: w.users.admin.id, teamRole: 'administrator' },
        { userId: w.users.admin.id, teamRole: 'other' },
      ],
    });
    expectError(twice, 400, 'invalid_request');
    const res = await api(t.app, w.s.coordinator, 'PUT', path, {
      members: [
        { userId: w.users.admin.id, teamRole: 'administrator' },
        { userId: w.users.counselor.id, teamRole: 'mental_health' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Team>();
    expect(body.members.map((m) => [m.userId, m.teamRole]).sort()).toEqual(
      [
        [w.users.admin.id, 'administrator'],
        [w.users.counselor.id, 'mental_health'],
      ].sort(),
    );
    expect(body.missingRoles).toEqual(['law_enforcement']);
    const rows = await t.ctx.db
      .selectFrom('threatTeamMembers')
      .select('userId')
      .where('teamId', '=', team.id)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('narrows the list to the actor’s schools plus the district team; candidates leave out auditors', async () => {
    const other = await api(t.app, w.s.coordinator, 'POST', teams(), {
      schoolId: w.otherSchool,
      name: 'Other school team',
    });
    expect(other.statusCode).toBe(201);
    const mine = (await api(t.app, w.s.principal, 'GET', teams())).json<{ items: Team[] }>().items;
    expect(mine.map((x) => x.schoolId).sort()).toEqual([null, w.school].sort());
    const all = (await api(t.app, w.s.admin, 'GET', teams())).json<{ items: Team[] }>().items;
    expect(all).toHaveLength(3);
    const cands = await api(t.app, w.s.coordinator, 'GET', `${teams()}/candidates`);
    const ids = cands.json<{ items: { id: string }[] }>().items.map((c) => c.id);
    expect(ids).toContain(w.users.sro.id);
    expect(ids).not.toContain(w.users.auditor.id);
    expectError(await api(t.app, w.s.principal, 'GET', `${teams()}/candidates`), 403, 'forbidden');
  });
});
