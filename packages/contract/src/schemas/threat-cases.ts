import { z } from 'zod';
import {
  CASE_RECORD_CLASSES,
  CaseOutcomeSchema,
  CaseSourceSchema,
  CaseStatusSchema,
  CaseStepSchema,
  ClassificationSchema,
  ContactMethodSchema,
  IntervieweeKindSchema,
  ProtocolSchema,
  SEVERITIES,
  TaskStatusSchema,
  TeamRoleSchema,
} from '../threat-assessment.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * Issue 15 item 2: threat assessment cases. Texts are the most sensitive in the product: they are
 * sealed at rest with the district's key and never logged; every read and write is audited.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
const DateSchema = z.iso.date();
const InstantSchema = z.iso.datetime({ offset: true });

/** A staff member's report of a concern (any staff member; the short form). */
export const ThreatReportInputSchema = z.object({
  schoolId: IdSchema,
  studentId: IdSchema,
  /** What was said or done, where, to whom. */
  concern: Text(5000),
  /** The incident this concern came from: the case and the incident link to each other. */
  incidentId: IdSchema.optional(),
});
export type ThreatReportInput = z.infer<typeof ThreatReportInputSchema>;

/** The reporter learns the case's number and which team has it, not the case (they may not be on it). */
export const ThreatReportReceiptSchema = z.object({ number: z.string(), teamName: z.string() });

