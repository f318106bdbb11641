import { addDays, localDate } from '@forefront/contract';
import { nowIso } from '../../src/db/database.js';
import { newId } from '../../src/shared/ids.js';
import type { AppContext } from '../../src/shared/context.js';
import { buildSchool } from '../builders.js';
import { servesActorSchool, useMatrixDb } from './officer-scope.js';
import type { MatrixModule, Target, World } from './types.js';

/**
 * Request builders for the roster, assignment and exception routes (see policy-matrix.test.ts). An
 * officer serves each of the world's schools (a principal of a1 may see only a1's); each has an
 * exception to revoke and an assignment to end far in the future (so it still serves today).
 * Assigning is done by two roles per target: each call (allowed or not) takes a fresh school of the district.
 */
const spareSchools = new Map<string, string[]>();
let badge = 0;

async function officerAt(ctx: AppContext, districtId: string, schoolId: string, label: string) {
  const now = nowIso();
  const id = newId();
  await ctx.db
    .insertInto('officers')
    .values({
      id,
      districtId,
      userId: null,
      name: `Matrix Officer ${label}`,
      agency: 'Matrix PD',
      badgeNumber: `MX-${label}-${id.slice(0, 8)}`,
      email: null,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const assignmentId = newId();
  await ctx.db
    .insertInto('officerAssignments')
    .values({
      id: assignmentId,
      districtId,
      officerId: id,
      schoolId,
      startsOn: '2020-01-01',
      endsOn: null,
      gate: 'off',
      exceptionId: null,
      createdBy: null,
      createdAt: now,
    })
    .execute();
  const approver = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('districtId', '=', districtId)
    .executeTakeFirstOrThrow();
  const exceptionId = newId();
  await ctx.db
    .insertInto('assignmentExceptions')
    .values({
      id: exceptionId,
      districtId,
      officerId: id,
      schoolId: null,
      reason: 'Matrix exception',
      approvedBy: approver.id,
      expiresOn: '2099-01-01',
      createdAt: now,
      revokedAt: null,
      revokedBy: null,
    })
    .execute();
  return { id, assignmentId, exceptionId };
}

const nextSchool = (t: Target | null) => {
  const list = spareSchools.get(t!.resource.districtId) ?? [];
  return list.shift() ?? 'no-spare-school';
};
const inFuture = () => addDays(localDate(new Date(), 'UTC'), 30);
export const officersMatrix: MatrixModule = {
  async extend(_app, ctx, w: World) {
    useMatrixDb(ctx);
    const targets: Target[] = [];
    for (const [label, schoolId] of Object.entries(w.schools)) {
      const school = await ctx.db
        .selectFrom('schools')
        .select('districtId')
        .where('id', '=', schoolId)
        .executeTakeFirstOrThrow();
      const district = w.districtTargets.find((d) => d.resource.districtId === school.districtId)!;
      const o = await officerAt(ctx, school.districtId, schoolId, label);
      targets.push({
        label: `officer serving ${label}`,
        resource: { ...district.resource, schoolIds: [schoolId] },
        ids: { id: o.id, assignmentId: o.assignmentId, exceptionId: o.exceptionId },
      });
      if (!spareSchools.has(school.districtId)) {
        const spare: string[] = [];
        for (let i = 0; i < 40; i++) spare.push((await buildSchool(ctx, school.districtId)).id);
        spareSchools.set(school.districtId, spare);
      }
    }
    w.extra.officers = targets;
    w.extra.assignments = targets.map((t) => ({ ...t, ids: { id: t.ids.assignmentId! } }));
    w.extra.exceptions = targets.map((t) => ({ ...t, ids: { id: t.ids.exceptionId! } }));
  },
  specs: {
    'GET /api/districts/:id/officers': {
      action: 'officer.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: async (item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (actor.role !== 'school_admin' || (await servesActorSchool(item.id, actor.schoolIds))),
    },
    'POST /api/districts/:id/officers': {
      action: 'officer.write',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 201,
      payload: () => ({ name: 'Matrix New Officer', agency: 'Matrix Sheriff', badgeNumber: `NEW-${++badge}` }),
    },
    'GET /api/districts/:id/officers/linkable-accounts': {
      action: 'officer.write',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
    'GET /api/officers/:id': { action: 'officer.read', kind: 'item', targets: (w) => w.extra.officers!, success: 200 },
    'PATCH /api/officers/:id': {
      action: 'officer.write',
      kind: 'item',
      targets: (w) => w.extra.officers!,
      success: 200,
      payload: () => ({ email: 'officer@matrix-pd.example' }),
    },
    'POST /api/officers/:id/assignments': {
      action: 'officer.assign',
      kind: 'item',
      targets: (w) => w.extra.officers!,
      success: 201,
      payload: (t) => ({ schoolId: nextSchool(t), startsOn: '2026-01-05', confirmWarning: true }),
    },
    'POST /api/assignments/:id/end': {
      action: 'officer.assign',
      kind: 'item',
      targets: (w) => w.extra.assignments!,
      success: 200,
      payload: () => ({ endsOn: '2099-06-30' }),
    },
    'POST /api/officers/:id/exceptions': {
      action: 'assignment.exception',
      kind: 'item',
      targets: (w) => w.extra.officers!,
      success: 201,
      payload: () => ({ schoolId: null, reason: 'Matrix coverage', expiresOn: inFuture() }),
    },
    'POST /api/exceptions/:id/revoke': {
      action: 'assignment.exception',
      kind: 'item',
      targets: (w) => w.extra.exceptions!,
      success: 200,
    },
    'GET /api/districts/:id/assignment-exceptions': {
      action: 'officer.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor) =>
        actor.role !== 'school_admin' || servesActorSchool(item.officerId, actor.schoolIds),
    },
  },
};
