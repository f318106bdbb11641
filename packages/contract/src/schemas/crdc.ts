import { z } from 'zod';
import { CRDC_RESTRAINT_KINDS, type CrdcRestraintKind, RACES, type Race } from '../taxonomy.js';

/**
 * Federal benchmark data (docs/crdc.md): CRDC figures and the CPI 2017-18 table are already public,
 * so they are shown as published, labelled with source and year; no suppression applies.
 */

const count = z.number().int();

/** The offense columns of the 2020-21 layout, in its order (no separate firearm columns that year). */
export const CRDC_SUMMARY_OFFENSES = [
  'rape_or_attempted_rape',
  'sexual_assault',
  'robbery_with_weapon',
  'robbery_without_weapon',
  'physical_attack_with_weapon',
  'physical_attack_without_weapon',
  'threat_with_weapon',
  'threat_without_weapon',
  'possession_of_firearm_or_explosive',
] as const;

const byRace = z
  .object(Object.fromEntries(RACES.map((r) => [r, z.number().int()])) as Record<Race, z.ZodNumber>)
  .strict();

/**
 * The state (or district) summary printed by `forefront crdc summary --json` and served at
 * /api/public/crdc/:state/:year. Field names are fixed by issue 4; definitions in docs/crdc.md.
 */
export const CrdcSummarySchema = z
  .object({
    schools: z.number().int(),
    enrollment: z.number().int(),
    leo_fte: z.number(),
    schools_with_leo: z.number().int(),
    schools_leo_no_counselor: z.number().int(),
    students_leo_no_counselor: z.number().int(),
    referrals: z.number().int(),
    arrests: z.number().int(),
    referrals_by_race_excl_504: byRace,
    arrests_by_race_excl_504: byRace,
    enrollment_by_race: byRace,
    /** Issue 12.3: incidents per offense (`SCH_OFFENSE_*`; "with a weapon" includes firearms in 2020-21). */
    offenses: z
      .object(
        Object.fromEntries(CRDC_SUMMARY_OFFENSES.map((o) => [o, count])) as Record<
          (typeof CRDC_SUMMARY_OFFENSES)[number],
          typeof count
        >,
      )
      .strict(),
    /** Students (IDEA + non-IDEA) and instances (without disabilities + IDEA + 504 only) per kind. */
    restraint: z
      .object(
        Object.fromEntries(
          CRDC_RESTRAINT_KINDS.map((k) => [k, z.object({ students: count, instances: count }).strict()]),
        ) as Record<CrdcRestraintKind, z.ZodObject<{ students: typeof count; instances: typeof count }>>,
      )
      .strict(),
  })
  .strict();
export type CrdcSummary = z.infer<typeof CrdcSummarySchema>;

export const CrdcSourceSchema = z.object({ name: z.string(), publisher: z.string(), url: z.string() });

/** GET /api/public/crdc/:state/:year */
export const PublicCrdcSummarySchema = z.object({
  state: z.string(),
  year: z.string(),
  source: CrdcSourceSchema,
  summary: CrdcSummarySchema,
});
export type PublicCrdcSummary = z.infer<typeof PublicCrdcSummarySchema>;

/** Students per FTE (null when the FTE is 0 or unpublished), beside the recommended 250 / 250 / 500. */
export const StaffRatiosSchema = z.object({
  counselor: z.object({ studentsPerFte: z.number().nullable(), recommended: z.literal(250) }),
  socialWorker: z.object({ studentsPerFte: z.number().nullable(), recommended: z.literal(250) }),
  psychologist: z.object({ studentsPerFte: z.number().nullable(), recommended: z.literal(500) }),
});
export type StaffRatios = z.infer<typeof StaffRatiosSchema>;

