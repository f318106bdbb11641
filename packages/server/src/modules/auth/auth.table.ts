import type { Selectable } from 'kysely';

export interface SessionTable {
  /** SHA-256 (hex) of the opaque cookie token. */
  id: string;
  districtId: string | null;
  userId: string;
  csrfToken: string;
  mfaVerified: number;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end: created_at + 12 hours, whatever the activity. */
  expiresAt: string;
}
export type SessionRow = Selectable<SessionTable>;

export interface RecoveryCodeTable {
  id: string;
  districtId: string | null;
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

/** Failed sign-ins to addresses with no account, counted like an account's (auth.service.ts). */
export interface UnknownSignInFailureTable {
  /** SHA-256 (hex) of the lower-cased address. */
  emailHash: string;
  failures: number;
  lockedUntil: string | null;
  updatedAt: string;
}
