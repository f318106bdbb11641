import { z } from 'zod';

/**
 * Issue 14: officers' training standards as data (DOMAIN.md section 6). Topics are the brief's list
 * of youth-focused subjects; a course or a completion record is tagged with the topics it covers.
 */
export const TRAINING_TOPICS = [
  'adolescent_development',
  'de_escalation',
  'implicit_bias',
  'disabilities_special_education_law',
  'trauma_informed_practice',
  'crisis_intervention',
  'youth_mental_health_first_aid',
  'cultural_competency',
  'restorative_practices',
  'school_law',
  'emergency_response',
] as const;
export const TrainingTopicSchema = z.enum(TRAINING_TOPICS);
export type TrainingTopic = z.infer<typeof TrainingTopicSchema>;

/** A credential type's key: lower-case words joined by underscores (`ymhfa`, `sro_basic`). */
export const CredentialKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

/**
 * Credential types every district starts with; a district adds its own. `validityMonths` null: it
 * does not expire by itself (a rule may still ask for it to be renewed).
 */
export const DEFAULT_CREDENTIAL_TYPES = [
  { key: 'sro_basic', validityMonths: null, en: 'Basic SRO course (40 hours)', es: 'Curso básico de SRO (40 horas)' },
  {
    key: 'nasro_basic',
    validityMonths: null,
    en: 'NASRO Basic SRO Course (40 hours)',
    es: 'Curso básico de SRO de NASRO (40 horas)',
  },
  {
    key: 'ymhfa',
    validityMonths: null,
    en: 'Youth Mental Health First Aid',
    es: 'Primeros Auxilios de Salud Mental para Jóvenes',
  },
  {
    key: 'sro_refresher',
    validityMonths: null,
    en: 'SRO refresher (16 hours)',
    es: 'Curso de actualización de SRO (16 horas)',
  },
] as const;

/**
 * When a rule is due. `before_assignment`: before the officer starts in a school (the assignment
 * gate checks these). `after_assignment`: within `months` of the start of the officer's assignment.
 */
export const RuleDueSchema = z.discriminatedUnion('when', [
  z.object({ when: z.literal('before_assignment') }),
  z.object({ when: z.literal('after_assignment'), months: z.number().int().min(1).max(120) }),
]);
export type RuleDue = z.infer<typeof RuleDueSchema>;

const RuleKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/);
/** Months after which completed training no longer counts; null: once is enough. */
const RenewSchema = z.number().int().min(1).max(240).nullable();
/** Hours a rule asks for: whole quarters of an hour, up to 1,000. */
const RuleHoursSchema = z.number().positive().max(1000).multipleOf(0.25);

export const TrainingRuleSchema = z.discriminatedUnion('kind', [
  /** So many hours of training in any of `topics` (empty: any topic). */
  z.object({
    kind: z.literal('hours'),
    key: RuleKeySchema,
    hours: RuleHoursSchema,
    topics: z.array(TrainingTopicSchema).max(TRAINING_TOPICS.length),
    due: RuleDueSchema,
    renewEveryMonths: RenewSchema,
  }),
  /** At least one completed training covering each of `topics` ("including crisis intervention"). */
  z.object({
    kind: z.literal('topics'),
    key: RuleKeySchema,
    topics: z.array(TrainingTopicSchema).min(1).max(TRAINING_TOPICS.length),
    due: RuleDueSchema,
    renewEveryMonths: RenewSchema,
  }),
  /** A credential (a course with a certificate), valid now; renewed every `renewEveryMonths`. */
  z.object({
    kind: z.literal('credential'),
    key: RuleKeySchema,
    credential: CredentialKeySchema,
    due: RuleDueSchema,
    renewEveryMonths: RenewSchema,
  }),
  /** So many hours in every school year (the district's, 1 July by default) the officer serves all of. */
  z.object({
    kind: z.literal('annual_hours'),
    key: RuleKeySchema,
    hours: RuleHoursSchema,
    topics: z.array(TrainingTopicSchema).max(TRAINING_TOPICS.length),
  }),
]);
export type TrainingRule = z.infer<typeof TrainingRuleSchema>;

/** What happens when an officer who does not meet the standard is assigned to a school. */
export const GATE_MODES = ['block', 'warn', 'off'] as const;
export const GateModeSchema = z.enum(GATE_MODES);
export type GateMode = z.infer<typeof GateModeSchema>;

