import { z } from 'zod';
import {
  BEHAVIOR_KEYS,
  CONTACT_PURPOSES,
  INVOLVEMENTS,
  LOCATIONS,
  NIBRS_CODES,
  SRO_ACTIONS,
  STUDENT_ROLES,
  WEAPONS,
} from '../taxonomy.js';

/**
 * Issue 13: the incident CSV's columns and the per-row report of an import or its dry run, shared
 * by the server (which checks the rows) and the web (which shows the report and the column
 * documentation in the reader's language). One row per student per incident (docs/incident-csv.md).
 */
export const INCIDENT_COLUMNS = [
  'incident_ref',
  'school_nces_id',
  'occurred_at',
  'location',
  'behaviors',
  'description',
  'weapon',
  'offense_alleged',
  'nibrs_codes',
  'student_local_id',
  'student_role',
  'officer_email',
  'purpose',
  'involvement',
  'reported_at',
  'arrived_at',
  'actions',
  'emergency_reason',
  'review_decision',
  'reviewed_at',
  'reviewer_email',
  'review_note',
  // Issue 12: a referral to, or an arrest by, law enforcement outside Forefront, toward the row's student.
  'outside_kind',
  'outside_officer',
  'outside_agency',
  'outside_badge',
  'referred_by_email',
  'outside_at',
] as const;
export type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];

/** Columns every file must have; the rest may be left out (empty). */
export const REQUIRED_INCIDENT_COLUMNS: readonly IncidentColumn[] = [
  'incident_ref',
  'school_nces_id',
  'occurred_at',
  'location',
];

/**
 * The coded columns and their valid values: what a report lists beside a wrong code, and what the
 * column documentation page shows. `weapon`'s empty cell means none; `actions` takes modifiers
 * (:emergency, :parent_notified) and an optional @time after each code.
 */
export const INCIDENT_COLUMN_VALUES = {
  location: LOCATIONS,
  behaviors: BEHAVIOR_KEYS,
  weapon: WEAPONS,
  nibrs_codes: NIBRS_CODES,
  student_role: STUDENT_ROLES,
  purpose: CONTACT_PURPOSES,
  involvement: INVOLVEMENTS,
  actions: SRO_ACTIONS,
  review_decision: ['approved', 'declined'],
  outside_kind: ['referral', 'arrest'],
  offense_alleged: ['true', 'false'],
} as const satisfies Partial<Record<IncidentColumn, readonly string[]>>;
export type CodedIncidentColumn = keyof typeof INCIDENT_COLUMN_VALUES;

export const isCodedIncidentColumn = (c: string | null): c is CodedIncidentColumn =>
  c !== null && Object.prototype.hasOwnProperty.call(INCIDENT_COLUMN_VALUES, c);

/**
 * What is wrong with a row, as a code the web translates with its parameters (`value`, `max`,
 * `other`, `row`...). `reason` is the same in English, for the command line and logs.
 */
export const IMPORT_ERROR_CODES = [
  'required',
  'too_long',
  'too_many',
  'unknown_value',
  'listed_twice',
  'unknown_school',
  'unknown_student',
  'unknown_officer',
  'unknown_reviewer',
  'unknown_staff',
  'not_datetime',
  'not_boolean',
  'needs_offense_alleged',
  'nibrs_not_of_behaviors',
  'future_time',
  'required_with',
  'given_without',
  'required_for_review',
  'required_for_outside',
  'outside_needs_student',
  'arrived_before_reported',
  'unknown_modifier',
  'emergency_without_reason',
  'differs_in_incident',
  'student_role_conflict',
  'contact_conflict',
  'ref_not_together',
  'incident_limit',
  'cell_count',
  'invalid_characters',
  'not_csv',
  'no_data_rows',
  'unknown_column',
  'duplicate_column',
  'missing_column',
] as const;
export const ImportErrorCodeSchema = z.enum(IMPORT_ERROR_CODES);
export type ImportErrorCode = z.infer<typeof ImportErrorCodeSchema>;

export const ImportErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ImportErrorParams = z.infer<typeof ImportErrorParamsSchema>;

export const IncidentImportRowErrorSchema = z.object({
  /** 1-based line of the file as a spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  column: z.string().nullable(),
  code: ImportErrorCodeSchema,
  params: ImportErrorParamsSchema.optional(),
  reason: z.string(),
});
export type IncidentImportRowError = z.infer<typeof IncidentImportRowErrorSchema>;

export const IncidentImportReportSchema = z.object({
  accepted: z.boolean(),
  /** A dry run checked the file and wrote nothing; `accepted` then says the file would be imported. */
  dryRun: z.boolean(),
  file: z.string(),
  rows: z.number().int(),
  incidents: z.number().int(),
  studentLinks: z.number().int(),
  flags: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(IncidentImportRowErrorSchema),
  /** For each coded column with a wrong value in the report: every valid value (labels are the web's). */
  validValues: z.record(z.string(), z.array(z.string())),
  numbers: z.object({ first: z.string(), last: z.string() }).nullable(),
});
export type IncidentImportReport = z.infer<typeof IncidentImportReportSchema>;

/** The `incident.import` job's input: the CSV text; `dryRun` checks every row and writes nothing. */
export const IncidentImportJobInputSchema = z.object({
  csv: z.string().min(1),
  fileName: z.string().trim().max(200).optional(),
  dryRun: z.boolean().optional(),
});
export type IncidentImportJobInput = z.infer<typeof IncidentImportJobInputSchema>;