export const CaseListQuerySchema = PageQuerySchema.extend({
  status: CaseStatusSchema.optional(),
  schoolId: IdSchema.optional(),
  /** Only cases with an overdue task or check-in. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseSummarySchema = z.object({
  id: IdSchema,
  number: z.string(),
  schoolId: IdSchema,
  schoolName: z.string(),
  teamId: IdSchema,
  teamName: z.string(),
  studentId: IdSchema,
  studentName: z.string(),
  protocol: ProtocolSchema,
  source: CaseSourceSchema,
  status: CaseStatusSchema,
  /** The first step of the protocol not yet done. */
  step: CaseStepSchema,
  classification: ClassificationSchema.nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Tasks and check-ins past their due date and not done. */
  overdue: z.number().int(),
  nextDueOn: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export const CasePageSchema = pageOf(CaseSummarySchema);

/** What someone off the team sees: numbers, never a case. */
export const CaseCountsSchema = z.object({
  open: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  bySeverity: z.object({
    unclassified: z.number().int(),
    low: z.number().int(),
    serious: z.number().int(),
    very_serious: z.number().int(),
  }),
  bySchool: z.array(
    z.object({ schoolId: IdSchema, schoolName: z.string(), open: z.number().int(), closed: z.number().int() }),
  ),
});
export type CaseCounts = z.infer<typeof CaseCountsSchema>;

const Who = z.object({ userId: IdSchema.nullable(), displayName: z.string().nullable() });

export const InterviewSchema = z.object({
  id: IdSchema,
  intervieweeKind: IntervieweeKindSchema,
  interviewee: z.string(),
  interviewedAt: z.string(),
  interviewer: Who,
  summary: z.string(),
});
export const InterviewInputSchema = z.object({
  intervieweeKind: IntervieweeKindSchema,
  interviewee: Text(200),
  interviewedAt: InstantSchema,
  summary: Text(10000),
});
export type InterviewInput = z.infer<typeof InterviewInputSchema>;

export const IepCheckInputSchema = z.object({ note: Text(2000) });

export const ClassificationInputSchema = z.object({
  classification: ClassificationSchema,
  rationale: Text(5000),
});
export type ClassificationInput = z.infer<typeof ClassificationInputSchema>;

/**
 * The safety evaluation of a very serious case: the mental-health screening, and law enforcement
 * only when the district's threshold is met, with the reason recorded.
 */
export const SafetyEvaluationInputSchema = z
  .object({
    screening: Text(10000),
    lawEnforcement: z.boolean(),
    lawEnforcementReason: Text(2000).optional(),
  })
  .refine((v) => !v.lawEnforcement || v.lawEnforcementReason !== undefined, {
    path: ['lawEnforcementReason'],
    message: 'Say how the district’s threshold for law enforcement is met',
  });
export type SafetyEvaluationInput = z.infer<typeof SafetyEvaluationInputSchema>;

export const SafetyPlanInputSchema = z.object({ plan: Text(20000) });

export const TaskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  owner: Who,
  dueOn: z.string(),
  status: TaskStatusSchema,
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type Task = z.infer<typeof TaskSchema>;
/** An intervention of the safety plan; its owner must be on the case's team. */
export const TaskInputSchema = z.object({ title: Text(500), ownerId: IdSchema, dueOn: DateSchema });
export type TaskInput = z.infer<typeof TaskInputSchema>;
export const TaskUpdateSchema = z.object({ status: TaskStatusSchema });

export const CheckinSchema = z.object({
  id: IdSchema,
  dueOn: z.string(),
  owner: Who,
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});
export type Checkin = z.infer<typeof CheckinSchema>;
export const CheckinInputSchema = z.object({ dueOn: DateSchema, ownerId: IdSchema });
export const CheckinDoneSchema = z.object({ note: Text(5000) });

export const ParentContactSchema = z.object({
  id: IdSchema,
  contactedAt: z.string(),
  method: ContactMethodSchema,
  by: Who,
  note: z.string().nullable(),
});
export const ParentContactInputSchema = z.object({
  contactedAt: InstantSchema,
  method: ContactMethodSchema,
  note: Text(5000).optional(),
});

export const CaseNoteSchema = z.object({
  id: IdSchema,
  author: Who,
  recordClass: z.enum(CASE_RECORD_CLASSES),
  body: z.string(),
  createdAt: z.string(),
});
export const CaseNoteInputSchema = z.object({
  body: Text(10000),
  /**
   * An SRO's own investigative note for a law-enforcement purpose (FERPA 99.8): only then is it a
   * law-enforcement-unit record. From anyone else the mark is ignored: the note is an education record.
   */
  lawEnforcementPurpose: z.boolean().optional(),
});

/** NTAC: the team's finding on one investigative theme. */
export const ThemeInputSchema = z.object({ finding: Text(5000) });
export const ThemeSchema = z.object({ theme: z.string(), finding: z.string(), updatedAt: z.string() });

export const SignoffSchema = z.object({
  userId: IdSchema,
  displayName: z.string(),
  teamRole: TeamRoleSchema,
  signedAt: z.string(),
});
export const CloseInputSchema = z.object({ outcome: CaseOutcomeSchema, summary: Text(5000) });
export type CloseInput = z.infer<typeof CloseInputSchema>;

/** A referral made from the case, as the case shows it (the referral module owns the rest). */
export const CaseReferralSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  providerName: z.string().nullable(),
  status: z.string(),
  followUpDueOn: z.string(),
  awaitsFollowUp: z.boolean(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  districtId: IdSchema,
  concern: z.string(),
  reportedBy: Who,
  incidentId: IdSchema.nullable(),
  incidentNumber: z.string().nullable(),
  tipId: IdSchema.nullable(),
  student: z.object({
    race: z.string(),
    sex: z.string(),
    idea: z.boolean(),
    section504: z.boolean(),
    englishLearner: z.boolean(),
  }),
  team: z.object({
    members: z.array(z.object({ userId: IdSchema, displayName: z.string(), teamRole: TeamRoleSchema })),
    /** Roles the team lacks to classify this student's case (special education for an IEP or 504). */
    missingToClassify: z.array(TeamRoleSchema),
  }),
  /** Steps done, in protocol order, and the steps the classification still needs before closure. */
  stepsDone: z.array(CaseStepSchema),
  stepsRequired: z.array(CaseStepSchema),
  iepCheck: z.object({ at: z.string(), by: Who, note: z.string() }).nullable(),
  rationale: z.string().nullable(),
  classifiedAt: z.string().nullable(),
  classifiedBy: Who.nullable(),
  safetyEvaluation: z
    .object({
      screening: z.string(),
      at: z.string(),
      by: Who,
      lawEnforcement: z.boolean(),
      lawEnforcementReason: z.string().nullable(),
    })
    .nullable(),
  /** The district's threshold, shown where the team decides on law enforcement. */
  leThreshold: z.string(),
  safetyPlan: z.object({ plan: z.string(), at: z.string() }).nullable(),
  interviews: z.array(InterviewSchema),
  themes: z.array(ThemeSchema),
  tasks: z.array(TaskSchema),
  checkins: z.array(CheckinSchema),
  parentContacts: z.array(ParentContactSchema),
  notes: z.array(CaseNoteSchema),
  referrals: z.array(CaseReferralSchema),
  signoffs: z.array(SignoffSchema),
  outcome: CaseOutcomeSchema.nullable(),
  closure: z.string().nullable(),
  version: z.number().int(),
  /** What the reader may do: a read-only auditor sees the record without its forms. */
  canWrite: z.boolean(),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const CaseIdParamsSchema = z.object({ id: IdSchema });
export const CaseChildParamsSchema = z.object({ id: IdSchema, childId: IdSchema });
export const CaseThemeParamsSchema = z.object({ id: IdSchema, theme: z.string().max(64) });
