import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { loadKey } from './keys.js';
import { seal, unseal } from './seal.js';

/**
 * Envelope encryption for the most sensitive text (issue 15: case notes, interviews, safety
 * plans). Each district has its own 32-byte data key, stored in `district_keys` sealed under the
 * master data key, which never enters the database (keys.ts). A copy of the database opens
 * nothing; re-keying the master key re-seals one row per district, not every note; and one
 * district's key opens only its own records.
 *
 * Each value is sealed with a context naming its table, column and row (`threat_cases.concern:<id>`),
 * so a sealed value moved onto another row or column does not open there.
 */
export interface DistrictSealer {
  seal(plaintext: string, context: string): string;
  open(stored: string, context: string): string;
  /** `open` for nullable columns. */
  openOrNull(stored: string | null, context: string): string | null;
}

const KEY_BYTES = 32;
const keyContext = (districtId: string) => `district_keys:${districtId}`;
/** Unsealed keys by their sealed form: reading the row is cheap, AES-GCM on every call is not needed. */
const opened = new Map<string, Buffer>();

function openKey(master: Buffer, sealedKey: string, districtId: string): Buffer {
  const cacheKey = `${districtId}:${sealedKey}`;
  const hit = opened.get(cacheKey);
  if (hit) return hit;
  const key = Buffer.from(unseal(master, sealedKey, keyContext(districtId)), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`The data key of district ${districtId} is malformed`);
  opened.set(cacheKey, key);
  return key;
}

/**
 * The district's key, created on first use. `db` may be a transaction: the key row is then
 * written with the records it seals. Two first uses at once agree on one key (insert or nothing,
 * then read back).
 */
export async function districtKey(db: Kysely<Database>, config: Config, districtId: string): Promise<Buffer> {
  const master = loadKey(config.keys, 'data', { create: true });
  const read = () =>
    db.selectFrom('districtKeys').select('sealedKey').where('districtId', '=', districtId).executeTakeFirst();
  let row = await read();
  if (!row) {
    const fresh = randomBytes(KEY_BYTES).toString('base64');
    await db
      .insertInto('districtKeys')
      .values({
        districtId,
        sealedKey: seal(master, fresh, keyContext(districtId)),
        createdAt: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column('districtId').doNothing())
      .execute();
    row = await read();
    if (!row) throw new Error(`The data key of district ${districtId} could not be stored`);
  }
  return openKey(master, row.sealedKey, districtId);
}

export async function districtSealer(
  db: Kysely<Database>,
  config: Config,
  districtId: string,
): Promise<DistrictSealer> {
  const key = await districtKey(db, config, districtId);
  return {
    seal: (plaintext, context) => seal(key, plaintext, context),
    open: (stored, context) => unseal(key, stored, context),
    openOrNull: (stored, context) => (stored === null ? null : unseal(key, stored, context)),
  };
}
