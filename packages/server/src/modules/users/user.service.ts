import {
  INVITATION_TTL_HOURS,
  type Invitation,
  type InvitationCreated,
  type InviteUserInput,
  InviteUserInputSchema,
  type Role,
  type SignInResult,
  type UpdateUserInput,
  type User,
  isMfaRequired,
  isSchoolScoped,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound, loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId, newToken, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { checkPasswordRules, hashPassword, minPasswordLength } from '../auth/password.js';
import { createSession } from '../auth/session.js';
import { statusFor } from '../auth/auth.service.js';
import * as districts from '../districts/district.repository.js';
import * as repo from './user.repository.js';
import type { InvitationRow, UserRow } from './user.table.js';

export function toUser(r: UserRow, schoolIds: string[]): User {
  return {
    id: r.id,
    districtId: r.districtId,
    email: r.email,
    displayName: r.displayName,
    role: r.role as Role,
    profession: r.profession as User['profession'],
    schoolIds,
    state: r.state,
    mfaEnabled: r.mfaEnabled === 1,
    disabled: r.disabled === 1,
    accessExpiresAt: r.accessExpiresAt,
    lastSignInAt: r.lastSignInAt,
    createdAt: r.createdAt,
  };
}

const toInvitation = (r: InvitationRow): Invitation => ({
  ...r,
  role: r.role as Role,
  schoolIds: JSON.parse(r.schoolIds) as string[],
});

async function assertSchoolsInDistrict(db: Db, districtId: string, schoolIds: readonly string[]) {
  const unique = [...new Set(schoolIds)];
  if ((await districts.countSchoolsIn(db, districtId, unique)) !== unique.length)
    throw new ValidationError('Some chosen schools are not in this district', [
      { path: 'schoolIds', message: 'Unknown school', code: 'unknown_school' },
    ]);
}

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  page: { limit: number; offset: number },
) {
  const { scope } = await loadDistrictForList(ctx.db, actor, 'user.list', districtId);
  const { items, total } = await repo.findUsers(
    ctx.db,
    districtId,
    page,
    scope === 'school' ? actor.schoolIds : undefined,
  );
  const schools = await repo.findSchoolIdsByUser(
    ctx.db,
    items.map((u) => u.id),
  );
  return { items: items.map((u) => toUser(u, schools.get(u.id) ?? [])), total, ...page };
}

async function loadUser(ctx: AppContext, id: string) {
  const u = await repo.findUser(ctx.db, id);
  const d = u?.districtId ? await districts.findDistrict(ctx.db, u.districtId) : undefined;
  if (!u || !d) throw new NotFoundError('User');
  const schoolIds = (await repo.findSchoolIdsByUser(ctx.db, [u.id])).get(u.id) ?? [];
  return { user: u, district: d, schoolIds, resource: { districtId: d.id, state: d.state, schoolIds } };
}

export async function readUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  const { user, schoolIds, resource } = await loadUser(ctx, id);
  authorize(actor, 'user.read', resource, 'User');
  return toUser(user, schoolIds);
}

