import { z } from 'zod';
import { IdSchema } from './common.js';
import { IntervalSchema } from './transparency.js';

/**
 * Issue 15 item 5: the equity audit of threat assessment cases and support referrals. For each
 * student group, five measures, each with a risk ratio against the rest of the students (the
 * transparency statistics) and an alert when it passes the district's threshold with its
 * interval above 1.
 */
export const EQUITY_DIMENSIONS = ['race', 'sex', 'disability', 'english_learner'] as const;
export const EquityDimensionSchema = z.enum(EQUITY_DIMENSIONS);
export type EquityDimension = z.infer<typeof EquityDimensionSchema>;

/**
 * - `opened`: cases opened per 1,000 enrolled students (the risk ratio compares the share of
 *   students with at least one case, a probability per student);
 * - `serious`: share of classified cases graded serious or very serious;
 * - `le`: share of cases with law-enforcement involvement;
 * - `removal`: share of cases with an outcome that ended in removal (suspension, expulsion,
 *   alternative placement, arrest); support-only outcomes are shown beside it;
 * - `referralsCompleted`: share of support referrals made that reached `completed` (here a
 *   ratio below 1 is the concern: the alert looks at the rest against the group).
 */
export const EQUITY_MEASURES = ['opened', 'serious', 'le', 'removal', 'referralsCompleted'] as const;
export const EquityMeasureSchema = z.enum(EQUITY_MEASURES);
export type EquityMeasure = z.infer<typeof EquityMeasureSchema>;

const EquityDateSchema = z.iso.date();

export const EquityQuerySchema = z.object({
  /** Local dates on the district's clock, both included; default: the school year so far. */
  from: EquityDateSchema.optional(),
  to: EquityDateSchema.optional(),
  schoolId: IdSchema.optional(),
});
export type EquityQuery = z.infer<typeof EquityQuerySchema>;

export const EquityFigureSchema = z.object({
  /** The numerator (cases, referrals completed...). */
  count: z.number().int(),
  /** The denominator (enrolled students, cases, referrals made...). */
  of: z.number().int(),
  /** Per 1,000 for `opened`, a share 0..1 otherwise; null when the denominator is 0. */
  rate: z.number().nullable(),
  /** Against the rest of the students; null when it cannot be computed (no one in a group, a zero count). */
  riskRatio: IntervalSchema.nullable(),
});
export type EquityFigure = z.infer<typeof EquityFigureSchema>;

export const EquityGroupSchema = z.object({
  dimension: EquityDimensionSchema,
  group: z.string(),
  enrolled: z.number().int(),
  /** Distinct students with at least one case opened in the range. */
  students: z.number().int(),
  opened: EquityFigureSchema,
  serious: EquityFigureSchema,
  le: EquityFigureSchema,
  removal: EquityFigureSchema,
  supportOnly: z.object({ count: z.number().int(), share: z.number().nullable() }),
  referralsCompleted: EquityFigureSchema,
});
export type EquityGroup = z.infer<typeof EquityGroupSchema>;

export const EquityAlertSchema = z.object({
  dimension: EquityDimensionSchema,
  group: z.string(),
  measure: EquityMeasureSchema,
  riskRatio: IntervalSchema,
});
export type EquityAlert = z.infer<typeof EquityAlertSchema>;

export const EquityAuditSchema = z.object({
  /** The district's id (the resource read). */
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema.nullable(),
  from: z.string(),
  to: z.string(),
  /** The roster snapshot the per-1,000 rates divide by: its school year and count date. */
  enrollment: z.object({ schoolYear: z.string(), asOf: z.string(), total: z.number().int() }),
  threshold: z.number(),
  totals: z.object({ cases: z.number().int(), students: z.number().int(), referrals: z.number().int() }),
  groups: z.array(EquityGroupSchema),
  alerts: z.array(EquityAlertSchema),
});
export type EquityAudit = z.infer<typeof EquityAuditSchema>;

/**
 * The public equity section (issue 15 items 3 and 5), on the district's public page when the
 * district turns it on (threat_settings.equity_public): made when the district publishes, every
 * count through the suppression engine and the release ledger, stored as it is served. A rate is
 * computed only from published counts.
 */
export const PublicEquityFigureSchema = z.object({
  /** The count; null when withheld. */
  value: z.number().int().nullable(),
  /** Its denominator (students enrolled, cases, referrals made...); null when withheld. */
  of: z.number().int().nullable(),
  /** Per 1,000 (`cases`, `support`) or a share 0..1; null when either is withheld or the denominator is 0. */
  rate: z.number().nullable(),
  withheld: z.enum(['count', 'complement', 'complementary', 'denominator']).nullable(),
});
export type PublicEquityFigure = z.infer<typeof PublicEquityFigureSchema>;

export const PublicEquityGroupSchema = z.object({
  /** `all` for all students. */
  dimension: z.enum(['all', ...EQUITY_DIMENSIONS]),
  group: z.string(),
  /** Threat assessment cases opened, per 1,000 students enrolled. */
  cases: PublicEquityFigureSchema,
  serious: PublicEquityFigureSchema,
  le: PublicEquityFigureSchema,
  removal: PublicEquityFigureSchema,
  referralsCompleted: PublicEquityFigureSchema,
  /** Students referred to support services, per 1,000 enrolled. */
  support: PublicEquityFigureSchema,
  /** Students referred to law enforcement per 1,000 (the public report's figure, as it published it). */
  lawEnforcement: z.object({ value: z.number().int().nullable(), rate: z.number().nullable() }),
});
export type PublicEquityGroup = z.infer<typeof PublicEquityGroupSchema>;

export const PublicEquitySectionSchema = z.object({
  schoolYear: z.string(),
  from: z.string(),
  to: z.string(),
  minN: z.number().int(),
  groups: z.array(PublicEquityGroupSchema),
  publishedAt: z.string(),
});
export type PublicEquitySection = z.infer<typeof PublicEquitySectionSchema>;

export const PublicEquitySchema = z.object({ districtId: IdSchema, section: PublicEquitySectionSchema.nullable() });
export type PublicEquity = z.infer<typeof PublicEquitySchema>;
