import {
  SIGN_IN_LOCK_MINUTES,
  SIGN_IN_MAX_FAILURES,
  type Role,
  type SignInResult,
  isMfaRequired,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { newId, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import * as repo from './auth.repository.js';
import { burnPasswordCheck, checkPasswordRules, hashPassword, verifyPassword } from './password.js';
import { createSession } from './session.js';
import { hashRecoveryCode, newEnrolment, newRecoveryCodes, totpStep } from './totp.js';
import { openTotpSecret, sealTotpSecret } from './totp.secret.js';
import { isAccessExpired } from './session.js';

const INVALID = 'The e-mail address or password is not correct';

export interface NewSession {
  token: string;
  result: SignInResult;
}

/** Where a fresh session stands: MFA roles must pass (or first enrol) TOTP before anything else. */
export function statusFor(role: Role, mfaEnabled: boolean, mfaVerified: boolean): SignInResult['status'] {
  if (!isMfaRequired(role) || mfaVerified) return 'signed_in';
  return mfaEnabled ? 'mfa_required' : 'mfa_enrolment_required';
}

const LOCKED = 'Too many failed attempts. This account is locked for a few minutes; try again later.';
const isLocked = (lockedUntil: string | null) => lockedUntil !== null && Date.parse(lockedUntil) > Date.now();

export async function signIn(ctx: AppContext, email: string, password: string): Promise<NewSession> {
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user || !user.passwordHash) return refuseUnknown(ctx, email, password);
  const audit = {
    dialect: ctx.dialect,
    actor: { userId: user.id, role: user.role as Role },
    districtId: user.districtId,
  };
  if (isLocked(user.lockedUntil)) throw new TooManyRequestsError(LOCKED);
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    await recordFailedAttempt(ctx, user.id, audit, 'password');
    throw new UnauthorizedError(INVALID, 'invalid_credentials');
  }
  if (user.disabled || isAccessExpired(user.accessExpiresAt))
    throw new UnauthorizedError(INVALID, 'invalid_credentials');
  return ctx.db.transaction().execute(async (trx) => {
    const status = statusFor(user.role as Role, user.mfaEnabled === 1, false);
    if (status === 'signed_in') {
      await repo.recordSuccess(trx, user.id, nowIso());
      await appendAudit(trx, audit, { kind: 'auth.signed_in', userId: user.id });
    }
    const s = await createSession(trx, user, false);
    return { token: s.token, result: { status, csrfToken: s.csrfToken } };
  });
}

/**
 * An address with no account (or no password yet) answers exactly as an account does: the same
 * 401 after the same password-hashing work, and the same 429 once the same number of failures has
 * locked it, so neither the answers nor the lockout tell an attacker which addresses exist.
 */
async function refuseUnknown(ctx: AppContext, email: string, password: string): Promise<never> {
  const key = sha256Hex(email.toLowerCase());
  const known = await repo.findUnknownFailures(ctx.db, key);
  if (isLocked(known?.lockedUntil ?? null)) throw new TooManyRequestsError(LOCKED);
  await burnPasswordCheck(ctx.config, password);
  await ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const failures = await repo.incrementUnknownFailures(trx, key, now.toISOString());
    if (failures >= SIGN_IN_MAX_FAILURES) {
      await repo.lockUnknown(trx, key, new Date(now.getTime() + SIGN_IN_LOCK_MINUTES * 60_000).toISOString());
      await repo.forgetUnknownFailuresBefore(trx, new Date(now.getTime() - 86_400_000).toISOString());
    }
  });
  throw new UnauthorizedError(INVALID, 'invalid_credentials');
}

/** Counts a failed password or code; the fifth in a row locks the account for a while. */
async function recordFailedAttempt(
  ctx: AppContext,
  userId: string,
  audit: Parameters<typeof appendAudit>[1],
  reason: string,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const failures = await repo.incrementFailures(trx, userId);
    const lock =
      failures >= SIGN_IN_MAX_FAILURES ? new Date(Date.now() + SIGN_IN_LOCK_MINUTES * 60_000).toISOString() : null;
    if (lock) await repo.lockUser(trx, userId, lock);
    await appendAudit(trx, audit, { kind: 'auth.sign_in_failed', userId, reason });
    if (lock) await appendAudit(trx, audit, { kind: 'auth.locked', userId, until: lock });
  });
}

/**
 * Passing the second step starts a new session (OWASP Session Management: renew the session id on
 * any privilege change). The half-signed-in session is deleted: a session id planted or seen before
 * the code was entered is worth nothing after it.
 */
async function renewSession(trx: Db, actor: Actor, user: { id: string; districtId: string | null }) {
  await repo.deleteSession(trx, actor.sessionId);
  return createSession(trx, user, true);
}

