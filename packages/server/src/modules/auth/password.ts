import { readFileSync } from 'node:fs';
import argon2 from 'argon2';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH_SINGLE_FACTOR,
  PASSWORD_MIN_LENGTH_WITH_MFA,
  type Role,
  isMfaRequired,
} from '@forefront/contract';
import type { Config } from '../../config.js';
import { type Issue, ValidationError } from '../../shared/errors.js';

let breached: Set<string> | null = null;

/** The shipped list of common breached passwords, loaded on first use and kept in memory. */
function breachedPasswords(): Set<string> {
  if (!breached) {
    const text = readFileSync(new URL('../../../assets/breached-passwords.txt', import.meta.url), 'utf8');
    breached = new Set(
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.toLowerCase()),
    );
  }
  return breached;
}

export function minPasswordLength(role: Role): number {
  return isMfaRequired(role) ? PASSWORD_MIN_LENGTH_WITH_MFA : PASSWORD_MIN_LENGTH_SINGLE_FACTOR;
}

/**
 * NIST SP 800-63B: length is what matters. No composition rules (they make passwords weaker and
 * harder to remember); reject only what is too short, too long, common in breaches, or built from
 * the account's own e-mail or the service name.
 */
export function checkPasswordRules(password: string, role: Role, email: string): void {
  const problems: Issue[] = [];
  const problem = (message: string, code: Issue['code'], params?: Issue['params']) =>
    problems.push({ path: 'password', message, code, ...(params ? { params } : {}) });
  const length = [...password].length;
  const min = minPasswordLength(role);
  if (length < min) problem(`Use at least ${min} characters`, 'password_too_short', { minimum: min });
  if (length > PASSWORD_MAX_LENGTH)
    problem(`Use at most ${PASSWORD_MAX_LENGTH} characters`, 'password_too_long', { maximum: PASSWORD_MAX_LENGTH });
  const lower = password.toLowerCase();
  if (breachedPasswords().has(lower))
    problem('This password appears in lists of breached passwords; choose another', 'password_breached');
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (
    lower === email.toLowerCase() ||
    (local.length >= 4 && lower === local) ||
    lower.replace(/[^a-z]/g, '') === 'forefront'
  )
    problem('Do not use your e-mail address or the name of this service as your password', 'password_personal');
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('. '), problems);
}

export function hashPassword(config: Config, password: string): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: config.argon2.memoryCost,
    timeCost: config.argon2.timeCost,
    parallelism: 1,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spend the same time on unknown accounts as on known ones, so timing reveals no e-mail addresses. */
export async function burnPasswordCheck(config: Config, password: string): Promise<void> {
  dummy ??= hashPassword(config, 'forefront-timing-equaliser-password');
  await verifyPassword(await dummy, password);
}
