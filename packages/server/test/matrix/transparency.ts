import type { MatrixModule } from './types.js';

/**
 * The transparency report's staff routes (see policy-matrix.test.ts): publishing (district
 * administrator) and the publication status (administrator, auditor). An allowed publish answers
 * 200 with whatever figures the matrix world has; transparency-api.test.ts checks real ones. The
 * public report routes are in the matrix's public list.
 */
export const transparencyMatrix: MatrixModule = {
  specs: {
    'POST /api/districts/:id/transparency/publish': {
      action: 'transparency.publish',
      kind: 'item',
      targets: (w) => w.districtTargets,
      payload: () => ({}),
      success: 200,
    },
    'GET /api/districts/:id/transparency/status': {
      action: 'transparency.status',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
    // Issue 13: the release history and the years that can be published, beside the status.
    'GET /api/districts/:id/transparency/releases': {
      action: 'transparency.status',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
  },
};
