import { z } from 'zod';
import { ClauseKeySchema } from '../mou-rules.js';
import { FlagKindSchema } from '../role-clarity.js';
import {
  BehaviorSchema,
  ContactPurposeSchema,
  IncidentStateSchema,
  InvolvementSchema,
  LocationSchema,
  OutsideLeKindSchema,
  RaceSchema,
  RecordClassSchema,
  SexSchema,
  SroActionSchema,
  StudentRoleSchema,
  WeaponSchema,
} from '../taxonomy.js';
import { GradeSchema } from './districts.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/** ISO 8601 date-time with an offset (the browser sends UTC `...Z`). */
export const DateTimeSchema = z.iso.datetime({ offset: true });
export const DateSchema = z.iso.date();

// ---------------------------------------------------------------------------------------------
// Input: what the officer's form (and the CSV import) sends.

export const SroActionInputSchema = z.object({
  action: SroActionSchema,
  /** The student the action was taken toward; null for actions toward nobody in particular. */
  studentId: IdSchema.nullable().default(null),
  at: DateTimeSchema,
  emergency: z.boolean().default(false),
  /** Required when `emergency` is true: why the review or the rule could not wait. */
  emergencyReason: z.string().trim().max(1000).nullable().default(null),
  parentNotified: z.boolean().default(false),
  /**
   * Which of the incident's behaviors the action addresses (judged against that behavior's rule).
   * Left out or null: judged against the incident's governing behavior, as before issue 12.
   */
  behavior: BehaviorSchema.nullish(),
});
export type SroActionInput = z.infer<typeof SroActionInputSchema>;

export const SroContactInputSchema = z.object({
  officerId: IdSchema,
  purpose: ContactPurposeSchema,
  involvement: InvolvementSchema,
  reportedAt: DateTimeSchema,
  arrivedAt: DateTimeSchema.nullable().default(null),
  actions: z.array(SroActionInputSchema).max(50).default([]),
});
export type SroContactInput = z.infer<typeof SroContactInputSchema>;

/**
 * A referral to law enforcement, or an arrest, by people outside Forefront: a principal's 911 call,
 * a patrol officer's arrest. CRDC counts these like an SRO's referral or arrest.
 */
export const OutsideReferralInputSchema = z.object({
  kind: OutsideLeKindSchema,
  studentId: IdSchema,
  /** The staff member (a Forefront user of the district) who referred; required for a referral. */
  referredBy: IdSchema.nullable().default(null),
  /** The outside officer (or dispatcher) as the school knows them. */
  officerName: z.string().trim().min(1).max(200),
  agency: z.string().trim().min(1).max(200),
  badgeNumber: z.string().trim().max(50).nullable().default(null),
  at: DateTimeSchema,
  /** Which of the incident's behaviors the referral was for. */
  behavior: BehaviorSchema.nullable().default(null),
});
export type OutsideReferralInput = z.infer<typeof OutsideReferralInputSchema>;

export const IncidentStudentInputSchema = z.object({ studentId: IdSchema, role: StudentRoleSchema });

export const IncidentInputSchema = z.object({
  schoolId: IdSchema,
  occurredAt: DateTimeSchema,
  location: LocationSchema,
  behaviors: z.array(BehaviorSchema).max(20).default([]),
  description: z.string().trim().max(4000).default(''),
  weapon: WeaponSchema.default('none'),
  /** Only when an offense is alleged may NIBRS codes be given (routine misbehavior is never a crime). */
  offenseAlleged: z.boolean().default(false),
  nibrsCodes: z.array(z.string().max(4)).max(10).default([]),
  students: z.array(IncidentStudentInputSchema).max(100).default([]),
  contacts: z.array(SroContactInputSchema).max(20).default([]),
  /** Left out by callers that predate issue 12 (read as none). */
  outsideReferrals: z.array(OutsideReferralInputSchema).max(50).optional(),
});
export type IncidentInput = z.infer<typeof IncidentInputSchema>;

export const ReviewInputSchema = z.object({
  studentId: IdSchema.nullable().default(null),
  reviewedAt: DateTimeSchema,
  decision: z.enum(['approved', 'declined']),
  note: z.string().trim().max(2000).default(''),
});
export type AdminReviewInput = z.infer<typeof ReviewInputSchema>;

export const IncidentTransitionSchema = z.object({ to: IncidentStateSchema });
export const ReclassifyInputSchema = z.object({
  recordClass: RecordClassSchema,
  reason: z.string().trim().min(10).max(2000),
});

// ---------------------------------------------------------------------------------------------
// Output.

/** Demographics as of the incident date, kept with the incident (CRDC counts use this). */
export const DemographicSnapshotSchema = z.object({
  grade: GradeSchema,
  race: RaceSchema,
  sex: SexSchema,
  idea: z.boolean(),
  section504: z.boolean(),
  englishLearner: z.boolean(),
});
export type DemographicSnapshot = z.infer<typeof DemographicSnapshotSchema>;

export const IncidentFlagSchema = z.object({
  kind: FlagKindSchema,
  officerId: IdSchema,
  officerName: z.string(),
  clause: ClauseKeySchema.nullable(),
  /** Title of the clause in the MOU version in force, for display. */
  clauseTitle: z.string().nullable(),
  mouVersionId: IdSchema.nullable(),
  behavior: BehaviorSchema.nullable(),
  action: SroActionSchema.nullable(),
  studentId: IdSchema.nullable(),
});

