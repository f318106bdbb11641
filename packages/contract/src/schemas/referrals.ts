import { z } from 'zod';
import { ProviderKindSchema, ReferralSourceSchema, ReferralStatusSchema } from '../threat-assessment.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';

/** Issue 15 item 3: referrals of students to support services, and the district's provider directory. */

export const ProviderSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  kind: ProviderKindSchema,
  name: z.string(),
  organization: z.string().nullable(),
  userId: IdSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  active: z.boolean(),
  /** Referrals not completed or declined: the provider's caseload. */
  openReferrals: z.number().int(),
});
export type Provider = z.infer<typeof ProviderSchema>;
export const ProviderListSchema = z.object({ items: z.array(ProviderSchema) });

export const ProviderInputSchema = z.object({
  kind: ProviderKindSchema,
  name: z.string().trim().min(1).max(200),
  organization: z.string().trim().max(200).nullable().optional(),
  userId: IdSchema.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  languages: z
    .array(z.enum(['en', 'es']))
    .min(1)
    .max(2)
    .default(['en']),
  active: z.boolean().default(true),
});
export type ProviderInput = z.infer<typeof ProviderInputSchema>;

export const ReferralInputSchema = z.object({
  studentId: IdSchema,
  schoolId: IdSchema,
  kind: ProviderKindSchema,
  providerId: IdSchema.nullable().optional(),
  reason: z.string().trim().min(1).max(5000),
  followUpDueOn: z.iso.date(),
  /** A case of the actor's team the referral is made from. */
  caseId: IdSchema.optional(),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

/** Moving a referral on: each status records its date (today unless given). */
export const ReferralStatusInputSchema = z.object({
  status: ReferralStatusSchema,
  on: z.iso.date().optional(),
  providerId: IdSchema.nullable().optional(),
  version: z.number().int().positive(),
});
export type ReferralStatusInput = z.infer<typeof ReferralStatusInputSchema>;

export const ReferralListQuerySchema = PageQuerySchema.extend({
  status: ReferralStatusSchema.optional(),
  providerId: IdSchema.optional(),
  schoolId: IdSchema.optional(),
  /** `true`: only referrals whose follow-up date has passed without a recorded follow-up. */
  overdue: z.enum(['true', 'false']).optional(),
});
export type ReferralListQuery = z.infer<typeof ReferralListQuerySchema>;

export const ReferralSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema,
  schoolName: z.string(),
  studentId: IdSchema,
  studentName: z.string(),
  kind: ProviderKindSchema,
  providerId: IdSchema.nullable(),
  providerName: z.string().nullable(),
  source: ReferralSourceSchema,
  /** Shown only to readers who may open the case; otherwise null even when there is one. */
  caseId: IdSchema.nullable(),
  incidentId: IdSchema.nullable(),
  reason: z.string(),
  status: ReferralStatusSchema,
  madeAt: z.string(),
  madeBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  ongoingAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  declinedAt: z.string().nullable(),
  followUpDueOn: z.string(),
  awaitsFollowUp: z.boolean(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof ReferralSchema>;
export const ReferralPageSchema = pageOf(ReferralSchema);

/** "Make a referral": the students a referrer may pick (their schools'), found by name or local id. */
export const ReferralStudentQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  schoolId: IdSchema.optional(),
});
export type ReferralStudentQuery = z.infer<typeof ReferralStudentQuerySchema>;
export const ReferralStudentSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  schoolId: IdSchema,
  name: z.string(),
  localId: z.string(),
});
export type ReferralStudent = z.infer<typeof ReferralStudentSchema>;
export const ReferralStudentListSchema = z.object({ items: z.array(ReferralStudentSchema) });
