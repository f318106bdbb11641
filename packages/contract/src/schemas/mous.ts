import { z } from 'zod';
import { CLAUSE_KEYS, ClauseKeySchema, MouTemplateSchema, RoleRulesSchema } from '../mou-rules.js';
import { IdSchema } from './common.js';
import { LANGS } from '../labels.js';

/** MOU API schemas (issue 3 item 1). The rules themselves live in mou-rules.ts. */

const MouDateSchema = z.iso.date();

/**
 * The language a version's text is written, and so signed, in (issue 13). The signed text is the
 * authoritative one; a reader of the other language sees the library's translation, marked as such.
 */
export const MouLanguageSchema = z.enum(LANGS);
export type MouLanguage = z.infer<typeof MouLanguageSchema>;
const TrimmedText = (max: number) => z.string().trim().max(max);

export const ClauseSchema = z.object({
  key: ClauseKeySchema,
  title: z.string().trim().min(1).max(200),
  /** Empty text is allowed while drafting; the completeness check counts it as missing. */
  text: TrimmedText(20_000),
});
export type Clause = z.infer<typeof ClauseSchema>;

export const MOU_VERSION_STATUSES = ['draft', 'awaiting_signatures', 'signed', 'in_force', 'superseded'] as const;
export const MouVersionStatusSchema = z.enum(MOU_VERSION_STATUSES);
export type MouVersionStatus = z.infer<typeof MouVersionStatusSchema>;

export const MOU_REMINDER_KINDS = ['review_due_60', 'review_due_30', 'review_overdue'] as const;
export const MouReminderKindSchema = z.enum(MOU_REMINDER_KINDS);
export type MouReminderKind = z.infer<typeof MouReminderKindSchema>;

export const CompletenessSchema = z.object({
  template: MouTemplateSchema,
  required: z.array(ClauseKeySchema),
  present: z.array(ClauseKeySchema),
  missing: z.array(ClauseKeySchema),
  complete: z.boolean(),
});
export type Completeness = z.infer<typeof CompletenessSchema>;

export const MouReminderSchema = z.object({
  kind: MouReminderKindSchema,
  reviewDate: z.string(),
  version: z.number().int(),
});
export type MouReminder = z.infer<typeof MouReminderSchema>;

// ---------------------------------------------------------------------------------------------
// Input

export const CreateMouInputSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    agencyName: z.string().trim().min(2).max(200),
    template: MouTemplateSchema,
    effectiveDate: MouDateSchema,
    /** Defaults to one year after the effective date (the annual review). */
    reviewDate: MouDateSchema.optional(),
    /** The language of version 1's library text (English when left out). */
    language: MouLanguageSchema.optional(),
  })
  .refine((v) => !v.reviewDate || v.reviewDate > v.effectiveDate, {
    path: ['reviewDate'],
    message: 'The review date must come after the effective date',
    params: { rule: 'reviewAfterEffective' },
  });
export type CreateMouInput = z.infer<typeof CreateMouInputSchema>;

export const CreateMouVersionInputSchema = z
  .object({
    clauses: z
      .array(ClauseSchema)
      .min(1)
      .max(CLAUSE_KEYS.length)
      .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, {
        message: 'Each clause may appear only once',
        params: { rule: 'clauseOnce' },
      }),
    roleRules: RoleRulesSchema,
    effectiveDate: MouDateSchema,
    reviewDate: MouDateSchema,
    changeNote: z.string().trim().min(1, 'Say what changed').max(2000),
    /** The language the clauses are written in; the previous version's when left out. */
    language: MouLanguageSchema.optional(),
  })
  .refine((v) => v.reviewDate > v.effectiveDate, {
    path: ['reviewDate'],
    message: 'The review date must come after the effective date',
    params: { rule: 'reviewAfterEffective' },
  });
export type CreateMouVersionInput = z.infer<typeof CreateMouVersionInputSchema>;

/**
 * `staff_entered`: typed in by a district administrator for someone else, before issue 12 (nothing
 * proves the signatory signed; kept so old records say so). `electronic_account`: the signatory,
 * signed in to their own Forefront account. `electronic_link`: an outside signatory, through a
 * one-time mailed link and a code sent to their address. `paper`: a wet-ink page, scanned and
 * recorded by a staff member.
 */
export const MOU_SIGNATURE_METHODS = ['staff_entered', 'electronic_account', 'electronic_link', 'paper'] as const;
export const MouSignatureMethodSchema = z.enum(MOU_SIGNATURE_METHODS);
export type MouSignatureMethod = z.infer<typeof MouSignatureMethodSchema>;

export const MouPartySchema = z.enum(['district', 'agency']);
export type MouParty = z.infer<typeof MouPartySchema>;

export const SignatoryInputSchema = z.object({
  party: MouPartySchema,
  name: z.string().trim().min(2).max(200),
  title: z.string().trim().min(2).max(200),
  email: z.email().max(254).nullable().default(null),
});
export type SignatoryInput = z.infer<typeof SignatoryInputSchema>;