export const IncidentSummarySchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema,
  schoolName: z.string(),
  number: z.string(),
  occurredAt: z.string(),
  location: LocationSchema,
  behaviors: z.array(BehaviorSchema),
  state: IncidentStateSchema,
  recordClass: RecordClassSchema,
  studentCount: z.number().int(),
  flagCount: z.number().int(),
  arrest: z.boolean(),
  referral: z.boolean(),
  updatedAt: z.string(),
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const IncidentDetailSchema = IncidentSummarySchema.extend({
  /**
   * Issue 15: threat assessment cases opened from this incident, listed only to a reader who may
   * open them (a case's existence is need-to-know). Present on GET /api/incidents/:id.
   */
  threatCases: z.array(z.object({ id: z.string(), number: z.string() })).optional(),
  description: z.string(),
  weapon: WeaponSchema,
  offenseAlleged: z.boolean(),
  nibrsCodes: z.array(z.string()),
  version: z.number().int(),
  createdBy: IdSchema,
  createdByName: z.string(),
  students: z.array(
    z.object({
      studentId: IdSchema,
      localId: z.string(),
      name: z.string(),
      role: StudentRoleSchema,
      snapshot: DemographicSnapshotSchema,
    }),
  ),
  contacts: z.array(
    SroContactInputSchema.extend({
      id: IdSchema,
      officerName: z.string(),
      /** Minutes from report to arrival; null when the officer did not arrive or was already there. */
      responseMinutes: z.number().nullable(),
      actions: z.array(SroActionInputSchema.extend({ id: IdSchema })),
    }),
  ),
  outsideReferrals: z.array(OutsideReferralInputSchema.extend({ id: IdSchema, referredByName: z.string().nullable() })),
  reviews: z.array(
    ReviewInputSchema.extend({ id: IdSchema, reviewerId: IdSchema, reviewerName: z.string(), recordedAt: z.string() }),
  ),
  flags: z.array(IncidentFlagSchema),
  /** The MOU version whose rules were applied (the one in force on the incident date), if any. */
  mouVersionId: IdSchema.nullable(),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/**
 * One prior version: the incident as it was before a change made after submission (an edit or a
 * reclassification), with who made that change, when, and (for a reclassification) why.
 */
export const IncidentVersionSchema = z.object({
  version: z.number().int(),
  state: IncidentStateSchema,
  changedBy: IdSchema,
  changedByName: z.string(),
  changedAt: z.string(),
  /** The reason given for a reclassification; null for ordinary edits. */
  changeNote: z.string().nullable(),
  /** The whole incident as it was in this version (the input's fields plus recordClass). */
  snapshot: z.record(z.string(), z.unknown()),
});
export type IncidentVersion = z.infer<typeof IncidentVersionSchema>;

/** `GET /api/incidents/:id/versions`: the incident's prior versions, newest first. */
export const IncidentHistorySchema = z.object({
  id: IdSchema,
  number: z.string(),
  /** The current version number (not in `versions`: read it with GET /api/incidents/:id). */
  version: z.number().int(),
  versions: z.array(IncidentVersionSchema),
});
export type IncidentHistory = z.infer<typeof IncidentHistorySchema>;

export const IncidentListQuerySchema = PageQuerySchema.extend({
  schoolId: IdSchema.optional(),
  state: IncidentStateSchema.optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  behavior: BehaviorSchema.optional(),
  flagged: z.enum(['true', 'false']).optional(),
  officerId: IdSchema.optional(),
});
export const IncidentPageSchema = pageOf(IncidentSummarySchema);

// ---------------------------------------------------------------------------------------------
// Role-drift dashboard.

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-09');
/** Months are inclusive; both default to the 12 months ending with the current month (UTC). */
export const RoleDriftQuerySchema = z.object({
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  /** Narrow to one school; school administrators always see only their own schools. */
  schoolId: IdSchema.optional(),
});

/** Referrals and arrests by law enforcement outside Forefront: kept apart from the SROs' counts. */
const OutsideCountsSchema = z.object({
  /** Referrals by staff members (each also counts in CRDC's referred-to-law-enforcement). */
  staffReferrals: z.number().int(),
  /** Arrests by officers outside Forefront. */
  outsideArrests: z.number().int(),
  /** Staff referrals flagged for a behavior the MOU leaves to school staff. */
  flagged: z.number().int(),
});

const DriftCountsSchema = z.object({
  contacts: z.number().int(),
  routineDisciplineContacts: z.number().int(),
  violations: z.number().int(),
  arrests: z.number().int(),
  referrals: z.number().int(),
});

export const RoleDriftSchema = z.object({
  districtId: IdSchema,
  /** The months covered, inclusive (the defaults filled in). */
  from: z.string(),
  to: z.string(),
  totals: DriftCountsSchema.extend({ byKind: z.record(FlagKindSchema, z.number().int()) }),
  byMonth: z.array(DriftCountsSchema.extend({ month: z.string() })),
  /**
   * By school (named `items` like every list, so the policy matrix can check that a school
   * administrator gets only their own schools' rows). Only schools with activity appear.
   */
  items: z.array(DriftCountsSchema.extend({ schoolId: IdSchema, schoolName: z.string() })),
  byOfficer: z.array(DriftCountsSchema.extend({ officerId: IdSchema, officerName: z.string() })),
  outside: OutsideCountsSchema.extend({ byMonth: z.array(OutsideCountsSchema.extend({ month: z.string() })) }),
  /** BJS measure: share of active SROs with a classroom response in the last 30 days. */
  classroomResponse: z.object({
    activeOfficers: z.number().int(),
    withClassroomResponse: z.number().int(),
    share: z.number().nullable(),
    asOf: z.string(),
  }),
});
export type RoleDrift = z.infer<typeof RoleDriftSchema>;
