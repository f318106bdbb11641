import { ROLES, scopeOf } from '@forefront/contract';
import { newId } from '../../src/shared/ids.js';
import { buildSchool, buildUser } from '../builders.js';
import type { Item, MatrixModule, Target, World } from './types.js';
import { matrixCtx, poolTarget, threatTeams } from './threat-world.js';

/**
 * Threat assessment settings and teams (modules/threats). Creating a team takes a fresh school of
 * the district at every request (one team per school); setting members uses a team of its own in
 * each district, so the teams the case matrix relies on keep theirs.
 */
const teamTargets: Target[] = [];
const createTargets: Target[] = [];

export const threatTeamsMatrix: MatrixModule = {
  extend: async (_app, ctx, w: World) => {
    await threatTeams(ctx, w);
    const now = new Date().toISOString();
    for (const d of w.districtTargets) {
      const districtId = d.resource.districtId;
      // Schools of the district without a team (other modules' spare schools first): every school
      // added here is one more school in the transparency report the matrix publishes.
      const free = await ctx.db
        .selectFrom('schools')
        .select('id')
        .where('districtId', '=', districtId)
        .where('id', 'not in', (eb) =>
          eb.selectFrom('threatTeams').select('schoolId').where('schoolId', 'is not', null),
        )
        .orderBy('id')
        .execute();
      const spare = free.map((r) => r.id);
      // Every role's request takes one (allowed or not), plus the request without a session.
      const needed = districtId === w.dA.id ? ROLES.length + 3 : 3;
      while (spare.length < needed) spare.push((await buildSchool(ctx, districtId)).id);
      createTargets.push(poolTarget(d.label, d.resource, { id: districtId }, { school: spare }));
      // The district's own team (no school) is the one whose members the matrix sets.
      const teamId = newId();
      await ctx.db
        .insertInto('threatTeams')
        .values({ id: teamId, districtId, schoolId: null, name: 'District team', createdAt: now, updatedAt: now })
        .execute();
      const member = await buildUser(ctx, { role: 'support_staff', districtId });
      teamTargets.push({ label: `a team of ${d.label}`, resource: d.resource, ids: { id: teamId, member: member.id } });
    }
  },
  specs: {
    'GET /api/districts/:id/threat-settings': {
      action: 'threat.settings',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
    'PUT /api/districts/:id/threat-settings': {
      action: 'threat.settings',
      kind: 'item',
      targets: (w) => w.districtTargets,
      payload: () => ({
        protocol: 'cstag',
        leThreshold: 'Matrix threshold',
        equityThreshold: 1.5,
        equityPublic: false,
      }),
      success: 200,
    },
    'GET /api/districts/:id/threat-teams': {
      action: 'team.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item: Item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (scopeOf(actor.role, 'team.list') !== 'school' ||
          item.schoolId === null ||
          actor.schoolIds.includes(item.schoolId as string)),
    },
    'POST /api/districts/:id/threat-teams': {
      action: 'team.write',
      kind: 'item',
      targets: () => createTargets,
      payload: (t) => ({ schoolId: t?.ids.school, name: 'Matrix team' }),
      success: 201,
    },
    'GET /api/districts/:id/threat-teams/candidates': {
      action: 'team.write',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: async (item: Item, t) => {
        const u = await matrixCtx!.db
          .selectFrom('users')
          .select(['districtId', 'role', 'disabled'])
          .where('id', '=', String(item.id))
          .executeTakeFirst();
        return u?.districtId === t!.resource.districtId && u.role !== 'auditor' && Number(u.disabled) === 0;
      },
    },
    'PUT /api/threat-teams/:id/members': {
      action: 'team.write',
      kind: 'item',
      targets: () => teamTargets,
      payload: (t) => ({ members: [{ userId: t?.ids.member, teamRole: 'mental_health' }] }),
      success: 200,
    },
  },
};
