import { scopeOf } from '@forefront/contract';
import { buildOfficer, insertActivityRow } from '../activities.helpers.js';
import type { MatrixModule, Target, World } from './types.js';

/**
 * Officers' time (modules/activities). The matrix's SRO actor is linked to an officer in the own
 * district (an SRO logs only for themselves); other districts' officers have no account. A delete
 * cannot be repeated, so each DELETE target hands out a fresh entry of its pool at every request.
 */
const POOL = 40;
const DAY = '2026-01-06';

function poolTarget(label: string, resource: Target['resource'], pool: string[]): Target {
  const ids = {} as Record<string, string>;
  Object.defineProperty(ids, 'id', { enumerable: true, get: () => pool.shift() ?? 'exhausted-pool' });
  return { label, resource, ids };
}

export const activitiesMatrix: MatrixModule = {
  extend: async (_app, ctx, w: World) => {
    const sroUser = w.actors.sro.user;
    const own = await buildOfficer(ctx, w.dA.id, { userId: sroUser.id, schoolIds: [w.schools.a1] });
    const inB = await buildOfficer(ctx, w.dB.id, { schoolIds: [w.schools.b1] });
    const inC = await buildOfficer(ctx, w.dC.id, { schoolIds: [w.schools.c1] });
    const res = (d: { id: string; state: string }, school: string) => ({
      districtId: d.id,
      state: d.state,
      schoolIds: [school],
    });
    w.extra.activityOfficers = [
      {
        label: 'the SRO’s own entry at their school',
        resource: res(w.dA as never, w.schools.a1),
        ids: { officerId: own.id, school: w.schools.a1 },
      },
      {
        label: 'the SRO’s own entry at another school',
        resource: res(w.dA as never, w.schools.a2),
        ids: { officerId: own.id, school: w.schools.a2 },
      },
      {
        label: 'an officer of another district',
        resource: res(w.dB as never, w.schools.b1),
        ids: { officerId: inB.id, school: w.schools.b1 },
      },
      {
        label: 'an officer in another state',
        resource: res(w.dC as never, w.schools.c1),
        ids: { officerId: inC.id, school: w.schools.c1 },
      },
    ];
    const pool = async (districtId: string, officerId: string, schoolId: string) => {
      const ids: string[] = [];
      for (let i = 0; i < POOL; i++)
        ids.push(
          await insertActivityRow(ctx, {
            districtId,
            officerId,
            schoolId,
            activityOn: DAY,
            kind: 'patrol',
            minutes: 15,
            createdBy: sroUser.id,
          }),
        );
      return ids;
    };
    w.extra.activities = [
      poolTarget(
        'an SRO’s entry at their school',
        res(w.dA as never, w.schools.a1),
        await pool(w.dA.id, own.id, w.schools.a1),
      ),
      poolTarget(
        'an SRO’s entry at another school',
        res(w.dA as never, w.schools.a2),
        await pool(w.dA.id, own.id, w.schools.a2),
      ),
      poolTarget(
        'an entry of another district',
        res(w.dB as never, w.schools.b1),
        await pool(w.dB.id, inB.id, w.schools.b1),
      ),
      poolTarget(
        'an entry in another state',
        res(w.dC as never, w.schools.c1),
        await pool(w.dC.id, inC.id, w.schools.c1),
      ),
    ];
    // Kept for the lists: never withdrawn.
    await insertActivityRow(ctx, {
      districtId: w.dA.id,
      officerId: own.id,
      schoolId: w.schools.a1,
      activityOn: DAY,
      kind: 'mentoring',
      minutes: 60,
    });
    await insertActivityRow(ctx, {
      districtId: w.dA.id,
      officerId: own.id,
      schoolId: w.schools.a2,
      activityOn: DAY,
      kind: 'mentoring',
      minutes: 60,
    });
  },
  specs: {
    'POST /api/officers/:officerId/activities': {
      action: 'activity.write',
      kind: 'item',
      targets: (w) => w.extra.activityOfficers!,
      payload: (t) => ({ activityOn: '2026-01-05', kind: 'mentoring', hours: 0.25, schoolId: t?.ids.school }),
      success: 201,
    },
    'GET /api/districts/:id/activities': {
      action: 'activity.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor, w) => {
        if (item.districtId !== t!.resource.districtId) return false;
        if (scopeOf(actor.role, 'activity.list') !== 'school') return true;
        // An officer sees their own entries; a principal the entries in their schools.
        if (actor.role === 'sro') return item.officerId === w.extra.activityOfficers![0]!.ids.officerId;
        return actor.schoolIds.includes(item.schoolId as string);
      },
    },
    'GET /api/districts/:id/activities/summary': {
      action: 'activity.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      // Hours by kind: aggregates within what the reader may see (activities.test.ts checks the numbers).
      itemAllowed: (item) => typeof item.kind === 'string' && typeof item.hours === 'number',
    },
    'DELETE /api/activities/:id': {
      action: 'activity.write',
      kind: 'item',
      targets: (w) => w.extra.activities!,
      success: 200,
    },
  },
};
