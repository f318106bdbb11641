import type { MatrixModule } from './types.js';

/** Request builders for the exports module's routes (see policy-matrix.test.ts). */
export const exportsMatrix: MatrixModule = { specs: {} };
