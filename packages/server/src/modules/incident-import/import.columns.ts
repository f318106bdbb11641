/**
 * The incident CSV's columns (docs/incident-csv.md). One row per student per incident; a row may
 * also carry one officer contact and that officer's actions toward the row's student. Rows of one
 * incident share `incident_ref` and are consecutive. The export writes the same columns plus the
 * derived ones in EXPORT_ONLY_COLUMNS, which the import accepts and ignores, so an export can be
 * imported again.
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
export const REQUIRED_COLUMNS: readonly IncidentColumn[] = [
  'incident_ref',
  'school_nces_id',
  'occurred_at',
  'location',
];

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

export interface RowError {
  /** 1-based line of the file (the header is row 1). */
  row: number;
  column: string | null;
  reason: string;
}

/** Column name → index in a row, or an error per unknown or missing column. */
export function mapHeader(header: readonly string[]): { index: Map<string, number>; errors: RowError[] } {
  const known = new Set<string>([...INCIDENT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  const index = new Map<string, number>();
  const errors: RowError[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) errors.push({ row: 1, column: raw, reason: 'Unknown column (see docs/incident-csv.md)' });
    else if (index.has(name)) errors.push({ row: 1, column: raw, reason: 'Column appears twice' });
    else index.set(name, i);
  });
  for (const c of REQUIRED_COLUMNS)
    if (!index.has(c)) errors.push({ row: 1, column: c, reason: 'Required column is missing' });
  return { index, errors };
}
