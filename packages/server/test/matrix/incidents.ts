import type { MatrixModule } from './types.js';

/** Request builders for the incidents module's routes (see policy-matrix.test.ts). */
export const incidentsMatrix: MatrixModule = { specs: {} };
