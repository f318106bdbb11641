import { z } from 'zod';
import { EMERGENCY_BASIS, LEGAL_BASIS_KEYS, type LegalBasisKey } from './disclosures.js';

/**
 * Issue 15 item 2: a case's record as a PDF, in the reader's language, for a team meeting
 * (GET /api/threat-cases/:id/pdf) or a records request (POST /api/threat-cases/:id/disclosures),
 * which records a FERPA 99.32 disclosure with the PDF it answers.
 */
export const CasePdfQuerySchema = z.object({ lang: z.enum(['en', 'es']).default('en') });

/** Who receives the copy, why, on what ground, and the threat for an emergency (99.32(a)(5)). */
export const CaseRecordsRequestSchema = z
  .object({
    party: z.string().trim().min(1).max(200),
    purpose: z.string().trim().min(1).max(500),
    legalBasis: z.enum(LEGAL_BASIS_KEYS as [LegalBasisKey, ...LegalBasisKey[]]),
    emergencyThreat: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((v) => v.legalBasis !== EMERGENCY_BASIS || v.emergencyThreat !== undefined, {
    path: ['emergencyThreat'],
    message: 'A health or safety emergency disclosure must state the threat',
  });
export type CaseRecordsRequest = z.infer<typeof CaseRecordsRequestSchema>;

/**
 * The request's body as the route accepts it: every field optional, so that a request without the
 * recipient, purpose or legal basis is answered `disclosure_required` (as the export jobs are),
 * not a generic validation error; the service then checks it against CaseRecordsRequestSchema.
 */
export const CaseRecordsRequestBodySchema = z.object({
  party: z.string().max(200).optional(),
  purpose: z.string().max(500).optional(),
  legalBasis: z.string().max(100).optional(),
  emergencyThreat: z.string().max(1000).optional(),
});
