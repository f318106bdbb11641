import { z } from 'zod';
import { IdSchema } from './common.js';
import type { Behavior } from '../taxonomy.js';

/**
 * The public transparency report (issue 4; docs/transparency.md): what a district's and each
 * school's public page, the open-data files (CSV, JSON), the public API and the annual PDF show.
 * Every figure here was computed from the district's own records and passed through the
 * suppression engine; CRDC figures have their own schemas (crdc.ts) and are shown as published.
 *
 * The report is a list of tables of one generic shape, so the page, the CSV/JSON downloads and the
 * PDF render every table the same way; labels come from the keys (i18n on the web, en/es in the PDF).
 */

/** Shown in place of a number withheld to protect students' privacy (suppression). */
export const SUPPRESSED = 'suppressed' as const;

/** A point estimate with its 95% confidence interval (risk ratio, composition index). */
export const IntervalSchema = z.object({ estimate: z.number(), low: z.number(), high: z.number() });
export type Interval = z.infer<typeof IntervalSchema>;

/**
 * One published cell: a number, an interval, `'suppressed'` (withheld by the suppression engine or
 * computed from a withheld figure), or null (not applicable / not computable, e.g. no enrollment
 * recorded for the year, or a risk ratio with no students in the comparison group).
 */
export const CellSchema = z.union([z.number(), IntervalSchema, z.literal(SUPPRESSED), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

/** How a column's numbers read: a whole count, per 1,000 enrolled, a share 0..1, a ratio, a 95% interval, minutes. */
export const COLUMN_KINDS = ['count', 'per1000', 'share', 'ratio', 'interval', 'minutes'] as const;
export const ColumnKindSchema = z.enum(COLUMN_KINDS);

/**
 * The tables of a report, in page order. Student tables (`students_referred`, `students_arrested`):
 * one row per group, `dimension` = all | race | sex | disability | english_learner; columns
 * `enrolled`, `students`, `per1000`, `risk_ratio`, `composition_index`.
 */
export const TRANSPARENCY_TABLES = [
  'students_referred',
  'students_arrested',
  'incident_types',
  'contacts_by_purpose',
  'mou_violations',
  'restraint_and_force',
  'classroom_response',
  'response_times',
  'trend',
  'schools',
  'weapon_trend',
  'exposure',
] as const;
export const TransparencyTableKeySchema = z.enum(TRANSPARENCY_TABLES);
export type TransparencyTableKey = (typeof TRANSPARENCY_TABLES)[number];

export const STUDENT_DIMENSIONS = ['all', 'race', 'sex', 'disability', 'english_learner'] as const;
/** Disability groups are disjoint, as in the CRDC: IDEA, Section 504 only, neither. */
export const DISABILITY_GROUPS = ['idea', 'section504_only', 'no_disability'] as const;
export const ENGLISH_LEARNER_GROUPS = ['english_learner', 'not_english_learner'] as const;

/**
 * Behaviors that are weapon offenses (a weapon or firearm used, shown or possessed): an incident
 * with any of them counts once in the weapon-offense trend (`weapon_incidents`).
 */
export const WEAPON_BEHAVIORS = [
  'attack_with_weapon',
  'attack_with_firearm',
  'threat_with_weapon',
  'threat_with_firearm',
  'robbery_with_weapon',
  'robbery_with_firearm',
  'weapon_possession',
  'firearm_or_explosive_possession',
] as const satisfies readonly Behavior[];

/** Response-time buckets, minutes from the report to the officer's arrival: [from, to). */
export const RESPONSE_BUCKETS = ['0-2', '2-5', '5-10', '10-20', '20-60', '60+'] as const;

export const PublicTableSchema = z.object({
  key: TransparencyTableKeySchema,
  columns: z.array(z.object({ key: z.string(), kind: ColumnKindSchema })),
  rows: z.array(
    z.object({
      /** Group code, behavior, purpose, flag kind, action, bucket, school year or school id. */
      key: z.string(),
      /** Student tables: which breakdown the row belongs to. */
      dimension: z.string().optional(),
      /** A display name the keys cannot give (a school's name). */
      label: z.string().optional(),
      cells: z.record(z.string(), CellSchema),
    }),
  ),
});
export type PublicTable = z.infer<typeof PublicTableSchema>;

export const TransparencyScopeSchema = z.enum(['district', 'school']);

export const TransparencyReportSchema = z.object({
  scope: TransparencyScopeSchema,
  district: z.object({
    id: IdSchema,
    name: z.string(),
    state: z.string(),
    ncesLeaId: z.string(),
    /** The district's zone: the report's dates are its calendar days. Absent in pages published before issue 12. */
    timeZone: z.string().optional(),
  }),
  school: z.object({ id: IdSchema, name: z.string(), ncesSchoolId: z.string() }).nullable(),
  /** The school year of the figures, e.g. 2025-26. */
  year: z.string(),
  /** Every school year with published figures for this scope, newest first (the year selector). */
  years: z.array(z.string()),
  /** The district's minimum cell size at publication (5..30). */
  minN: z.number().int(),
  publishedAt: z.string(),
  /** Headline figures, repeated from the tables (the page's summary cards). */
  highlights: z.object({
    enrolled: CellSchema,
    studentsReferred: CellSchema,
    referredPer1000: CellSchema,
    studentsArrested: CellSchema,
    arrestedPer1000: CellSchema,
    incidents: CellSchema,
    contacts: CellSchema,
    /** Routine-discipline contacts / all contacts: the role-drift rate. */
    routineShare: CellSchema,
    mouViolations: CellSchema,
  }),
  tables: z.array(PublicTableSchema),
});
export type TransparencyReport = z.infer<typeof TransparencyReportSchema>;

/** GET /api/public/districts/:id/transparency: which years are published. */
export const TransparencyIndexSchema = z.object({
  districtId: IdSchema,
  years: z.array(z.string()),
  latestYear: z.string().nullable(),
});
export type TransparencyIndex = z.infer<typeof TransparencyIndexSchema>;

export const TransparencyYearParamsSchema = z.object({ id: IdSchema, year: z.string().max(16) });
export const TransparencyTableParamsSchema = z.object({
  id: IdSchema,
  year: z.string().max(16),
  file: z.string().max(64),
});
export const TransparencyPdfQuerySchema = z.object({ lang: z.enum(['en', 'es']).default('en') });

/** POST /api/districts/:id/transparency/publish (district administrator). */
export const PublishTransparencyInputSchema = z.object({ year: z.string().max(16).optional() });
export const PublishTransparencyResultSchema = z.object({
  years: z.array(
    z.object({
      year: z.string(),
      /** Cells published and withheld over every dataset of the year. */
      published: z.number().int(),
      suppressed: z.number().int(),
      /** False when the figures had not changed since the last release. */
      changed: z.boolean(),
    }),
  ),
  publishedAt: z.string(),
});
export type PublishTransparencyResult = z.infer<typeof PublishTransparencyResultSchema>;

/** GET /api/districts/:id/transparency/status (district administrator, auditor): when each year was last published. */
export const TransparencyStatusSchema = z.object({
  /** The district's id. */
  id: IdSchema,
  minN: z.number().int(),
  years: z.array(z.object({ year: z.string(), publishedAt: z.string() })),
});
export type TransparencyStatus = z.infer<typeof TransparencyStatusSchema>;
