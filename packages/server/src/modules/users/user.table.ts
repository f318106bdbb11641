import type { Selectable } from 'kysely';

export interface UserTable {
  id: string;
  districtId: string | null;
  email: string;
  displayName: string;
  role: string;
  profession: string | null;
  state: string | null;
  passwordHash: string | null;
  mfaSecret: string | null;
  mfaEnabled: number;
  /** Time step (30 s) of the last accepted TOTP code; a code at or before it is refused. */
  totpLastStep: number | null;
  disabled: number;
  accessExpiresAt: string | null;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type UserRow = Selectable<UserTable>;

export interface UserSchoolTable {
  districtId: string;
  userId: string;
  schoolId: string;
}

export interface InvitationTable {
  id: string;
  districtId: string;
  tokenHash: string;
  email: string;
  displayName: string;
  role: string;
  profession: string | null;
  /** JSON array of school ids. */
  schoolIds: string;
  accessExpiresAt: string | null;
  invitedBy: string | null;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
export type InvitationRow = Selectable<InvitationTable>;
