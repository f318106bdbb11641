import { z } from 'zod';
import { RoleSchema, SupportProfessionSchema, isSchoolScoped } from '../roles.js';
import { IdSchema } from './common.js';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid e-mail address'))
  .pipe(z.string().max(254));

export const UserSchema = z.object({
  id: IdSchema,
  districtId: IdSchema.nullable(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  profession: SupportProfessionSchema.nullable(),
  schoolIds: z.array(IdSchema),
  state: z.string().nullable(),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  /** Auditors' access ends on this date (ISO date); null for other roles. */
  accessExpiresAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

const roleAssignment = {
  role: RoleSchema,
  profession: SupportProfessionSchema.nullable().default(null),
  schoolIds: z.array(IdSchema).max(500).default([]),
  accessExpiresAt: z.iso.date().nullable().default(null),
};

type RoleAssignment = {
  role: z.infer<typeof RoleSchema>;
  profession?: unknown;
  schoolIds?: string[];
  accessExpiresAt?: string | null;
};

/** Shared rules for a role grant: school-scoped roles need schools; auditors need an end date. */
function checkAssignment(v: RoleAssignment, ctx: z.RefinementCtx) {
  if (isSchoolScoped(v.role) && (v.schoolIds?.length ?? 0) === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['schoolIds'],
      message: 'Choose at least one school for this role',
      params: { rule: 'schoolsForRole' },
    });
  if (v.role === 'support_staff' && !v.profession)
    ctx.addIssue({
      code: 'custom',
      path: ['profession'],
      message: 'Choose counselor, psychologist or social worker',
      params: { rule: 'professionForRole' },
    });
  if (v.role === 'auditor' && !v.accessExpiresAt)
    ctx.addIssue({
      code: 'custom',
      path: ['accessExpiresAt'],
      message: 'An auditor needs an access end date',
      params: { rule: 'auditorEndDate' },
    });
  if (v.role === 'state_viewer')
    ctx.addIssue({
      code: 'custom',
      path: ['role'],
      message: 'State viewers are created from the command line',
      params: { rule: 'stateViewerByCli' },
    });
}

export const InviteUserInputSchema = z
  .object({ email: EmailSchema, displayName: z.string().trim().min(1).max(200), ...roleAssignment })
  .superRefine(checkAssignment);
export type InviteUserInput = z.input<typeof InviteUserInputSchema>;

export const UpdateUserInputSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    disabled: z.boolean().optional(),
    role: RoleSchema.optional(),
    profession: SupportProfessionSchema.nullable().optional(),
    schoolIds: z.array(IdSchema).max(500).optional(),
    accessExpiresAt: z.iso.date().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update', params: { rule: 'nothingToUpdate' } })
  .superRefine((v, ctx) => {
    if (v.role) checkAssignment({ ...v, role: v.role }, ctx);
  });
export type UpdateUserInput = z.infer<typeof UpdateUserInputSchema>;

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  schoolIds: z.array(IdSchema),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/**
 * `POST /api/districts/:id/invitations`: the invitation, and what became of its e-mail. When it was
 * not sent (no mail server set up, or delivery failed) the inviting administrator gets the one-time
 * link to pass on; when it was sent, the link went to the invitee alone and is not shown.
 */
export const InvitationMailSchema = z.enum(['sent', 'not_configured', 'failed']);
export const InvitationCreatedSchema = InvitationSchema.extend({
  mail: InvitationMailSchema,
  link: z.string().nullable(),
});
export type InvitationCreated = z.infer<typeof InvitationCreatedSchema>;
