import type { MatrixModule } from './types.js';

/** The dashboard's to-dos (modules/dashboard): anyone who may read the district; todos.test.ts checks each role's items. */
export const dashboardMatrix: MatrixModule = {
  specs: {
    'GET /api/districts/:id/todos': {
      action: 'district.read',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 200,
    },
  },
};
