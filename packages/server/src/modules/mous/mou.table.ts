import type { Generated, Selectable } from 'kysely';

export interface MouTable {
  id: string;
  districtId: string;
  title: string;
  agencyName: string;
  template: string;
  createdAt: string;
  updatedAt: string;
}

/** Immutable once written: a change is a new version, which needs new signatures. */
export interface MouVersionTable {
  id: string;
  districtId: string;
  mouId: string;
  version: number;
  /** JSON: [{ key, title, text }] */
  clauses: string;
  /** JSON: RoleRules (packages/contract/src/mou-rules.ts) */
  roleRules: string;
  effectiveDate: string;
  reviewDate: string;
  changeNote: string;
  /** SHA-256 of the canonical clauses, rules and dates: what a signature covers. */
  contentHash: string;
  /** The language the text was written, and so signed, in ('en' | 'es'; migration 20261208T0701). */
  language: Generated<string>;
  createdBy: string;
  createdAt: string;
}
export type MouVersionRow = Selectable<MouVersionTable>;

export interface MouSignatoryTable {
  id: string;
  districtId: string;
  mouId: string;
  party: 'district' | 'agency';
  name: string;
  title: string;
  email: string | null;
  active: number;
  createdAt: string;
}

export interface MouSignatureTable {
  id: string;
  districtId: string;
  mouVersionId: string;
  signatoryId: string;
  signedName: string;
  signedAt: string;
  contentHash: string;
  /** Who put the record here: the signer's own account, the staff member who sent the link, or who recorded the paper. */
  recordedBy: string;
  /** How it was made (MouSignatureMethod in the contract); `staff_entered` for rows from before issue 12. */
  method: Generated<string>;
  /** For a link signature: the address the signer proved control of with a mailed code. */
  signerEmail: string | null;
}

/** The scanned page of a paper signature, kept with the signature (migration 20261207T04 says why). */
export interface MouSignatureScanTable {
  id: string;
  districtId: string;
  signatureId: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  contentBase64: string;
  createdAt: string;
}

/** A one-time signing link for an outside signatory: only hashes of the token and the code are kept. */
export interface MouSigningLinkTable {
  id: string;
  districtId: string;
  mouId: string;
  mouVersionId: string;
  signatoryId: string;
  email: string;
  tokenHash: string;
  codeHash: string | null;
  codeExpiresAt: string | null;
  codesSent: Generated<number>;
  codeAttempts: Generated<number>;
  verifiedAt: string | null;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
  createdAt: string;
}
export type MouSigningLinkRow = Selectable<MouSigningLinkTable>;

export interface MouReminderTable {
  id: string;
  districtId: string;
  mouVersionId: string;
  kind: string;
  dueDate: string;
  sentAt: string;
}
