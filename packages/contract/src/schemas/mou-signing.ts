import { z } from 'zod';
import { ClauseSchema, MouPartySchema, MouSignatureMethodSchema } from './mous.js';

/**
 * Signatures that are what they say (issue 12 item 5): how a signature was made, the one-time
 * signing link for an outside signatory, and the paper (wet-ink) record with its scanned page.
 */

/** A signing link works once and for this long (the same window as an invitation). */
export const SIGNING_LINK_TTL_HOURS = 72;
/** The code mailed to prove control of the address expires after this long ... */
export const SIGNING_CODE_TTL_MINUTES = 15;
/** ... and after this many wrong tries (then a new code must be sent) ... */
export const SIGNING_CODE_MAX_ATTEMPTS = 5;
/** ... and a link sends at most this many codes: 25 guesses at a 6-digit code, then the link is spent. */
export const SIGNING_CODES_PER_LINK = 5;
/** A scanned signature page: a few pages at 300 dpi fit well under this. */
export const SIGNATURE_SCAN_MAX_BYTES = 5 * 1024 * 1024;
/** Checked against the file's content (its magic bytes), never its name or declared type. */
export const SIGNATURE_SCAN_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 fingerprint: 64 hexadecimal characters');

/** Staff: what the link mail went to. */
export const SigningLinkSentSchema = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
  /** False when the mail server refused the message: the link exists but the signatory has not got it. */
  delivered: z.boolean(),
});
export type SigningLinkSent = z.infer<typeof SigningLinkSentSchema>;

export const SigningTokenParamsSchema = z.object({ token: z.string().min(20).max(100) });

/** Public, before the code: who is asked to sign what. The text comes only after the code. */
export const SigningLinkViewSchema = z.object({
  mouTitle: z.string(),
  agencyName: z.string(),
  districtName: z.string(),
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  party: MouPartySchema,
  version: z.number().int(),
  /** The address with most of it hidden, so the reader knows where the code goes. */
  emailHint: z.string(),
  expiresAt: z.string(),
  codeSent: z.boolean(),
});
export type SigningLinkView = z.infer<typeof SigningLinkViewSchema>;

export const SigningCodeSentSchema = z.object({ codeExpiresAt: z.string(), codesLeft: z.number().int() });
export type SigningCodeSent = z.infer<typeof SigningCodeSentSchema>;

export const SigningCodeInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code'),
});
export type SigningCodeInput = z.infer<typeof SigningCodeInputSchema>;

/** Public, after the code: the exact version to sign, with the fingerprint the signature will cover. */
export const SigningDocumentSchema = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  effectiveDate: z.string(),
  reviewDate: z.string(),
  /** The language the text is written in: what the signatory signs (issue 13). */
  language: z.enum(['en', 'es']),
  clauses: z.array(ClauseSchema),
  /** The role rules in plain words, in the reader's language (Accept-Language). */
  roleRulesPlain: z.object({
    categories: z.array(z.object({ label: z.string(), value: z.string(), review: z.string() })),
    general: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
});
export type SigningDocument = z.infer<typeof SigningDocumentSchema>;

export const LinkSignInputSchema = SigningCodeInputSchema.extend({
  /** The fingerprint the signer read: a newer version in between is refused, never signed unseen. */
  contentHash: Sha256Hex,
  signedName: z.string().trim().min(2).max(200),
});
export type LinkSignInput = z.infer<typeof LinkSignInputSchema>;

export const LinkSignedSchema = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  signedName: z.string(),
  signedAt: z.string(),
  method: MouSignatureMethodSchema,
});
export type LinkSigned = z.infer<typeof LinkSignedSchema>;

/** The text field of the paper-signature upload (multipart/form-data, with the `scan` file). */
export const PaperSignatureFieldsSchema = z.object({
  version: z.coerce.number().int().min(1),
});
export type PaperSignatureFields = z.infer<typeof PaperSignatureFieldsSchema>;
