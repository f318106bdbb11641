import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../limits.js';
import { RoleSchema } from '../roles.js';
import { ACTIONS } from '../policy.js';
import { EmailSchema, UserSchema } from './users.js';
import { DistrictSchema, CreateDistrictInputSchema } from './districts.js';

/** Length and breach-list rules are checked on the server (they depend on MFA and the list). */
export const PasswordSchema = z.string().max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);

export const SignInInputSchema = z.object({ email: EmailSchema, password: PasswordSchema.min(1) });

/** Sign-in is two steps for MFA roles: the password answers `mfa_required`, then a code finishes. */
export const SignInResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), csrfToken: z.string() }),
  z.object({ status: z.literal('mfa_required'), csrfToken: z.string() }),
  z.object({ status: z.literal('mfa_enrolment_required'), csrfToken: z.string() }),
]);
export type SignInResult = z.infer<typeof SignInResultSchema>;

export const MfaCodeInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4})$/i, 'Enter the 6-digit code or a recovery code'),
});

export const MfaEnrolmentSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
/** The session is renewed when enrolment completes: `csrfToken` is the new session's. */
export const MfaEnrolmentDoneSchema = z.object({ recoveryCodes: z.array(z.string()), csrfToken: z.string() });

export const MeSchema = z.object({
  user: UserSchema,
  district: DistrictSchema.nullable(),
  /** Actions this account may take somewhere in its scope, so the web app can shape navigation. */
  allowedActions: z.array(z.enum(ACTIONS)),
  csrfToken: z.string(),
  /** True while the session still has to finish MFA (enrolment or code). */
  mfaPending: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export const InvitationPreviewSchema = z.object({
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  districtName: z.string(),
  mfaRequired: z.boolean(),
  minPasswordLength: z.number().int(),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

export const AcceptInvitationInputSchema = z.object({ password: PasswordSchema });

export const ChangePasswordInputSchema = z.object({ currentPassword: PasswordSchema, newPassword: PasswordSchema });

export const SetupInputSchema = z.object({
  token: z.string().min(1).max(200),
  district: CreateDistrictInputSchema,
  admin: z.object({ email: EmailSchema, displayName: z.string().trim().min(1).max(200), password: PasswordSchema }),
});
export type SetupInput = z.infer<typeof SetupInputSchema>;
export const SetupStatusSchema = z.object({ needed: z.boolean() });
