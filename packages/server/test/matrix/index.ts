import { complianceMatrix } from './compliance.js';
import { dashboardMatrix } from './dashboard.js';
import { exportsMatrix } from './exports.js';
import { incidentsMatrix } from './incidents.js';
import { jobsMatrix } from './jobs.js';
import { mousMatrix } from './mous.js';
import { studentsMatrix } from './students.js';
import { transparencyMatrix } from './transparency.js';
import type { MatrixModule } from './types.js';

/** Each module's routes in the policy matrix: one file per module, so modules grow apart. */
export const MATRIX_MODULES: MatrixModule[] = [
  mousMatrix,
  studentsMatrix,
  incidentsMatrix,
  exportsMatrix,
  transparencyMatrix,
  jobsMatrix,
  dashboardMatrix,
  complianceMatrix,
];