/** GET /api/public/districts/:id/benchmarks/:year: the district beside its state and similar districts. */
export const CrdcDistrictBenchmarkSchema = z.object({
  year: z.string(),
  source: CrdcSourceSchema,
  district: z.object({ leaId: z.string(), summary: CrdcSummarySchema, ratios: StaffRatiosSchema }),
  state: z.object({ state: z.string(), summary: CrdcSummarySchema, ratios: StaffRatiosSchema }),
  /** Districts of the same state with enrollment within 50%-200% of this one's (closest ten), together. */
  similar: z.object({ leaIds: z.array(z.string()), summary: CrdcSummarySchema, ratios: StaffRatiosSchema }),
  /** Schools with a sworn officer but no counselor, and the students in them. */
  leoNoCounselor: z.array(
    z.object({
      combokey: z.string(),
      schoolName: z.string(),
      schoolId: z.string().nullable(),
      enrollment: z.number().int(),
      leoFte: z.number(),
    }),
  ),
});
export type CrdcDistrictBenchmark = z.infer<typeof CrdcDistrictBenchmarkSchema>;

/**
 * Exposure to police by group (issue 13): per race (and `all`), the students enrolled in schools
 * whose sworn-officer FTE is published (`enrolled`), those in schools with a sworn officer
 * (FTE > 0, `withOfficer`) and the share (null without students). Schools with a reserve-coded FTE
 * count in neither. Published federal figures, shown as published.
 */
export const CrdcExposureRowSchema = z.object({
  group: z.string(),
  enrolled: z.number().int(),
  withOfficer: z.number().int(),
  share: z.number().nullable(),
});
export type CrdcExposureRow = z.infer<typeof CrdcExposureRowSchema>;

/**
 * GET /api/public/districts/:id/benchmarks/:year: the benchmark with the exposure to police by
 * group for the state (and the district in the same files); or, for a district the CRDC files do
 * not cover that year, `available: false` (a 200: the page shows a sentence, not a failed request).
 */
export const CrdcDistrictBenchmarkAnswerSchema = z.union([
  CrdcDistrictBenchmarkSchema.extend({
    available: z.literal(true),
    exposure: z.object({ district: z.array(CrdcExposureRowSchema), state: z.array(CrdcExposureRowSchema) }),
  }),
  z.object({ available: z.literal(false), year: z.string(), source: CrdcSourceSchema }),
]);
export type CrdcDistrictBenchmarkAnswer = z.infer<typeof CrdcDistrictBenchmarkAnswerSchema>;

const cpiByRace = z.object(
  Object.fromEntries(RACES.map((r) => [r, z.number().nullable()])) as Record<Race, z.ZodNullable<z.ZodNumber>>,
);
export const CpiRowSchema = z.object({
  /** CPI's label: the state's name in capitals, or USA for the national row. */
  name: z.string(),
  /** Postal code; null for the national row and CPI's `NA` row. */
  state: z.string().nullable(),
  referrals: z.number().nullable(),
  referralsPerThousand: z.number().nullable(),
  referralsDisabled: z.number().nullable(),
  referralsByRaceExcl504: cpiByRace,
  enrollment: z.number().nullable(),
  enrollmentDisabled: z.number().nullable(),
  enrollmentByRace: cpiByRace,
  leoFte: z.number().nullable(),
  leoFtePerThousand: z.number().nullable(),
  /** Every column of CPI's file as a number (percent columns in percent), null where CPI wrote NaN. */
  published: z.record(z.string(), z.number().nullable()),
});
export type CpiRow = z.infer<typeof CpiRowSchema>;
/** GET /api/public/benchmarks/cpi-2017-18 */
export const CpiTableSchema = z.object({
  year: z.literal('2017-18'),
  citation: z.string(),
  url: z.string(),
  national: CpiRowSchema,
  states: z.array(CpiRowSchema),
});
export type CpiTable = z.infer<typeof CpiTableSchema>;

/** Issue 13: which CRDC collections are loaded (public federal data): state, collection year, schools (rows). */
export const CrdcLoadedSchema = z.object({
  items: z.array(z.object({ state: z.string(), year: z.string(), schools: z.number().int() })),
});
export type CrdcLoaded = z.infer<typeof CrdcLoadedSchema>;
