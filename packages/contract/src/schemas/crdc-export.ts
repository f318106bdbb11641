import { z } from 'zod';
import { IdSchema } from './common.js';
import {
  CRDC_OFFENSES,
  CRDC_RESTRAINT_KINDS,
  type CrdcOffense,
  type CrdcRestraintKind,
  RACES,
  type Race,
} from '../taxonomy.js';

/**
 * A district's own CRDC figures per school and year (GET /api/districts/:id/exports/crdc,
 * `forefront export crdc --json`); definitions in docs/incident-csv.md and docs/crdc.md.
 */
const count = z.number().int();
const SexCellSchema = z.object({ M: count, F: count, X: count });
const ByRaceSchema = z.object(
  Object.fromEntries(RACES.map((r) => [r, SexCellSchema])) as Record<Race, typeof SexCellSchema>,
);

/** Referred or arrested students: three disjoint groups that add up to `total`. */
export const CrdcCountsSchema = z.object({
  withoutDisabilities: ByRaceSchema,
  idea: ByRaceSchema,
  section504Only: SexCellSchema,
  englishLearnersWithoutDisabilities: SexCellSchema,
  englishLearnersIdea: SexCellSchema,
  total: count,
});

/** Restrained or secluded students (IDEA and non-IDEA; 504-only a subset of non-IDEA) and instances. */
export const CrdcRestraintSchema = z.object({
  students: z.object({
    idea: ByRaceSchema,
    nonIdea: ByRaceSchema,
    section504Only: SexCellSchema,
    englishLearnersIdea: SexCellSchema,
    englishLearnersNonIdea: SexCellSchema,
    total: count,
  }),
  instances: z.object({ withoutDisabilities: count, idea: count, section504Only: count }),
});

export const CrdcReportSchema = z.object({
  districtId: IdSchema,
  schoolYear: z.string(),
  schools: z.array(
    z.object({
      schoolId: IdSchema,
      ncesSchoolId: z.string(),
      name: z.string(),
      referred: CrdcCountsSchema,
      arrested: CrdcCountsSchema,
      offenses: z.object(Object.fromEntries(CRDC_OFFENSES.map((o) => [o, count])) as Record<CrdcOffense, typeof count>),
      restraint: z.object(
        Object.fromEntries(CRDC_RESTRAINT_KINDS.map((k) => [k, CrdcRestraintSchema])) as Record<
          CrdcRestraintKind,
          typeof CrdcRestraintSchema
        >,
      ),
    }),
  ),
});
export type CrdcReportResponse = z.infer<typeof CrdcReportSchema>;
