import type { MatrixModule } from './types.js';

/**
 * The equity audit (modules/equity): aggregates over a whole district, read by the district's
 * readers of `equity.read` (district administrator, auditor, threat coordinator). It answers as
 * an item, the district, with `id` = the district's id; equity-audit.test.ts checks the figures.
 */
export const equityMatrix: MatrixModule = {
  specs: {
    'GET /api/districts/:id/equity': {
      action: 'equity.read',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
  },
};
