import { z } from 'zod';
import { IMPORT_ROW_CODES, IssueParamSchema } from '../errors.js';
import { RaceSchema, SexSchema } from '../taxonomy.js';
import { GradeSchema } from './districts.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * The district's student roster (imported from OneRoster 1.1 CSV plus a flags CSV for what
 * OneRoster lacks: IDEA, Section 504, English learner). Student-level data: every read is audited.
 */
export const StudentSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema,
  /** The district's own student id (OneRoster `identifier`, or `sourcedId` when empty). */
  localId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  grade: GradeSchema,
  race: RaceSchema,
  sex: SexSchema,
  /** Student with a disability served under IDEA. */
  idea: z.boolean(),
  /** Served under Section 504 only (not IDEA): CRDC counts these separately. */
  section504: z.boolean(),
  englishLearner: z.boolean(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof StudentSchema>;

export const StudentListQuerySchema = PageQuerySchema.extend({
  schoolId: IdSchema.optional(),
  /** Name or local id prefix (the incident form's student picker); each word must start a name or the id. */
  q: z.string().trim().max(100).optional(),
  /** Students who left (marked inactive by an import) are hidden unless asked for. */
  status: z.enum(['active', 'inactive', 'all']).default('active'),
});
export type StudentListQuery = z.infer<typeof StudentListQuerySchema>;
export const StudentPageSchema = pageOf(StudentSchema);

/** The roster files an import reads; the flags file carries what OneRoster 1.1 lacks. */
export const STUDENT_IMPORT_FILES = ['users.csv', 'demographics.csv', 'orgs.csv', 'flags.csv'] as const;
export type StudentImportFile = (typeof STUDENT_IMPORT_FILES)[number];

/**
 * `POST /api/districts/:id/students/import`: the same files as the CLI, as text. Bodies up to
 * 50 MB (a large district's users.csv); the route raises its body limit for this alone.
 */
export const StudentImportInputSchema = z.object({
  users: z.string().min(1, 'users.csv is empty'),
  demographics: z.string().min(1, 'demographics.csv is empty'),
  orgs: z.string().optional(),
  flags: z.string().optional(),
  /** Date the imported demographics are valid from (default today): an incident snapshots the row in force on its date. */
  asOf: z.iso.date().optional(),
  /** Mark students of the district that are absent from this (full) import as inactive. */
  deactivateMissing: z.boolean().optional(),
});
export type StudentImportInput = z.infer<typeof StudentImportInputSchema>;

/** One invalid value: `row` is the line in the file as a spreadsheet shows it (the header is row 1). */
export const ImportRowErrorSchema = z.object({
  file: z.enum(STUDENT_IMPORT_FILES),
  row: z.number().int(),
  /** The column at fault; null when the whole row is (a duplicate, a missing partner row). */
  column: z.string().nullable(),
  /** English, for the command line and API clients; pages say `code` with `params` in the reader's language. */
  reason: z.string(),
  code: z.enum(IMPORT_ROW_CODES).optional(),
  params: z.record(z.string(), IssueParamSchema).optional(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const StudentImportReportSchema = z.object({
  /** False: at least one row was invalid and nothing at all was written. */
  accepted: z.boolean(),
  /** Data rows read from users.csv (all roles). */
  rowsRead: z.number().int(),
  /** Rows with role=student. */
  students: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deactivated: z.number().int(),
  /** New demographic history rows (valid from `asOf`). */
  demographicChanges: z.number().int(),
  asOf: z.string(),
  /** Every invalid value found, up to a limit; `errorCount` is the full number. */
  errors: z.array(ImportRowErrorSchema),
  errorCount: z.number().int(),
});
export type StudentImportReport = z.infer<typeof StudentImportReportSchema>;

/** 422 answer of a rejected import: the usual error shape plus the per-row report. */
export const StudentImportRejectedSchema = z.object({
  error: z.object({ code: z.literal('import_rejected'), message: z.string() }),
  report: StudentImportReportSchema,
});
