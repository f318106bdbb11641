import { compiledQuery } from '../../db/compiled.js';
import { type Db, sqliteHandleOf } from '../../db/database.js';
import { writeWithoutWaiting } from '../../db/no-wait.js';
import type { SessionTable } from './auth.table.js';

/**
 * The session, its account and the account's schools in one statement, one row per school (a
 * single row with schoolId null for an account without schools): every signed-in request runs
 * it, and on SQLite each statement costs a read lock on the WAL index (docs/benchmarks.md).
 */
const sessionWithUser = compiledQuery((db: Db, sessionId: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .leftJoin('userSchools as us', 'us.userId', 'u.id')
    .select([
      's.id as sessionId',
      's.csrfToken',
      's.mfaVerified',
      's.lastSeenAt',
      's.expiresAt',
      'u.id as userId',
      'u.districtId',
      'u.role',
      'u.state',
      'u.disabled',
      'u.accessExpiresAt',
      'u.mfaEnabled',
      'us.schoolId',
    ])
    .where('s.id', '=', sessionId),
);

export type SessionWithUser = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

/** Runs on every request: compiled once (db/compiled.ts). The account's need-to-know schools come with it. */
export async function findSessionWithUser(db: Db, sessionId: string) {
  const rows = await sessionWithUser(db, sessionId);
  const first = rows[0];
  if (!first) return undefined;
  const { schoolId: _, ...session } = first;
  return { ...session, schoolIds: rows.flatMap((r) => (r.schoolId === null ? [] : [r.schoolId])) };
}

export const insertSession = (db: Db, s: SessionTable) => db.insertInto('sessions').values(s).execute();

/** Only ever forward: a session's last activity never moves back (db/access-epoch.ts counts on it). */
/**
 * The once-a-minute touch. On SQLite it never waits for the write lock (db/no-wait.ts): while a
 * job holds it, the touch is skipped and tried again on the next request.
 */
export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  const sqlite = sqliteHandleOf(db);
  if (sqlite && !sqlite.inTransaction) {
    writeWithoutWaiting(sqlite, 'update sessions set last_seen_at = ? where id = ? and last_seen_at < ?', [at, id, at]);
    return;
  }
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).where('lastSeenAt', '<', at).execute();
}

export const deleteSession = (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteUserSessions = (db: Db, userId: string) =>
  db.deleteFrom('sessions').where('userId', '=', userId).execute();

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Db, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Adds one failed attempt in the database itself and returns the new count: parallel attempts
 * must each count, or a burst of guesses read the same old count and never reach the lock.
 */
export async function incrementFailures(db: Db, userId: string): Promise<number> {
  const r = await db
    .updateTable('users')
    .set((eb) => ({ failedSignIns: eb('failedSignIns', '+', 1) }))
    .where('id', '=', userId)
    .returning('failedSignIns')
    .executeTakeFirstOrThrow();
  return Number(r.failedSignIns);
}

export const lockUser = (db: Db, userId: string, lockedUntil: string) =>
  db.updateTable('users').set({ failedSignIns: 0, lockedUntil }).where('id', '=', userId).execute();

export const recordSuccess = (db: Db, userId: string, at: string) =>
  db
    .updateTable('users')
    .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: at })
    .where('id', '=', userId)
    .execute();

export const setMfaSecret = (db: Db, userId: string, secret: string | null, enabled: boolean, at: string) =>
  db
    .updateTable('users')
    .set({ mfaSecret: secret, mfaEnabled: enabled ? 1 : 0, updatedAt: at })
    .where('id', '=', userId)
    .execute();

export const setPasswordHash = (db: Db, userId: string, hash: string, at: string) =>
  db.updateTable('users').set({ passwordHash: hash, updatedAt: at }).where('id', '=', userId).execute();

export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  districtId: string | null,
  rows: { id: string; codeHash: string }[],
) {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  if (rows.length)
    await db
      .insertInto('recoveryCodes')
      .values(rows.map((r) => ({ ...r, userId, districtId, usedAt: null })))
      .execute();
}

/** Marks a matching unused recovery code as used; true when one was found. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the accepted TOTP step only if it is newer than the last one: true when it was. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export const findUnknownFailures = (db: Db, emailHash: string) =>
  db.selectFrom('unknownSignInFailures').selectAll().where('emailHash', '=', emailHash).executeTakeFirst();

/** Counts one more failure for an address with no account; returns the count since the last lock. */
export async function incrementUnknownFailures(db: Db, emailHash: string, at: string): Promise<number> {
  const r = await db
    .insertInto('unknownSignInFailures')
    .values({ emailHash, failures: 1, lockedUntil: null, updatedAt: at })
    .onConflict((oc) =>
      oc
        .column('emailHash')
        .doUpdateSet((eb) => ({ failures: eb('unknownSignInFailures.failures', '+', 1), updatedAt: at })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(r.failures);
}

export const lockUnknown = (db: Db, emailHash: string, lockedUntil: string) =>
  db
    .updateTable('unknownSignInFailures')
    .set({ failures: 0, lockedUntil })
    .where('emailHash', '=', emailHash)
    .execute();

/** Forgets failures nobody has repeated for a day (the lock is shorter): the table stays small. */
export const forgetUnknownFailuresBefore = (db: Db, before: string) =>
  db.deleteFrom('unknownSignInFailures').where('updatedAt', '<', before).execute();