export const UpdateSignatoryInputSchema = z
  .object({
    name: SignatoryInputSchema.shape.name,
    title: SignatoryInputSchema.shape.title,
    email: z.email().max(254).nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update', params: { rule: 'nothingToUpdate' } });
export type UpdateSignatoryInput = z.infer<typeof UpdateSignatoryInputSchema>;

export const SignInputSchema = z.object({
  version: z.number().int().min(1),
  /** The signatory types their full name, as shown, to sign. */
  signedName: z.string().trim().min(2).max(200),
});
export type SignInput = z.infer<typeof SignInputSchema>;

export const MouDiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

// ---------------------------------------------------------------------------------------------
// Output

export const MouSignatorySchema = z.object({
  id: IdSchema,
  party: MouPartySchema,
  name: z.string(),
  title: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type MouSignatory = z.infer<typeof MouSignatorySchema>;

export const MouSignatureSchema = z.object({
  id: IdSchema,
  signatoryId: IdSchema,
  version: z.number().int(),
  signedName: z.string(),
  signedAt: z.string(),
  contentHash: z.string(),
  /** False when the signature covers other content than the version holds now (never for new rows). */
  valid: z.boolean(),
  method: MouSignatureMethodSchema,
  /** The staff member who recorded it (paper, staff_entered) or sent the link (electronic_link). */
  recordedByName: z.string().nullable(),
  /** For a link signature: the address the signer proved control of. */
  signerEmail: z.string().nullable(),
  hasScan: z.boolean(),
});
export type MouSignature = z.infer<typeof MouSignatureSchema>;

export const MouVersionSchema = z.object({
  id: IdSchema,
  version: z.number().int(),
  clauses: z.array(ClauseSchema),
  roleRules: RoleRulesSchema,
  effectiveDate: z.string(),
  reviewDate: z.string(),
  changeNote: z.string(),
  contentHash: z.string(),
  createdAt: z.string(),
  /** The language the version was written and signed in. */
  language: MouLanguageSchema,
  status: MouVersionStatusSchema,
  completeness: CompletenessSchema,
});
export type MouVersion = z.infer<typeof MouVersionSchema>;

export const MouSummarySchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  title: z.string(),
  agencyName: z.string(),
  template: MouTemplateSchema,
  status: MouVersionStatusSchema,
  latestVersion: z.number().int(),
  latestStatus: MouVersionStatusSchema,
  inForceVersion: z.number().int().nullable(),
  effectiveDate: z.string(),
  nextReviewDate: z.string(),
  completeness: CompletenessSchema,
  reminder: MouReminderSchema.nullable(),
  updatedAt: z.string(),
});
export type MouSummary = z.infer<typeof MouSummarySchema>;

export const MouListSchema = z.object({ items: z.array(MouSummarySchema) });

export const MouDetailSchema = MouSummarySchema.extend({
  /** The district's name, as the library text fills it in (for showing a clause's translation). */
  districtName: z.string(),
  versions: z.array(MouVersionSchema),
  signatories: z.array(MouSignatorySchema),
  signatures: z.array(MouSignatureSchema),
  /** The clause library's model text (filled in for this MOU), to offer for missing clauses. */
  library: z.array(z.object({ key: ClauseKeySchema, title: z.string(), source: z.string(), text: z.string() })),
});
export type MouDetail = z.infer<typeof MouDetailSchema>;

export const DiffPartSchema = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPartSchema>;

export const ClauseDiffSchema = z.object({
  key: ClauseKeySchema,
  change: z.enum(['added', 'removed', 'changed', 'unchanged']),
  titleFrom: z.string().nullable(),
  titleTo: z.string().nullable(),
  parts: z.array(DiffPartSchema),
});
export type ClauseDiff = z.infer<typeof ClauseDiffSchema>;

/** One changed rule: `rule` is a path like `categories.defiance.handler` or `useOfForce`. */
export const RuleChangeSchema = z.object({ rule: z.string(), from: z.string(), to: z.string() });
export type RuleChange = z.infer<typeof RuleChangeSchema>;

export const MouDiffSchema = z.object({
  id: IdSchema,
  from: z.number().int(),
  to: z.number().int(),
  clauses: z.array(ClauseDiffSchema),
  ruleChanges: z.array(RuleChangeSchema),
  dateChanges: z.array(RuleChangeSchema),
});
export type MouDiff = z.infer<typeof MouDiffSchema>;

/** The public page: the signed version in force today, or `mou: null`. */
export const PublicMouSchema = z.object({
  districtId: IdSchema,
  mou: z
    .object({
      title: z.string(),
      agencyName: z.string(),
      version: z.number().int(),
      effectiveDate: z.string(),
      reviewDate: z.string(),
      /** The language the version was written and signed in. */
      language: MouLanguageSchema,
      clauses: z.array(ClauseSchema),
      roleRules: RoleRulesSchema,
      /** The same rules in plain English, for readers of the API (the web app translates them). */
      roleRulesPlain: z.object({
        categories: z.array(z.object({ label: z.string(), value: z.string(), review: z.string() })),
        general: z.array(z.object({ label: z.string(), value: z.string() })),
      }),
      signatories: z.array(
        z.object({
          party: MouPartySchema,
          name: z.string(),
          title: z.string(),
          signedAt: z.string(),
          method: MouSignatureMethodSchema,
          /** For a paper or staff-entered signature: who recorded it. Never an address. */
          recordedByName: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});
export type PublicMou = z.infer<typeof PublicMouSchema>;
