import { z } from 'zod';
import { ActivityKindSchema, SRO_FUNCTIONS } from '../training.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/**
 * Issue 14 item 4: officers' time outside incidents. Hours are whole quarters of an hour, stored
 * as minutes; a day's total for one officer may not pass 24 hours (the service checks the sum).
 */
export const ACTIVITY_MAX_DAY_HOURS = 24;
/** An entry may be withdrawn by its author (or a district administrator) for this many days after it was logged. */
export const ACTIVITY_DELETE_DAYS = 7;
/** Kinds that happen outside a school, so an entry of theirs names no school. */
export const ACTIVITY_KINDS_WITHOUT_SCHOOL = ['away_from_school', 'training'] as const;
/**
 * The COPS Hiring Program's condition (DOMAIN.md): funded SROs spend at least 75% of their time in
 * and around schools. A district with another grant passes its own share as `inSchoolTarget`.
 */
export const COPS_IN_SCHOOL_SHARE = 0.75;
/** BJS (2015-16): about 69% of SROs had responded to an incident in a classroom in the past 30 days. */
export const BJS_CLASSROOM_SHARE = 0.69;

const ActivityDateSchema = z.iso.date();

export const ActivityInputSchema = z.object({
  activityOn: ActivityDateSchema,
  kind: ActivityKindSchema,
  hours: z.number().positive().max(ACTIVITY_MAX_DAY_HOURS).multipleOf(0.25),
  schoolId: IdSchema.nullable().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ActivityInput = z.infer<typeof ActivityInputSchema>;

export const OfficerIdParamsSchema = z.object({ officerId: IdSchema });

export const ActivitySchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  officerId: IdSchema,
  officerName: z.string(),
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  activityOn: z.string(),
  kind: ActivityKindSchema,
  hours: z.number(),
  note: z.string().nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: z.string(),
  /** Whether the reader may still withdraw it (author or administrator, within ACTIVITY_DELETE_DAYS). */
  deletable: z.boolean(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** The answer to a log: the entry and the officer's total for that day after it. */
export const ActivityLoggedSchema = ActivitySchema.extend({ dayHours: z.number() });
export type ActivityLogged = z.infer<typeof ActivityLoggedSchema>;

export const ActivityListQuerySchema = PageQuerySchema.extend({
  officerId: IdSchema.optional(),
  schoolId: IdSchema.optional(),
  from: ActivityDateSchema.optional(),
  to: ActivityDateSchema.optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;
export const ActivityPageSchema = pageOf(ActivitySchema).extend({
  /** The officers the reader may pick in the filter or log time for (an SRO: only themselves). */
  officers: z.array(z.object({ id: IdSchema, name: z.string(), schoolIds: z.array(IdSchema), own: z.boolean() })),
});
export type ActivityPage = z.infer<typeof ActivityPageSchema>;

export const ActivitySummaryQuerySchema = z.object({
  officerId: IdSchema.optional(),
  schoolId: IdSchema.optional(),
  from: ActivityDateSchema.optional(),
  to: ActivityDateSchema.optional(),
  /** The grant condition to compare the share of time in schools with (0 to 1); default COPS_IN_SCHOOL_SHARE. */
  inSchoolTarget: z.coerce.number().min(0).max(1).optional(),
});
export type ActivitySummaryQuery = z.infer<typeof ActivitySummaryQuerySchema>;

export const SroFunctionSchema = z.enum(SRO_FUNCTIONS);

export const ActivitySummarySchema = z.object({
  districtId: IdSchema,
  from: z.string(),
  to: z.string(),
  totalHours: z.number(),
  /** Hours by kind, every kind listed (zero included) so a table reads the same each time. */
  items: z.array(z.object({ kind: ActivityKindSchema, function: SroFunctionSchema.nullable(), hours: z.number() })),
  /** The three functions' hours and their share of the hours that count toward a function (null: none). */
  byFunction: z.array(z.object({ function: SroFunctionSchema, hours: z.number(), share: z.number().nullable() })),
  inSchools: z.object({
    hours: z.number(),
    share: z.number().nullable(),
    target: z.number(),
    /** null when nothing is logged. */
    meetsTarget: z.boolean().nullable(),
  }),
  /** The role-drift dashboard's BJS measure, for the same schools, beside the national figure. */
  classroom: z.object({
    activeOfficers: z.number().int(),
    withClassroomResponse: z.number().int(),
    share: z.number().nullable(),
    asOf: z.string(),
    bjsShare: z.number(),
  }),
});
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;
