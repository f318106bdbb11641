import { z } from 'zod';

/**
 * Issue 15: behavioral threat assessment (DOMAIN.md section 4). Protocols are data: the district
 * picks one, a case follows its steps, and the equity audit compares cases across protocols
 * through each classification's `severity`.
 */

/** The roles a member plays on a team (CSTAG's team; NTAC's multidisciplinary team). */
export const TEAM_ROLES = ['administrator', 'mental_health', 'law_enforcement', 'special_education', 'other'] as const;
export const TeamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof TeamRoleSchema>;

/** A team missing one of these can work a case but cannot classify it. */
export const REQUIRED_TEAM_ROLES: readonly TeamRole[] = ['administrator', 'mental_health', 'law_enforcement'];

export const PROTOCOLS = ['cstag', 'ntac'] as const;
export const ProtocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof ProtocolSchema>;

/** How grave a classification is, comparable across protocols (the equity audit counts by it). */
export const SEVERITIES = ['low', 'serious', 'very_serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The steps of a case. Not every protocol or classification uses every step: `PROTOCOL_STEPS`
 * lists a protocol's, and `requiredSteps` says which must be done before closure.
 */
export const CASE_STEPS = [
  'intake',
  'interviews',
  'iep_check',
  'classification',
  'safety_evaluation',
  'safety_plan',
  'monitoring',
  'parent_contact',
  'closure',
] as const;
export const CaseStepSchema = z.enum(CASE_STEPS);
export type CaseStep = z.infer<typeof CaseStepSchema>;

export interface ClassificationDef {
  key: string;
  severity: Severity;
  /** Steps this classification requires before the case may close. */
  requires: readonly CaseStep[];
}

export interface ProtocolDef {
  key: Protocol;
  steps: readonly CaseStep[];
  classifications: readonly ClassificationDef[];
  /** NTAC's investigative themes: each is answered in the assessment (empty for CSTAG). */
  themes: readonly string[];
}

/**
 * CSTAG (Cornell, Comprehensive School Threat Assessment Guidelines): evaluate the threat; a
 * transient threat is resolved on the spot; a substantive one needs protective action; a very
 * serious substantive one a safety evaluation (mental-health screening, law enforcement only
 * past the district's threshold) and a written safety plan that is monitored.
 */
export const CSTAG: ProtocolDef = {
  key: 'cstag',
  steps: CASE_STEPS,
  classifications: [
    { key: 'transient', severity: 'low', requires: ['interviews', 'parent_contact'] },
    {
      key: 'serious_substantive',
      severity: 'serious',
      requires: ['interviews', 'safety_plan', 'monitoring', 'parent_contact'],
    },
    {
      key: 'very_serious_substantive',
      severity: 'very_serious',
      requires: ['interviews', 'safety_evaluation', 'safety_plan', 'monitoring', 'parent_contact'],
    },
  ],
  themes: [],
};

/**
 * The Secret Service's model (NTAC): the team gathers information on the key investigative
 * questions of the Secret Service and Department of Education's guide (2002), which NTAC's
 * 2018 guide carries forward, then judges the level of concern and manages the risk.
 */
export const NTAC_THEMES = [
  'motives_and_goals',
  'communications_of_intent',
  'inappropriate_interest',
  'attack_related_behavior',
  'capacity',
  'desperation_or_despair',
  'trusting_adult',
  'violence_as_option',
  'consistency',
  'concerned_others',
  'circumstances',
] as const;
export type NtacTheme = (typeof NTAC_THEMES)[number];

export const NTAC: ProtocolDef = {
  key: 'ntac',
  steps: CASE_STEPS,
  classifications: [
    { key: 'low_concern', severity: 'low', requires: ['interviews', 'parent_contact'] },
    {
      key: 'moderate_concern',
      severity: 'serious',
      requires: ['interviews', 'safety_plan', 'monitoring', 'parent_contact'],
    },
    {
      key: 'high_concern',
      severity: 'very_serious',
      requires: ['interviews', 'safety_evaluation', 'safety_plan', 'monitoring', 'parent_contact'],
    },
  ],
  themes: NTAC_THEMES,
};

export const PROTOCOL_DEFS: Record<Protocol, ProtocolDef> = { cstag: CSTAG, ntac: NTAC };

export const ClassificationSchema = z.enum([
  'transient',
  'serious_substantive',
  'very_serious_substantive',
  'low_concern',
  'moderate_concern',
  'high_concern',
]);
export type Classification = z.infer<typeof ClassificationSchema>;

/** The classification's definition in its protocol, or undefined when it belongs to the other one. */
export function classificationOf(protocol: Protocol, key: string): ClassificationDef | undefined {
  return PROTOCOL_DEFS[protocol].classifications.find((c) => c.key === key);
}

/**
 * Which required team roles are missing to classify: the three of every team, plus special
 * education when the student has an IEP or a 504 plan (CSTAG; IDEA's and Section 504's
 * protections apply before any disciplinary change).
 */
export function missingRolesToClassify(
  memberRoles: readonly TeamRole[],
  student: { idea: boolean; section504: boolean },
): TeamRole[] {
  const needed: TeamRole[] = [...REQUIRED_TEAM_ROLES];
  if (student.idea || student.section504) needed.push('special_education');
  return needed.filter((r) => !memberRoles.includes(r));
}

export const CASE_SOURCES = ['staff_report', 'incident', 'tip'] as const;
export const CaseSourceSchema = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof CaseSourceSchema>;

export const CASE_STATUSES = ['open', 'closed'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/**
 * How a case ended for the student. The equity audit compares removal (suspension, expulsion,
 * alternative placement, arrest) with support-only outcomes.
 */
export const CASE_OUTCOMES = [
  'resolved_no_action',
  'support_only',
  'suspension',
  'expulsion',
  'alternative_placement',
  'arrest',
] as const;
export const CaseOutcomeSchema = z.enum(CASE_OUTCOMES);
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;
export const REMOVAL_OUTCOMES: readonly CaseOutcome[] = ['suspension', 'expulsion', 'alternative_placement', 'arrest'];

export const INTERVIEWEE_KINDS = ['student', 'recipient', 'witness', 'parent', 'staff', 'other'] as const;
export const IntervieweeKindSchema = z.enum(INTERVIEWEE_KINDS);

export const CONTACT_METHODS = ['phone', 'in_person', 'video', 'email', 'letter'] as const;
export const ContactMethodSchema = z.enum(CONTACT_METHODS);

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/**
 * FERPA 99.8: the team's records are education records; only an SRO's own notes made for a
 * law-enforcement purpose are law-enforcement-unit records. Derived, never taken from input.
 */
export const CASE_RECORD_CLASSES = ['education', 'law_enforcement_unit'] as const;
export type CaseRecordClass = (typeof CASE_RECORD_CLASSES)[number];

/** Referrals of a student to support services (issue 15 item 3). */
export const PROVIDER_KINDS = ['counselor', 'social_worker', 'psychologist', 'community_provider'] as const;
export const ProviderKindSchema = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

export const REFERRAL_STATUSES = ['made', 'accepted', 'first_contact', 'ongoing', 'completed', 'declined'] as const;
export const ReferralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;

export const REFERRAL_SOURCES = ['case', 'incident', 'direct'] as const;
export const ReferralSourceSchema = z.enum(REFERRAL_SOURCES);
export type ReferralSource = z.infer<typeof ReferralSourceSchema>;

/**
 * A referral "has no recorded follow-up" while nobody has recorded that the student was reached
 * or that the service was declined: a case cannot close while one it made is in this state.
 */
export const referralAwaitsFollowUp = (status: ReferralStatus): boolean => status === 'made' || status === 'accepted';

/** Closure needs two members' sign-off, one of them the mental-health professional. */
export const CLOSURE_SIGNOFFS = 2;

/** Default equity alert threshold: a group's risk ratio at or above it with its interval above 1. */
export const DEFAULT_EQUITY_THRESHOLD = 1.5;
