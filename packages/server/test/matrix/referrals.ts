import { scopeOf } from '@forefront/contract';
import { insertProvider, insertReferral } from '../referrals.helpers.js';
import type { MatrixModule, Target } from './types.js';

/**
 * Referrals to support services and the provider directory (modules/referrals). Referrals are
 * school-scoped through their student's school: one referral and one "make a referral" target per
 * student of the students module (one in each of the world's schools). A status move cannot be
 * repeated, so each status target hands out a fresh referral of its pool at every request.
 */
const POOL = 30;

function poolTarget(label: string, resource: Target['resource'], pool: string[]): Target {
  const ids = {} as Record<string, string>;
  Object.defineProperty(ids, 'id', { enumerable: true, get: () => pool.shift() ?? 'exhausted-pool' });
  return { label, resource, ids };
}

export const referralsMatrix: MatrixModule = {
  extend: async (_app, ctx, w) => {
    const students = w.extra.students!;
    w.extra.referralStudents = students.map((s) => ({
      label: `a referral of a ${s.label}`,
      resource: s.resource,
      ids: { id: s.resource.districtId, student: s.ids.id!, school: s.resource.schoolIds![0]! },
    }));
    w.extra.providers = [];
    for (const d of w.districtTargets) {
      const id = await insertProvider(ctx, d.resource.districtId, { name: `Matrix provider (${d.label})` });
      w.extra.providers.push({ label: `a provider of ${d.label}`, resource: d.resource, ids: { id } });
    }
    w.extra.referrals = [];
    w.extra.referralPools = [];
    for (const t of w.extra.referralStudents) {
      const at = { districtId: t.ids.id!, schoolId: t.ids.school!, studentId: t.ids.student! };
      w.extra.referrals.push({ label: t.label, resource: t.resource, ids: { id: await insertReferral(ctx, at) } });
      const pool: string[] = [];
      for (let i = 0; i < POOL; i++) pool.push(await insertReferral(ctx, at));
      w.extra.referralPools.push(poolTarget(`${t.label} (moved on)`, t.resource, pool));
    }
  },
  specs: {
    'GET /api/districts/:id/providers': {
      action: 'provider.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t) => item.districtId === t!.resource.districtId,
    },
    'POST /api/districts/:id/providers': {
      action: 'provider.write',
      kind: 'item',
      targets: (w) => w.districtTargets,
      payload: () => ({ kind: 'social_worker', name: 'Matrix social worker' }),
      success: 201,
    },
    'PATCH /api/providers/:id': {
      action: 'provider.write',
      kind: 'item',
      targets: (w) => w.extra.providers!,
      payload: () => ({ kind: 'counselor', name: 'Renamed provider' }),
      success: 200,
    },
    'GET /api/districts/:id/referrals': {
      action: 'referral.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (scopeOf(actor.role, 'referral.list') !== 'school' || actor.schoolIds.includes(item.schoolId as string)),
    },
    'POST /api/districts/:id/referrals': {
      action: 'referral.write',
      kind: 'item',
      targets: (w) => w.extra.referralStudents!,
      payload: (t) => ({
        studentId: t?.ids.student,
        schoolId: t?.ids.school,
        kind: 'counselor',
        reason: 'Matrix reason',
        followUpDueOn: '2099-01-01',
      }),
      success: 201,
    },
    'GET /api/districts/:id/referral-students': {
      action: 'referral.write',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t, actor) =>
        item.districtId === t!.resource.districtId &&
        (scopeOf(actor.role, 'referral.write') !== 'school' || actor.schoolIds.includes(item.schoolId as string)),
    },
    'GET /api/referrals/:id': {
      action: 'referral.read',
      kind: 'item',
      targets: (w) => w.extra.referrals!,
      success: 200,
    },
    'POST /api/referrals/:id/status': {
      action: 'referral.write',
      kind: 'item',
      targets: (w) => w.extra.referralPools!,
      payload: () => ({ status: 'accepted', version: 1 }),
      success: 200,
    },
  },
};
