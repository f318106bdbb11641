import { z } from 'zod';

/**
 * Every `error.code` the server can answer with. The web app has a message for each in English and
 * Spanish (packages/web/src/i18n: `validation.errors.<code>`), and a server test reads its sources
 * to check that no other code is thrown. `message` stays in the answer for API clients; pages show
 * the translated message for the code.
 */
export const ERROR_CODES = [
  // Request checks and the error plugin.
  'invalid_request',
  'invalid_characters',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'not_found',
  'busy',
  'internal',
  // Access.
  'unauthorized',
  'forbidden',
  'invalid_credentials',
  'invalid_code',
  'mfa_required',
  'invalid_setup_token',
  // Business rules.
  'conflict',
  'offense_not_alleged',
  'import_rejected',
  'job_kind_unknown',
  'job_finished',
  'mail_failed',
  'signing_link_invalid',
  'signatory_email_missing',
  'signatory_has_account',
  'signing_code_expired',
  'signing_code_wrong',
  'sign_as_yourself',
  'scan_missing',
  'scan_too_large',
  'scan_type_not_allowed',
  // Issue 13: an export of student records needs its FERPA 99.32 disclosure; a CRDC file refused.
  'disclosure_required',
  'crdc_no_year',
  'crdc_bad_value',
  'crdc_wrong_state',
  'crdc_not_crdc_file',
  // Issue 14: an officer's logged time for one day would pass 24 hours (params: loggedHours, maxHours).
  'activity_day_full',
  // Issue 14: a training certificate refused (missing, too large, not a PDF/PNG/JPEG, or not what its name says).
  'certificate_missing',
  'certificate_too_large',
  'certificate_type_not_allowed',
  'certificate_type_mismatch',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a row of a roster import was refused (`validation.importRows.<code>`), with its params. */
export const IMPORT_ROW_CODES = [
  'header_missing',
  'header_needs_one',
  'field_count',
  'invalid_characters',
  'not_csv',
  'empty_file',
  'empty_value',
  'duplicate',
  'not_boolean',
  'not_sex',
  'no_race',
  'too_long',
  'not_status',
  'no_school_match',
  'no_school',
  'not_grade',
  'no_grade',
  'no_demographics',
  'names_no_student',
  'idea_and_504',
  'no_student',
  'second_flags_row',
] as const;

/**
 * Why a `conflict` (409) was refused, in `error.params.reason`: the code stays `conflict` for API
 * clients, and a page says the reason in the reader's language (`validation.conflicts.<reason>`).
 */
export const CONFLICT_REASONS = [
  'email_taken',
  'invitation_accepted',
  'mfa_not_set_up',
  'mfa_already_set_up',
  'mfa_not_started',
  'incident_closed',
  'incident_step',
  'incident_already_kind',
  'discipline_stays',
  'signatory_inactive',
  'already_signed',
  'code_just_sent',
  'version_replaced',
  'roster_changed',
  'district_exists',
  'school_exists',
  'already_set_up',
  'job_not_rerunnable',
  'job_no_input',
  // Issue 14: a logged activity is withdrawn only within ACTIVITY_DELETE_DAYS of being logged.
  'activity_too_old',
  // Issue 14: the roster and the assignment gate.
  'officer_exists',
  'account_linked',
  'assignment_overlap',
  'exception_revoked',
  'training_gate',
  'training_warning',
  'record_reviewed',
  // Issue 15 (threat assessment cases): the state of a team or a case refuses the step.
  'no_team',
  'team_exists',
  'case_closed',
  'needs_interview',
  'needs_iep_check',
  'team_missing_roles',
  'themes_unanswered',
  'not_very_serious',
  'le_threshold_unset',
  'steps_missing',
  'signoffs_missing',
  'referral_awaits_follow_up',
  'not_team_member',
  'already_done',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/**
 * Every `issues[].code`: zod's own issue codes (a request that does not match its schema) and the
 * codes of the business rules a service checks after the schema. Each has a field message in
 * English and Spanish (`validation.issues.<code>`), built from the issue's `params`.
 */
export const ZOD_ISSUE_CODES = [
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const;

export const RULE_ISSUE_CODES = [
  /** The fallback for a business rule without its own code. */
  'not_accepted',
  'invalid_characters',
  'unknown_school',
  'required_for_role',
  'not_for_role',
  'not_correct',
  'password_too_short',
  'password_too_long',
  'password_breached',
  'password_personal',
  'in_future',
  'after_end',
  'range_too_long',
  'listed_twice',
  'not_on_roster',
  'officer_not_active',
  'staff_not_active',
  'arrival_before_report',
  'behavior_not_chosen',
  'offense_not_alleged',
  'add_student_first',
  'emergency_reason',
  'own_contact',
  'nibrs_without_offense',
  'nibrs_not_of_behavior',
  'referred_by_required',
  'student_not_on_incident',
  'scan_missing',
  'file_type',
  'text_changed',
  'version_required',
  'type_name',
  // Issue 14: a training rule or a course names a credential type the district does not have.
  'unknown_credential',
  // Issue 14: an activity in a school names the school.
  'school_required',
  // Issue 14: the roster, assignments and exceptions; the gate's reasons (the evaluator's codes).
  'not_sro_account',
  'ends_before_start',
  'expiry_not_future',
  'expiry_too_far',
  'needs_hours',
  'needs_topics',
  'needs_credential',
  'lapsed',
  'lapses',
  'annual_short',
  // Issue 14: a completion record's own rules.
  'expiry_before_completion',
  'unknown_course',
  'required_without_course',
  // Issue 15 (threat assessment cases): field-level rules of intake, teams and steps.
  'student_not_at_school',
  'not_of_protocol',
  'owner_not_on_team',
  'before_case_opened',
  'not_team_candidate',
  'unknown_theme',
] as const;
export const ISSUE_CODES = [...ZOD_ISSUE_CODES, ...RULE_ISSUE_CODES] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];
export const isIssueCode = (code: unknown): code is IssueCode => (ISSUE_CODES as readonly unknown[]).includes(code);

/**
 * The contract's own cross-field rules (zod `custom` issues), by `params.rule`: each says one
 * thing a form can show next to its field (`validation.rules.<rule>`).
 */
export const CUSTOM_RULES = [
  'schoolsForRole',
  'professionForRole',
  'auditorEndDate',
  'stateViewerByCli',
  'nothingToUpdate',
  'reviewAfterEffective',
  'clauseOnce',
  'gradeOrder',
  'schoolYear',
  'timeZone',
  'monthDay',
  // Issue 14: a standard's rule keys are unique (the contract's TrainingStandardSchema); a course lists a topic once.
  'unique_rule_keys',
  'topicOnce',
] as const;
export type CustomRule = (typeof CUSTOM_RULES)[number];

/** A parameter of an issue: a bound, a format name, or the allowed values. */
export const IssueParamSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type IssueParams = Record<string, z.infer<typeof IssueParamSchema>>;

/** One field-level problem: where, a code with its parameters, and an English message for API clients. */
export const ApiIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), IssueParamSchema).optional(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/** The parameters of a zod issue worth sending: bounds, formats, allowed values, a custom rule. */
const PARAM_KEYS = ['minimum', 'maximum', 'inclusive', 'origin', 'expected', 'format', 'divisor', 'rule'] as const;

/**
 * A zod issue (v4) as the wire's code and params. Lives in the contract so the server (for a
 * request) and the web (checking a form before sending it) describe a problem the same way.
 */
export function issueParams(issue: Record<string, unknown>): IssueParams {
  const out: IssueParams = {};
  const nested = typeof issue.params === 'object' && issue.params !== null ? issue.params : {};
  const source: Record<string, unknown> = { ...issue, ...nested };
  for (const key of PARAM_KEYS) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'bigint') out[key] = Number(value);
  }
  // A pattern names which of the contract's formats (NCES id, state code...) the value missed.
  if (source.format === 'regex' && typeof source.pattern === 'string') out.pattern = source.pattern;
  if (Array.isArray(source.values)) out.values = source.values.map((v) => String(v));
  if (Array.isArray(source.keys)) out.keys = source.keys.map((v) => String(v));
  return out;
}
