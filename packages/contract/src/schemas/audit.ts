import { z } from 'zod';
import { IdSchema, PageQuerySchema } from './common.js';
import { AUDIT_EVENT_KINDS } from '../audit-events.js';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  chain: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = PageQuerySchema.extend({
  kind: z.enum(AUDIT_EVENT_KINDS as [string, ...string[]]).optional(),
  actorId: IdSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first broken link: where and why. */
  firstBroken: z.object({ chain: z.string(), seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;
