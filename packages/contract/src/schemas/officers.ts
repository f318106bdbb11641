import { z } from 'zod';
import { OfficerStatusSchema, GateModeSchema } from '../training.js';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';
import { EmailSchema } from './users.js';
import { ComplianceReasonSchema, CredentialNameSchema } from './compliance.js';

/**
 * Issue 14 items 1 and 3: the SRO roster (officers with or without an account), their assignments
 * to schools, the assignment gate and its exceptions. Dates are the district's local `YYYY-MM-DD`;
 * `z.iso.date()` refuses days that do not exist (2025-02-30).
 */
const DateSchema = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

export type ComplianceReasonWire = z.infer<typeof ComplianceReasonSchema>;

export const ComplianceSummarySchema = z.object({
  status: z.enum(['compliant', 'expiring', 'not_compliant']),
  reasons: z.array(ComplianceReasonSchema),
  /** The earliest day something that counts now stops counting. */
  nextLapse: z.string().nullable(),
  /** The day it was judged on (the district's today). */
  asOf: z.string(),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummarySchema>;

const SchoolRefSchema = z.object({ id: IdSchema, name: z.string() });

export const OfficerSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  name: z.string(),
  agency: z.string(),
  badgeNumber: z.string(),
  email: z.string().nullable(),
  userId: IdSchema.nullable(),
  status: OfficerStatusSchema,
  /** Schools the officer serves today. */
  schools: z.array(SchoolRefSchema),
  compliance: ComplianceSummarySchema,
});
export type Officer = z.infer<typeof OfficerSchema>;

export const OfficerListQuerySchema = PageQuerySchema.extend({
  /** Each word must start the name or the badge number. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('all'),
  schoolId: IdSchema.optional(),
  compliance: z.enum(['compliant', 'expiring', 'not_compliant']).optional(),
});
export type OfficerListQuery = z.infer<typeof OfficerListQuerySchema>;
export const OfficerPageSchema = pageOf(OfficerSchema);

export const OfficerCreateInputSchema = z.object({
  name: Text(200),
  agency: Text(200),
  badgeNumber: Text(40),
  email: EmailSchema.nullish(),
  /** An SRO account of the district not linked to another officer yet. */
  userId: IdSchema.nullish(),
});
export type OfficerCreateInput = z.infer<typeof OfficerCreateInputSchema>;

export const OfficerPatchInputSchema = z
  .object({
    name: Text(200),
    agency: Text(200),
    badgeNumber: Text(40),
    email: EmailSchema.nullable(),
    status: OfficerStatusSchema,
    /** null unlinks the account. */
    userId: IdSchema.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { params: { rule: 'nothingToUpdate' } });
export type OfficerPatchInput = z.infer<typeof OfficerPatchInputSchema>;

/** What the gate said when the assignment was made. */
export const ASSIGNMENT_GATES = ['met', 'warned', 'exception', 'off'] as const;

export const AssignmentSchema = z.object({
  id: IdSchema,
  officerId: IdSchema,
  schoolId: IdSchema,
  schoolName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  gate: z.enum(ASSIGNMENT_GATES),
  exceptionId: IdSchema.nullable(),
  createdAt: z.string(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const AssignmentCreateInputSchema = z.object({
  schoolId: IdSchema,
  startsOn: DateSchema,
  /** Assign anyway when the gate only warns. */
  confirmWarning: z.boolean().optional(),
});
export type AssignmentCreateInput = z.infer<typeof AssignmentCreateInputSchema>;

export const AssignmentEndInputSchema = z.object({ endsOn: DateSchema });
export type AssignmentEndInput = z.infer<typeof AssignmentEndInputSchema>;

export const AssignmentExceptionSchema = z.object({
  id: IdSchema,
  officerId: IdSchema,
  officerName: z.string(),
  /** null: any school. */
  schoolId: IdSchema.nullable(),
  schoolName: z.string().nullable(),
  reason: z.string(),
  approvedBy: IdSchema,
  approverName: z.string(),
  expiresOn: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  /** Not revoked and not expired on the district's today. */
  current: z.boolean(),
});
export type AssignmentException = z.infer<typeof AssignmentExceptionSchema>;

export const ExceptionCreateInputSchema = z.object({
  schoolId: IdSchema.nullish(),
  reason: Text(2000),
  /** After today, at most one year ahead. */
  expiresOn: DateSchema,
});
export type ExceptionCreateInput = z.infer<typeof ExceptionCreateInputSchema>;

export const ExceptionListQuerySchema = PageQuerySchema.extend({
  state: z.enum(['current', 'past', 'all']).default('all'),
});
export type ExceptionListQuery = z.infer<typeof ExceptionListQuerySchema>;
export const ExceptionPageSchema = pageOf(AssignmentExceptionSchema);

export const OfficerDetailSchema = OfficerSchema.extend({
  linkedAccount: z.object({ id: IdSchema, displayName: z.string(), email: z.string() }).nullable(),
  assignments: z.array(AssignmentSchema),
  exceptions: z.array(AssignmentExceptionSchema),
  gateMode: GateModeSchema,
  /** The district's credential types, so a reason names a credential in the reader's language. */
  credentialTypes: z.array(CredentialNameSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OfficerDetail = z.infer<typeof OfficerDetailSchema>;

/**
 * `GET /api/districts/:id/officers/linkable-accounts`: the district's SRO accounts not yet linked to
 * a roster entry (and not disabled), for the officer page's account picker.
 */
export const LinkableAccountsSchema = z.object({
  /** The district's id. */
  id: IdSchema,
  items: z.array(z.object({ id: IdSchema, displayName: z.string(), email: z.string() })),
});
export type LinkableAccounts = z.infer<typeof LinkableAccountsSchema>;

/** `GET /api/me/officer`: the signed-in SRO's own roster entry (null when none is linked). */
export const MyOfficerSchema = z.object({
  officer: OfficerSchema.extend({ credentialTypes: z.array(CredentialNameSchema) }).nullable(),
});
export type MyOfficer = z.infer<typeof MyOfficerSchema>;
export type ExceptionPage = z.infer<typeof ExceptionPageSchema>;
export type OfficerPage = z.infer<typeof OfficerPageSchema>;
