import { activitiesMatrix } from './activities.js';
import { complianceMatrix } from './compliance.js';
import { dashboardMatrix } from './dashboard.js';
import { exportsMatrix } from './exports.js';
import { incidentsMatrix } from './incidents.js';
import { jobsMatrix } from './jobs.js';
import { mousMatrix } from './mous.js';
import { officersMatrix } from './officers.js';
import { studentsMatrix } from './students.js';
import { trainingStandardMatrix } from './training-standard.js';
import { trainingRecordsMatrix } from './training-records.js';
import { transparencyMatrix } from './transparency.js';
import { threatCasesMatrix } from './threat-cases.js';
import { threatTeamsMatrix } from './threat-teams.js';
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
  trainingStandardMatrix,
  activitiesMatrix,
  officersMatrix,
  trainingRecordsMatrix,
  complianceMatrix,
  threatTeamsMatrix,
  threatCasesMatrix,
];
