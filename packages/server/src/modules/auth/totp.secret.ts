import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { KEYS, KeyError, keyFile, loadKey } from '../../keys/keys.js';
import { isSealed, seal, unseal } from '../../keys/seal.js';

/**
 * TOTP secrets are stored sealed under the data key (keys/), bound to their account's id: the
 * database alone (a copied file, a backup) does not let anyone generate an account's codes.
 */
const context = (userId: string) => `users.mfa_secret:${userId}`;

export function sealTotpSecret(config: Config, userId: string, secret: string): string {
  return seal(loadKey(config.keys, 'data', { create: true }), secret, context(userId));
}

/** The base32 secret; throws when the data key is missing or is not the one it was sealed under. */
export function openTotpSecret(config: Config, userId: string, stored: string): string {
  const key = loadKey(config.keys, 'data', { create: false });
  try {
    return unseal(key, stored, context(userId));
  } catch {
    throw new KeyError(
      `The two-step secret of account ${userId} does not open with this data key: is ${KEYS.data.env} (or ${keyFile(config.keys, 'data')}) the key this database was sealed with?`,
    );
  }
}

/**
 * A start-up step after the migrations: secrets stored before they were sealed (plain base32) are
 * sealed in place. Here rather than in a migration because migrations see only the database, and
 * this needs the data key, which it creates on first use (docs/operations.md). Idempotent.
 */
export async function sealPlainTotpSecrets(db: Db, config: Config): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'mfaSecret'])
    .where('mfaSecret', 'is not', null)
    .where('mfaSecret', 'not like', 'v1:%')
    .execute();
  if (!rows.length) return 0;
  await db.transaction().execute(async (trx) => {
    for (const r of rows)
      if (r.mfaSecret && !isSealed(r.mfaSecret))
        await trx
          .updateTable('users')
          .set({ mfaSecret: sealTotpSecret(config, r.id, r.mfaSecret) })
          .where('id', '=', r.id)
          .where('mfaSecret', '=', r.mfaSecret)
          .execute();
  });
  return rows.length;
}
