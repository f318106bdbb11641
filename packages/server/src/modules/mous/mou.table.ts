import type { Selectable } from 'kysely';

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
  recordedBy: string;
}

export interface MouReminderTable {
  id: string;
  districtId: string;
  mouVersionId: string;
  kind: string;
  dueDate: string;
  sentAt: string;
}