/** Reading oneself needs no policy beyond a session. */
export async function readSelf(ctx: AppContext, actor: Actor): Promise<User> {
  const u = await repo.findUser(ctx.db, actor.userId);
  if (!u) throw new NotFoundError('User');
  return toUser(u, actor.schoolIds as string[]);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  const { user, district, schoolIds, resource } = await loadUser(ctx, id);
  authorize(actor, 'user.update', resource, 'User');
  if (id === actor.userId && (input.role !== undefined || input.disabled !== undefined))
    throw new ForbiddenError(
      'You cannot change your own role or disable your own account; ask another district administrator',
    );
  const role = (input.role ?? user.role) as Role;
  const nextSchools = [...new Set(input.schoolIds ?? (isSchoolScoped(role) ? schoolIds : []))];
  if (isSchoolScoped(role) && nextSchools.length === 0)
    throw new ValidationError('Choose at least one school for this role', [
      { path: 'schoolIds', message: 'Required for this role', code: 'required_for_role' },
    ]);
  // A profession belongs to support staff and an end date to auditors only: a role change drops
  // them (an administrator must not inherit an old auditor end date), and neither may be removed
  // from the role that needs it.
  const profession =
    role === 'support_staff' ? (input.profession !== undefined ? input.profession : user.profession) : null;
  const accessExpiresAt =
    role === 'auditor' ? (input.accessExpiresAt !== undefined ? input.accessExpiresAt : user.accessExpiresAt) : null;
  if (role === 'support_staff' && !profession)
    throw new ValidationError('Choose counselor, psychologist or social worker', [
      { path: 'profession', message: 'Required for this role', code: 'required_for_role' },
    ]);
  if (input.profession && role !== 'support_staff')
    throw new ValidationError('Only support staff have a profession', [
      { path: 'profession', message: 'Not for this role', code: 'not_for_role' },
    ]);
  if (role === 'auditor' && !accessExpiresAt)
    throw new ValidationError('An auditor needs an access end date', [
      { path: 'accessExpiresAt', message: 'Required for this role', code: 'required_for_role' },
    ]);
  if (input.accessExpiresAt && role !== 'auditor')
    throw new ValidationError('Only auditors have an access end date', [
      { path: 'accessExpiresAt', message: 'Not for this role', code: 'not_for_role' },
    ]);
  await assertSchoolsInDistrict(ctx.db, district.id, nextSchools);
  await ctx.db.transaction().execute(async (trx) => {
    const patch = {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
      ...(input.role !== undefined && { role: input.role }),
      profession,
      accessExpiresAt,
      updatedAt: nowIso(),
    };
    await repo.updateUser(trx, id, patch);
    await repo.replaceUserSchools(trx, id, district.id, isSchoolScoped(role) ? nextSchools : []);
    // A disabled account loses its sessions now; the per-request check would refuse them anyway.
    if (input.disabled) await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      {
        kind: 'user.updated',
        userId: id,
        fields: Object.keys(input),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.disabled !== undefined && { disabled: input.disabled }),
      },
    );
  });
  return readUser(ctx, actor, id);
}

export async function inviteUser(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  raw: InviteUserInput,
): Promise<InvitationCreated> {
  const d = await loadDistrictFor(ctx.db, actor, 'user.invite', districtId);
  const input = InviteUserInputSchema.parse(raw);
  const { invitation, token } = await ctx.db
    .transaction()
    .execute((trx) => createInvitationIn(trx, ctx, actor, d.id, input));
  const delivered = await sendInvitationMail(ctx, invitation, token, d.name);
  const mail = !ctx.mailer.configured ? 'not_configured' : delivered ? 'sent' : 'failed';
  // Not sent: the administrator is the only way the link reaches the invitee (it is also in the
  // outbox and the server console). Sent: the link stays with the invitee.
  return { ...toInvitation(invitation), mail, link: mail === 'sent' ? null : invitationLink(ctx, token) };
}

/** Shared by the API, the CLI and the demo: records the invitation and its audit event. */
export async function createInvitationIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  districtId: string,
  input: ReturnType<typeof InviteUserInputSchema.parse>,
) {
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted operator path.
  if (actor) await loadDistrictFor(trx, actor, 'user.invite', districtId);
  // An account in this district is listed on the inviter's own people page, so saying so tells
  // them nothing new. An account elsewhere (another district, a state viewer) must not be revealed:
  // the invitation is made as for anyone, and accepting it is refused (the address has an account).
  const existing = await repo.findUserByEmail(trx, input.email);
  if (existing && existing.districtId === districtId)
    throw new ConflictError('Someone with this e-mail address already has an account', 'email_taken');
  await assertSchoolsInDistrict(trx, districtId, input.schoolIds);
  const token = newToken();
  const now = new Date();
  const invitation: InvitationRow = {
    id: newId(),
    districtId,
    tokenHash: sha256Hex(token),
    email: input.email,
    displayName: input.displayName,
    role: input.role,
    profession: input.role === 'support_staff' ? input.profession : null,
    schoolIds: JSON.stringify(isSchoolScoped(input.role) ? [...new Set(input.schoolIds)] : []),
    accessExpiresAt: input.role === 'auditor' ? input.accessExpiresAt : null,
    invitedBy: actor?.userId ?? null,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_HOURS * 3600_000).toISOString(),
    acceptedAt: null,
    revokedAt: null,
    createdAt: now.toISOString(),
  };
  await repo.insertInvitation(trx, invitation);
  await appendAudit(
    trx,
    { dialect: ctx.dialect, actor, districtId },
    {
      kind: 'user.invited',
      invitationId: invitation.id,
      role: input.role,
      schoolIds: JSON.parse(invitation.schoolIds) as string[],
    },
  );
  return { invitation, token };
}

