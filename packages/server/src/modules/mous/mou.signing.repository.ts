import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { MouSignatureScanTable, MouSigningLinkTable } from './mou.table.js';

/** Queries for signing links and paper-signature scans (issue 12 item 5). */

export const insertLink = (db: Db, row: Insertable<MouSigningLinkTable>) =>
  db.insertInto('mouSigningLinks').values(row).execute();

export const findLinkByTokenHash = (db: Db, tokenHash: string) =>
  db.selectFrom('mouSigningLinks').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();

/** The signatory's links still open (not used, not revoked): a new link replaces them. */
export const findOpenLinks = (db: Db, signatoryId: string) =>
  db
    .selectFrom('mouSigningLinks')
    .select(['id'])
    .where('signatoryId', '=', signatoryId)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .execute();

export const revokeLink = (db: Db, id: string, at: string) =>
  db.updateTable('mouSigningLinks').set({ revokedAt: at }).where('id', '=', id).execute();

/** A new code replaces the last one; false when another request sent one first (codesSent moved). */
export async function setCode(
  db: Db,
  id: string,
  codesSentBefore: number,
  patch: { codeHash: string; codeExpiresAt: string },
): Promise<boolean> {
  const r = await db
    .updateTable('mouSigningLinks')
    .set({ ...patch, codesSent: codesSentBefore + 1, codeAttempts: 0 })
    .where('id', '=', id)
    .where('codesSent', '=', codesSentBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Claims one try at the current code, in one statement so parallel guesses cannot exceed the limit;
 * false when the tries are spent.
 */
export async function claimCodeAttempt(db: Db, id: string, maxAttempts: number): Promise<boolean> {
  const r = await db
    .updateTable('mouSigningLinks')
    .set((eb) => ({ codeAttempts: eb('codeAttempts', '+', 1) }))
    .where('id', '=', id)
    .where('codeAttempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const markVerified = (db: Db, id: string, at: string) =>
  db
    .updateTable('mouSigningLinks')
    .set({ verifiedAt: at })
    .where('id', '=', id)
    .where('verifiedAt', 'is', null)
    .execute();

/** Spends the link; false when another request used it first. */
export async function markUsed(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('mouSigningLinks')
    .set({ usedAt: at })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertScan = (db: Db, row: Insertable<MouSignatureScanTable>) =>
  db.insertInto('mouSignatureScans').values(row).execute();

export const findScan = (db: Db, signatureId: string) =>
  db.selectFrom('mouSignatureScans').selectAll().where('signatureId', '=', signatureId).executeTakeFirst();

/** Which of these signatures have a scan (for the MOU page), without reading the scans themselves. */
export const signaturesWithScan = async (db: Db, signatureIds: readonly string[]) =>
  signatureIds.length === 0
    ? new Set<string>()
    : new Set(
        (
          await db
            .selectFrom('mouSignatureScans')
            .select('signatureId')
            .where('signatureId', 'in', signatureIds)
            .execute()
        ).map((r) => r.signatureId),
      );

/** Display names of the staff who recorded signatures (paper, staff-entered, link senders). */
export const userNames = async (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? new Map<string, string>()
    : new Map(
        (
          await db
            .selectFrom('users')
            .select(['id', 'displayName'])
            .where('id', 'in', [...new Set(ids)])
            .execute()
        ).map((u) => [u.id, u.displayName]),
      );
