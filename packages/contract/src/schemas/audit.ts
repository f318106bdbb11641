import { z } from 'zod';
import { IdSchema, PageQuerySchema } from './common.js';
import { AUDIT_EVENT_KINDS } from '../audit-events.js';
import { RoleSchema } from '../roles.js';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  chain: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  /** The actor's name, resolved by the server only for people of the district (null otherwise). */
  actorName: z.string().nullable(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  /**
   * Words for the ids in the payload, keyed by the payload key (incidentId -> "INC-2026-000041",
   * mouId -> the MOU's title, studentId -> the student's name and local id when the reader may see
   * the student). A key is absent when the subject is unknown or not the reader's to see.
   */
  labels: z.record(z.string(), z.string()),
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

/** What kind of break verification found, so a page can say it in the reader's language. */
export const AUDIT_BREAK_CODES = [
  'sequence_gap',
  'previous_hash',
  'content_edited',
  'chain_deleted',
  'head_missing',
  'head_mismatch',
  'anchor_chain_deleted',
  'anchor_truncated',
  'anchor_rewritten',
] as const;
export type AuditBreakCode = (typeof AUDIT_BREAK_CODES)[number];

export const AuditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first broken link: where and why (`reason` in English for the command line, `code` for pages). */
  firstBroken: z
    .object({ chain: z.string(), seq: z.number().int(), code: z.enum(AUDIT_BREAK_CODES), reason: z.string() })
    .nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;

/** One person of the district, for the audit log's "by person" filter. */
export const AuditPersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
});
export type AuditPerson = z.infer<typeof AuditPersonSchema>;
export const AuditPeopleSchema = z.object({ items: z.array(AuditPersonSchema) });
