import { scopeOf } from '@forefront/contract';
import { addOfficer } from '../training-compliance.helpers.js';
import { officerDistrict, servesActorSchool, useMatrixDb } from './officer-scope.js';
import type { MatrixModule, Target } from './types.js';

/**
 * The compliance routes (modules/training/compliance.*): an officer assigned to each school of the
 * world; a school administrator sees the officers of their own schools only.
 */
let officerTargets: Target[] = [];

export const complianceMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    useMatrixDb(ctx);
    officerTargets = [];
    for (const t of w.schoolTargets) {
      const schoolId = t.ids.id!;
      const districtId = t.resource.districtId;
      const id = await addOfficer(ctx, districtId, {
        name: `Matrix Officer ${t.label}`,
        schoolId,
        since: '2020-08-01',
      });
      officerTargets.push({ label: `officer at ${t.label}`, resource: { ...t.resource }, ids: { officerId: id } });
    }
  },
  specs: {
    'GET /api/districts/:id/training/compliance': {
      action: 'compliance.read',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: async (item, t, actor) =>
        (await officerDistrict(item.officerId)) === t!.resource.districtId &&
        (scopeOf(actor.role, 'compliance.read') !== 'school' ||
          (await servesActorSchool(item.officerId, actor.schoolIds))),
    },
    'GET /api/officers/:officerId/compliance': {
      action: 'compliance.read',
      kind: 'item',
      targets: () => officerTargets,
      success: 200,
    },
  },
};
