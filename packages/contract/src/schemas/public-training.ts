import { z } from 'zod';
import { SRO_FUNCTIONS, TrainingTopicSchema } from '../training.js';
import { IdSchema } from './common.js';

/**
 * Issue 14 item 5: the "Officer training and time" section of a district's public page, made when
 * the district publishes (never on a public request) and stored as it is served. Counts of officers
 * pass through the suppression engine and the release ledger; hours by topic and time by function
 * are aggregates over officers, withheld when fewer officers than the district's minimum contribute.
 * No name, no officer-level figure.
 */
/** A withheld count says why, with the engine's reason (`count`: 1 to n-1; `complement`; `complementary`). */
export const PublicOfficerCountSchema = z.object({
  value: z.number().int().nullable(),
  /** value / officers assigned; null when either is withheld or nobody is assigned. */
  share: z.number().nullable(),
  withheld: z.enum(['count', 'complement', 'complementary', 'denominator']).nullable(),
});
export type PublicOfficerCount = z.infer<typeof PublicOfficerCountSchema>;

export const PublicTrainingSectionSchema = z.object({
  schoolYear: z.string(),
  /** The publication date on the district's clock: officers assigned on this day are counted. */
  asOf: z.string(),
  minN: z.number().int(),
  /** The standard in plain words (contract explainStandard), in both languages. */
  standard: z.object({ preset: z.string(), en: z.array(z.string()), es: z.array(z.string()) }),
  officers: z.object({
    assigned: PublicOfficerCountSchema,
    meetsStandard: PublicOfficerCountSchema,
    atLeast40Hours: PublicOfficerCountSchema,
    atLeast80Hours: PublicOfficerCountSchema,
  }),
  /** Approved training hours of the assigned officers by topic (a course covering several topics counts toward each). */
  hoursByTopic: z.object({
    withheld: z.boolean(),
    rows: z.array(z.object({ topic: TrainingTopicSchema, hours: z.number() })),
  }),
  /** Officers' logged time this school year, by the brief's three functions. */
  timeByFunction: z.object({
    withheld: z.boolean(),
    from: z.string(),
    rows: z.array(z.object({ function: z.enum(SRO_FUNCTIONS), hours: z.number(), share: z.number().nullable() })),
  }),
  publishedAt: z.string(),
});
export type PublicTrainingSection = z.infer<typeof PublicTrainingSectionSchema>;

/** `GET /api/public/districts/:id/training`: null until the district publishes. */
export const PublicTrainingSchema = z.object({ districtId: IdSchema, section: PublicTrainingSectionSchema.nullable() });
export type PublicTraining = z.infer<typeof PublicTrainingSchema>;
