import { hash } from 'node:crypto';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { newToken } from '../../shared/ids.js';
import * as repo from './auth.repository.js';

export const SESSION_COOKIE = 'ff_session';

/**
 * Server-side sessions: the cookie holds an opaque 256-bit token; the database holds only its
 * SHA-256, so a copy of the database cannot be replayed as a session.
 */
export async function createSession(db: Db, user: { id: string; districtId: string | null }, mfaVerified: boolean) {
  const token = newToken();
  const now = new Date();
  const row = {
    id: sessionIdOf(token),
    districtId: user.districtId,
    userId: user.id,
    csrfToken: newToken(),
    mfaVerified: mfaVerified ? 1 : 0,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000).toISOString(),
  };
  await repo.insertSession(db, row);
  return { token, csrfToken: row.csrfToken, id: row.id };
}

/** SHA-256 hex of the token, as sha256Hex gives, with the one-shot crypto.hash: it runs on every request. */
export function sessionIdOf(token: string): string {
  return hash('sha256', token, 'hex');
}

export function isSessionLive(s: { lastSeenAt: string; expiresAt: string }, now = Date.now()): boolean {
  return now < Date.parse(s.expiresAt) && now - Date.parse(s.lastSeenAt) < SESSION_IDLE_MINUTES * 60_000;
}

/** Auditors' access ends at the end of their expiry day (UTC). */
export function isAccessExpired(accessExpiresAt: string | null, now = Date.now()): boolean {
  return accessExpiresAt !== null && now >= Date.parse(`${accessExpiresAt}T00:00:00.000Z`) + 86_400_000;
}

/**
 * Refreshing last_seen_at on every request would turn every read into a write; once a minute is
 * enough precision for a 30-minute idle timeout.
 */
export const TOUCH_INTERVAL_MS = 60_000;

export const isTouchDue = (lastSeenAt: string, now = Date.now()): boolean =>
  now - Date.parse(lastSeenAt) > TOUCH_INTERVAL_MS;

/** Whether a session lets its holder in now: live, its account enabled and, for an auditor, not past the access end date. */
export function allowsAccess(
  s: { lastSeenAt: string; expiresAt: string; disabled: number; accessExpiresAt: string | null },
  now = Date.now(),
): boolean {
  return isSessionLive(s, now) && !s.disabled && !isAccessExpired(s.accessExpiresAt, now);
}
