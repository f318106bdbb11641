import type { MatrixModule } from './types.js';

/** Request builders for the mous module's routes (see policy-matrix.test.ts). */
export const mousMatrix: MatrixModule = { specs: {} };