/** Second step of sign-in: a TOTP code or a single-use recovery code. Answers with the new session. */
export async function verifyMfa(ctx: AppContext, actor: Actor, code: string): Promise<NewSession> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.mfaEnabled || !user.mfaSecret)
    throw new ConflictError('Set up your authenticator app first', 'mfa_not_set_up');
  const audit = { dialect: ctx.dialect, actor, districtId: user.districtId };
  if (isLocked(user.lockedUntil)) throw new TooManyRequestsError(LOCKED);
  const isRecovery = code.includes('-');
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const now = nowIso();
      const step = isRecovery ? null : totpStep(openTotpSecret(ctx.config, user.id, user.mfaSecret!), code);
      const ok = isRecovery
        ? await repo.useRecoveryCode(trx, user.id, hashRecoveryCode(code), now)
        : step !== null && (await repo.claimTotpStep(trx, user.id, step));
      if (!ok) return null;
      const session = await renewSession(trx, actor, user);
      await repo.recordSuccess(trx, user.id, now);
      if (isRecovery) await appendAudit(trx, audit, { kind: 'auth.recovery_code_used', userId: user.id });
      await appendAudit(trx, audit, { kind: 'auth.signed_in', userId: user.id });
      return { token: session.token, result: { status: 'signed_in' as const, csrfToken: session.csrfToken } };
    })
    .then(async (r) => {
      if (r) return r;
      await recordFailedAttempt(ctx, user.id, audit, isRecovery ? 'recovery_code' : 'totp');
      throw new UnauthorizedError('That code is not correct', 'invalid_code');
    });
}

/** Start (or restart, before it is confirmed) TOTP enrolment: a new secret shown as a QR code. */
export async function startEnrolment(ctx: AppContext, actor: Actor) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new UnauthorizedError();
  if (user.mfaEnabled)
    throw new ConflictError('Two-step verification is already set up for this account', 'mfa_already_set_up');
  const enrolment = await newEnrolment(user.email);
  await repo.setMfaSecret(ctx.db, user.id, sealTotpSecret(ctx.config, user.id, enrolment.secret), false, nowIso());
  return enrolment;
}

export async function confirmEnrolment(ctx: AppContext, actor: Actor, code: string) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.mfaSecret || user.mfaEnabled)
    throw new ConflictError('Start setting up two-step verification first', 'mfa_not_started');
  const step = totpStep(openTotpSecret(ctx.config, user.id, user.mfaSecret), code);
  if (step === null)
    throw new ValidationError('That code is not correct; check the time on your phone and try again', [
      { path: 'code', message: 'Code not accepted', code: 'not_correct' },
    ]);
  const codes = newRecoveryCodes();
  const session = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    await repo.setMfaSecret(trx, user.id, user.mfaSecret, true, now);
    await repo.claimTotpStep(trx, user.id, step);
    await repo.replaceRecoveryCodes(
      trx,
      user.id,
      user.districtId,
      codes.map((c) => ({ id: newId(), codeHash: hashRecoveryCode(c) })),
    );
    const renewed = await renewSession(trx, actor, user);
    await repo.recordSuccess(trx, user.id, now);
    const audit = { dialect: ctx.dialect, actor, districtId: user.districtId };
    await appendAudit(trx, audit, { kind: 'auth.mfa_enrolled', userId: user.id });
    await appendAudit(trx, audit, { kind: 'auth.signed_in', userId: user.id });
    return renewed;
  });
  return { token: session.token, result: { recoveryCodes: codes, csrfToken: session.csrfToken } };
}

export async function signOut(ctx: AppContext, actor: Actor) {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: actor.districtId },
      { kind: 'auth.signed_out', userId: actor.userId },
    );
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  mfaPending: boolean,
  current: string,
  next: string,
) {
  // The route is open to half-signed-in sessions (policy `session`), but a password alone must not
  // be enough to replace the password and end the owner's other sessions: finish MFA first.
  if (mfaPending) throw new UnauthorizedError('Finish two-step verification to continue', 'mfa_required');
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.passwordHash) throw new UnauthorizedError();
  // Whoever holds a signed-in session must not get unlimited guesses at its password here: wrong
  // current passwords count toward the same lockout as failed sign-ins, and a lock refuses this too.
  if (isLocked(user.lockedUntil)) throw new TooManyRequestsError(LOCKED);
  if (!(await verifyPassword(user.passwordHash, current))) {
    await recordFailedAttempt(
      ctx,
      user.id,
      { dialect: ctx.dialect, actor, districtId: user.districtId },
      'current_password',
    );
    throw new ValidationError('Your current password is not correct', [
      { path: 'currentPassword', message: 'Not correct', code: 'not_correct' },
    ]);
  }
  checkPasswordRules(next, actor.role, user.email);
  const hash = await hashPassword(ctx.config, next);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, user.id, hash, nowIso());
    // Other sessions may belong to whoever knew the old password.
    await trx.deleteFrom('sessions').where('userId', '=', user.id).where('id', '!=', actor.sessionId).execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: user.districtId },
      { kind: 'user.password_changed', userId: user.id },
    );
  });
}
