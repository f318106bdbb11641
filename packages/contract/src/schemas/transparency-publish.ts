import { z } from 'zod';
import { RoleSchema } from '../roles.js';
import { IdSchema } from './common.js';
import { CellSchema, TransparencyReportSchema } from './transparency.js';

/**
 * Issue 13, "Publish": what a district administrator sees before and after publishing the public
 * report from the browser. The preview is the result of the `transparency.preview` job: the very
 * reports publishing would store, each withheld figure with the suppression engine's reason, and
 * what differs from the page the public reads today. Nothing in it is released.
 */

/**
 * Why a figure is withheld. The engine's reasons (docs/suppression.md): `count` 1..n-1 people,
 * `complement` the rest of a group is 1..n-1, `denominator` a rate over fewer than n people,
 * `complementary` hidden so that a withheld figure cannot be worked out from the others; then
 * `group_size` an enrollment under n (never shown beside a rate), and `derived` a rate, share or
 * ratio computed from a withheld figure, `earlier` withheld when another school year (a trend row) was published.
 */
export const SUPPRESSION_REASONS = [
  'count',
  'complement',
  'denominator',
  'complementary',
  'group_size',
  'derived',
  'earlier',
] as const;
export const SuppressionReasonSchema = z.enum(SUPPRESSION_REASONS);
export type SuppressionReasonCode = (typeof SUPPRESSION_REASONS)[number];

/** Where a figure sits on the page: a table's row (and breakdown) and column, or a summary card (`highlights`). */
export const CellPlaceSchema = z.object({
  table: z.string(),
  row: z.string(),
  dimension: z.string().optional(),
  column: z.string(),
});
export type CellPlace = z.infer<typeof CellPlaceSchema>;

export const PreviewWithheldSchema = CellPlaceSchema.extend({ reason: SuppressionReasonSchema });
export type PreviewWithheld = z.infer<typeof PreviewWithheldSchema>;

export const PREVIEW_CHANGES = ['added', 'changed', 'hidden', 'shown', 'removed'] as const;
export const PreviewChangeSchema = CellPlaceSchema.extend({
  /** A school's name when the row is a school. */
  label: z.string().optional(),
  change: z.enum(PREVIEW_CHANGES),
  /** Absent when the figure was not on the page before (added) or is not on it now (removed). */
  before: CellSchema.optional(),
  after: CellSchema.optional(),
});
export type PreviewChange = z.infer<typeof PreviewChangeSchema>;

export const PreviewScopeSchema = z.object({
  report: TransparencyReportSchema,
  withheld: z.array(PreviewWithheldSchema),
  /** When this scope's page for the year was last published; null when never (every figure is then new). */
  lastPublishedAt: z.string().nullable(),
  changes: z.array(PreviewChangeSchema),
});
export type PreviewScope = z.infer<typeof PreviewScopeSchema>;

/** The `transparency.preview` job's result. */
export const TransparencyPreviewSchema = z.object({
  year: z.string(),
  minN: z.number().int(),
  /** The district's report first, then each school's. */
  scopes: z.array(PreviewScopeSchema),
});
export type TransparencyPreview = z.infer<typeof TransparencyPreviewSchema>;

/** One publication, as the audit trail recorded it: who, when, which years. */
export const TransparencyReleaseSchema = z.object({
  at: z.string(),
  /** Null when published by the operator from the command line or the demo loader. */
  by: z.object({ id: IdSchema, name: z.string(), role: RoleSchema }).nullable(),
  years: z.array(z.string()),
  /** Years whose figures changed with this publication. */
  changed: z.array(z.string()),
  minN: z.number().int(),
  /** Schools' reports published beside the district's; null for publications before issue 13. */
  schools: z.number().int().nullable(),
});
export type TransparencyRelease = z.infer<typeof TransparencyReleaseSchema>;

/** GET /api/districts/:id/transparency/releases (district administrator, auditor). */
export const TransparencyReleasesSchema = z.object({
  /** The district's id. */
  id: IdSchema,
  /** School years with figures from incidents: the years that can be previewed and published. */
  yearsWithFigures: z.array(z.string()),
  minN: z.number().int(),
  /** Newest first. */
  releases: z.array(TransparencyReleaseSchema),
});
export type TransparencyReleases = z.infer<typeof TransparencyReleasesSchema>;