export const TRAINING_PRESETS = ['brief_40', 'national_80', 'district_180', 'nasro_basic', 'arkansas_2025'] as const;
export const TrainingPresetSchema = z.enum(TRAINING_PRESETS);
export type TrainingPreset = z.infer<typeof TrainingPresetSchema>;

const before: RuleDue = { when: 'before_assignment' };
const including: TrainingRule = {
  kind: 'topics',
  key: 'crisis_and_culture',
  topics: ['crisis_intervention', 'cultural_competency'],
  due: before,
  renewEveryMonths: null,
};
const hoursBefore = (key: string, hours: number): TrainingRule => ({
  kind: 'hours',
  key,
  hours,
  topics: [],
  due: before,
  renewEveryMonths: null,
});

/**
 * The presets (DOMAIN.md section 6). The 80- and 180-hour figures have no public source: they are
 * presets a district edits, as the brief says requirements differ by district.
 */
export const PRESET_RULES: Readonly<Record<TrainingPreset, readonly TrainingRule[]>> = {
  brief_40: [hoursBefore('youth_hours', 40), including],
  national_80: [hoursBefore('youth_hours', 80), including],
  district_180: [hoursBefore('youth_hours', 180), including],
  nasro_basic: [
    { kind: 'credential', key: 'basic_course', credential: 'nasro_basic', due: before, renewEveryMonths: null },
  ],
  arkansas_2025: [
    { kind: 'credential', key: 'basic_course', credential: 'sro_basic', due: before, renewEveryMonths: null },
    {
      kind: 'credential',
      key: 'ymhfa',
      credential: 'ymhfa',
      due: { when: 'after_assignment', months: 18 },
      renewEveryMonths: 48,
    },
    {
      kind: 'credential',
      key: 'refresher',
      credential: 'sro_refresher',
      due: { when: 'after_assignment', months: 60 },
      renewEveryMonths: 60,
    },
    { kind: 'annual_hours', key: 'continuing_education', hours: 12, topics: [] },
  ],
};

/** The district's standard: a preset it started from (or `custom`), the rules, the gate. */
export const TrainingStandardSchema = z.object({
  preset: z.union([TrainingPresetSchema, z.literal('custom')]),
  rules: z
    .array(TrainingRuleSchema)
    .max(30)
    .refine((rules) => new Set(rules.map((r) => r.key)).size === rules.length, {
      params: { rule: 'unique_rule_keys' },
    }),
  gateMode: GateModeSchema,
});
export type TrainingStandard = z.infer<typeof TrainingStandardSchema>;

/** A district that has not chosen yet is held to the brief's 40 hours, and is warned, not blocked. */
export const DEFAULT_TRAINING_STANDARD: TrainingStandard = {
  preset: 'brief_40',
  rules: [...PRESET_RULES.brief_40],
  gateMode: 'warn',
};

/**
 * Officers' time outside incidents (issue 14 item 4), and the brief's three functions each kind
 * counts toward. `training` and `away_from_school` count toward none: they are neither in a school
 * nor one of the functions.
 */
export const ACTIVITY_KINDS = [
  'mentoring',
  'teaching_class',
  'safety_assessment',
  'community_event',
  'family_event',
  'patrol',
  'training',
  'away_from_school',
] as const;
export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

export const SRO_FUNCTIONS = ['law_enforcement', 'informal_counseling', 'community_outreach'] as const;
export type SroFunction = (typeof SRO_FUNCTIONS)[number];

export const ACTIVITY_FUNCTION: Readonly<Record<ActivityKind, SroFunction | null>> = {
  mentoring: 'informal_counseling',
  teaching_class: 'community_outreach',
  safety_assessment: 'law_enforcement',
  community_event: 'community_outreach',
  family_event: 'community_outreach',
  patrol: 'law_enforcement',
  training: null,
  away_from_school: null,
};

/** Officers on the roster: status. `inactive`: left the program or on long leave. */
export const OFFICER_STATUSES = ['active', 'inactive'] as const;
export const OfficerStatusSchema = z.enum(OFFICER_STATUSES);
export type OfficerStatus = z.infer<typeof OfficerStatusSchema>;

/** A completion record is counted only once a training coordinator approved it. */
export const TRAINING_RECORD_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const TrainingRecordStatusSchema = z.enum(TRAINING_RECORD_STATUSES);
export type TrainingRecordStatus = z.infer<typeof TrainingRecordStatusSchema>;

/** How soon a lapse or a deadline makes an officer "expiring soon", and when reminders go out. */
export const EXPIRING_SOON_DAYS = 60;
export const REMINDER_DAYS_BEFORE = [60, 30] as const;
