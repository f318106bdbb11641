import { z } from 'zod';
import { IdSchema } from './common.js';
import { TrainingTopicSchema } from '../training.js';

/**
 * Issue 14 item 3: the compliance dashboard (GET /api/districts/:id/training/compliance) and one
 * officer's compliance (GET /api/officers/:officerId/compliance). Reasons are codes with params
 * (training-compliance.ts), said in the reader's language by the page.
 */
export const COMPLIANCE_STATUSES = ['compliant', 'expiring', 'not_compliant'] as const;
export const ComplianceStatusSchema = z.enum(COMPLIANCE_STATUSES);

export const ComplianceQuerySchema = z.object({
  status: ComplianceStatusSchema.optional(),
  schoolId: IdSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** "Compliance on 1 March": a what-if date; the district's today when absent. */
  asOf: z.iso.date().optional(),
  /** Inactive officers are left out unless asked for. */
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ComplianceQuery = z.infer<typeof ComplianceQuerySchema>;

export const ComplianceReasonSchema = z.object({
  rule: z.string(),
  code: z.enum(['needs_hours', 'needs_topics', 'needs_credential', 'lapsed', 'lapses', 'annual_short']),
  overdue: z.boolean(),
  params: z.object({
    hours: z.number().optional(),
    topics: z.array(TrainingTopicSchema).optional(),
    credential: z.string().optional(),
    date: z.string().optional(),
    year: z.string().optional(),
  }),
});

export const OfficerComplianceRowSchema = z.object({
  officerId: IdSchema,
  name: z.string(),
  agency: z.string(),
  badgeNumber: z.string(),
  officerStatus: z.string(),
  status: ComplianceStatusSchema,
  reasons: z.array(ComplianceReasonSchema),
  nextLapse: z.string().nullable(),
  totalHours: z.number(),
  schools: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export type OfficerComplianceRow = z.infer<typeof OfficerComplianceRowSchema>;

/** Credential names in both languages, so a reason names the credential without another request. */
export const CredentialNameSchema = z.object({ key: z.string(), en: z.string(), es: z.string() });
export type CredentialName = z.infer<typeof CredentialNameSchema>;

export const ComplianceDashboardSchema = z.object({
  asOf: z.string(),
  summary: z.object({
    total: z.number().int(),
    compliant: z.number().int(),
    expiring: z.number().int(),
    not_compliant: z.number().int(),
  }),
  items: z.array(OfficerComplianceRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  credentials: z.array(CredentialNameSchema),
});
export type ComplianceDashboard = z.infer<typeof ComplianceDashboardSchema>;

export const ComplianceOfficerParamsSchema = z.object({ officerId: IdSchema });
export const ComplianceOfficerQuerySchema = z.object({ asOf: z.iso.date().optional() });

export const OfficerComplianceSchema = OfficerComplianceRowSchema.extend({
  asOf: z.string(),
  rules: z.array(
    z.object({ rule: z.string(), met: z.boolean(), lapsesOn: z.string().nullable(), dueOn: z.string().nullable() }),
  ),
  records: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      completedOn: z.string(),
      hours: z.number(),
      topics: z.array(TrainingTopicSchema),
      credential: z.string().nullable(),
      expiresOn: z.string().nullable(),
      lapsesOn: z.string().nullable(),
    }),
  ),
  credentials: z.array(CredentialNameSchema),
});
export type OfficerComplianceDetail = z.infer<typeof OfficerComplianceSchema>;

/** The `training.reminders` job's input and the CLI's `--as-of`: the day to run as (tests set the clock). */
export const TrainingRemindersInputSchema = z.object({ asOf: z.iso.date().optional() });
