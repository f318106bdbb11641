import {
  INCIDENT_COLUMNS,
  type ImportErrorCode,
  type ImportErrorParams,
  type IncidentImportRowError,
  type IncidentColumn,
  REQUIRED_INCIDENT_COLUMNS,
} from '@forefront/contract';

/**
 * The incident CSV's columns (docs/incident-csv.md). One row per student per incident; a row may
 * also carry one officer contact and that officer's actions toward the row's student. Rows of one
 * incident share `incident_ref` and are consecutive. The export writes the same columns plus the
 * derived ones in EXPORT_ONLY_COLUMNS, which the import accepts and ignores, so an export can be
 * imported again.
 */
export { INCIDENT_COLUMNS, type IncidentColumn } from '@forefront/contract';

/** Columns every file must have; the rest may be left out (empty). */
export const REQUIRED_COLUMNS = REQUIRED_INCIDENT_COLUMNS;

/** Derived values the export adds; never read on import (they are recomputed). */
export const EXPORT_ONLY_COLUMNS = [
  'incident_number',
  'school_year',
  'state',
  'record_class',
  'student_school_nces_id',
  'student_grade',
  'student_race',
  'student_sex',
  'student_idea',
  'student_section504',
  'student_english_learner',
  'referred',
  'arrested',
  'mou_version_id',
  'flags',
  // The incident's date and time on the district's clock, and which clock (occurred_at stays the UTC instant).
  'occurred_local_date',
  'occurred_local_time',
  'utc_offset',
  'time_zone',
] as const;

/** The incident-level columns: every row of one incident must repeat the same values. */
export const INCIDENT_LEVEL_COLUMNS: readonly IncidentColumn[] = [
  'school_nces_id',
  'occurred_at',
  'location',
  'behaviors',
  'description',
  'weapon',
  'offense_alleged',
  'nibrs_codes',
];

/** Contact-level columns: rows naming the same officer and report time must agree on these. */
export const CONTACT_LEVEL_COLUMNS: readonly IncidentColumn[] = ['purpose', 'involvement', 'arrived_at'];

/** One problem of a row: its code and parameters for the reader's language, `reason` in English. */
export type RowError = IncidentImportRowError;
export type RowErrorCode = ImportErrorCode;
export type RowErrorParams = ImportErrorParams;

/** Column name → index in a row, or an error per unknown or missing column. */
export function mapHeader(header: readonly string[]): { index: Map<string, number>; errors: RowError[] } {
  const known = new Set<string>([...INCIDENT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  const index = new Map<string, number>();
  const errors: RowError[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name))
      errors.push({
        row: 1,
        column: raw,
        code: 'unknown_column',
        params: { value: raw },
        reason: 'Unknown column (see docs/incident-csv.md)',
      });
    else if (index.has(name))
      errors.push({ row: 1, column: raw, code: 'duplicate_column', reason: 'Column appears twice' });
    else index.set(name, i);
  });
  for (const c of REQUIRED_COLUMNS)
    if (!index.has(c)) errors.push({ row: 1, column: c, code: 'missing_column', reason: 'Required column is missing' });
  return { index, errors };
}
