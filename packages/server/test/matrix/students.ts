import type { MatrixModule } from './types.js';

/** Request builders for the students module's routes (see policy-matrix.test.ts). */
export const studentsMatrix: MatrixModule = { specs: {} };