export const invitationLink = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/invitations/${token}`;

export async function sendInvitationMail(
  ctx: AppContext,
  invitation: InvitationRow,
  token: string,
  districtName: string,
) {
  return ctx.mailer.send({
    to: invitation.email,
    districtId: invitation.districtId,
    subject: `You are invited to Forefront (${districtName})`,
    text: `Hello ${invitation.displayName},\n\nYou have been invited to join ${districtName} on Forefront.\nSet your password here (the link works once and expires in ${INVITATION_TTL_HOURS} hours):\n\n${invitationLink(ctx, token)}\n\nIf you did not expect this, ignore this message.`,
  });
}

export async function listInvitations(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  page: { limit: number; offset: number },
) {
  await loadDistrictFor(ctx.db, actor, 'invitation.list', districtId);
  const { items, total } = await repo.findInvitations(ctx.db, districtId, page);
  return { items: items.map(toInvitation), total, ...page };
}

export async function revokeInvitation(ctx: AppContext, actor: Actor, districtId: string, id: string) {
  const d = await loadDistrictFor(ctx.db, actor, 'invitation.revoke', districtId);
  const inv = await repo.findInvitation(ctx.db, id);
  if (!inv || inv.districtId !== d.id) throw new NotFoundError('Invitation');
  if (inv.acceptedAt) throw new ConflictError('This invitation was already accepted', 'invitation_accepted');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateInvitation(trx, id, { revokedAt: nowIso() });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'invitation.revoked', invitationId: id },
    );
  });
  return { ok: true as const };
}

async function usableInvitation(db: Db, token: string) {
  const inv = await repo.findInvitationByTokenHash(db, sha256Hex(token));
  if (!inv || inv.acceptedAt || inv.revokedAt || Date.parse(inv.expiresAt) <= Date.now())
    throw new NotFoundError(
      'Invitation',
      'This invitation link is not valid any more; ask your administrator for a new one',
    );
  return inv;
}

export async function previewInvitation(ctx: AppContext, token: string) {
  const inv = await usableInvitation(ctx.db, token);
  const d = await districtOrNotFound(ctx.db, inv.districtId);
  const role = inv.role as Role;
  return {
    email: inv.email,
    displayName: inv.displayName,
    role,
    districtName: d.name,
    mfaRequired: isMfaRequired(role),
    minPasswordLength: minPasswordLength(role),
  };
}

export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  password: string,
): Promise<{ token: string; result: SignInResult }> {
  const inv = await usableInvitation(ctx.db, token);
  const role = inv.role as Role;
  checkPasswordRules(password, role, inv.email);
  const passwordHash = await hashPassword(ctx.config, password);
  return ctx.db.transaction().execute(async (trx) => {
    // Claim the invitation first, with a conditional update: two tabs accepting at once must not
    // create two accounts (re-reading it is not enough on PostgreSQL, where both reads see it open
    // and the loser would hit the unique e-mail constraint as a 500).
    const fresh = await usableInvitation(trx, token);
    const now = nowIso();
    if (!(await repo.claimInvitation(trx, fresh.id, now)))
      throw new NotFoundError(
        'Invitation',
        'This invitation link is not valid any more; ask your administrator for a new one',
      );
    if (await repo.findUserByEmail(trx, fresh.email))
      throw new ConflictError('Someone with this e-mail address already has an account', 'email_taken');
    const user: UserRow = {
      id: newId(),
      districtId: fresh.districtId,
      email: fresh.email,
      displayName: fresh.displayName,
      role,
      profession: fresh.profession,
      state: null,
      passwordHash,
      mfaSecret: null,
      mfaEnabled: 0,
      totpLastStep: null,
      disabled: 0,
      accessExpiresAt: fresh.accessExpiresAt,
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertUser(trx, user);
    await repo.replaceUserSchools(trx, user.id, fresh.districtId, JSON.parse(fresh.schoolIds) as string[]);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: { userId: user.id, role }, districtId: fresh.districtId },
      { kind: 'invitation.accepted', invitationId: fresh.id, userId: user.id },
    );
    const s = await createSession(trx, user, false);
    return { token: s.token, result: { status: statusFor(role, false, false), csrfToken: s.csrfToken } };
  });
}
