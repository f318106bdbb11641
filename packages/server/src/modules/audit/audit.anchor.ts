import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import { KeyError, loadKey } from '../../keys/keys.js';
import type { AuditBreakCode } from '@forefront/contract';
import { type BrokenLink, canonicalJson } from './audit.chain.js';

/**
 * An anchor: the head of every audit chain at one moment (last event's seq and hash, and how many
 * events the chain held), signed with an Ed25519 key kept outside the database (keys/). Kept
 * outside the database too, it lets `forefront audit verify --anchor` see what the hash chain alone
 * cannot: a chain cut short with its head moved back, a chain deleted whole, or a chain rewritten
 * and re-hashed from its first event, all of which leave a chain that is consistent in itself.
 */
export const ANCHOR_FORMAT = 'forefront-audit-anchor';

const HeadSchema = z.object({
  chain: z.string().min(1),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().min(1),
});
export type AnchorHead = z.infer<typeof HeadSchema>;

const AnchorSchema = z.object({
  format: z.literal(ANCHOR_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  heads: z.array(HeadSchema),
  /** The signer's raw Ed25519 public key (base64): names the key; trust comes from the key kept by the operator. */
  publicKey: z.string(),
  signature: z.string(),
});
export type AuditAnchor = z.infer<typeof AnchorSchema>;

/** An anchor file that cannot be trusted (unreadable, altered, forged, another key): nothing is checked against it. */
export class AnchorError extends Error {}

// DER header of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function signingKey(config: Config, create: boolean): { privateKey: KeyObject; publicKey: KeyObject; raw: string } {
  const seed = loadKey(config.keys, 'auditAnchor', { create });
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  return { privateKey, publicKey, raw };
}

/** The signed bytes: every field but the signature, as canonical JSON. */
const signedBytes = (a: Omit<AuditAnchor, 'signature'>) =>
  Buffer.from(canonicalJson({ ...a, signature: undefined }), 'utf8');

/** Every chain's head and event count; call it inside one read snapshot (audit.snapshot.ts). */
export async function readHeads(db: Db): Promise<AnchorHead[]> {
  const heads = await db.selectFrom('auditHeads').selectAll().where('seq', '>', 0).orderBy('chain').execute();
  const counts = await db
    .selectFrom('auditEvents')
    .select(['chain', sql<string>`count(*)`.as('n')])
    .groupBy('chain')
    .execute();
  const countOf = new Map(counts.map((c) => [c.chain, Number(c.n)]));
  return heads.map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash, count: countOf.get(h.chain) ?? 0 }));
}

/** Signs the heads with the anchor key, creating the key (0600) on first use. */
export function signAnchor(config: Config, heads: AnchorHead[], createdAt = nowIso()): AuditAnchor {
  const key = signingKey(config, true);
  const body: Omit<AuditAnchor, 'signature'> = {
    format: ANCHOR_FORMAT,
    version: 1,
    createdAt,
    heads,
    publicKey: key.raw,
  };
  return { ...body, signature: sign(null, signedBytes(body), key.privateKey).toString('base64') };
}

/**
 * Parses an anchor file's text and checks its signature against the operator's anchor key (never
 * against the key named in the file, which a forger would simply replace).
 */
export function openAnchor(config: Config, text: string): AuditAnchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AnchorError('The anchor file is not JSON: it is not a Forefront audit anchor');
  }
  const parsed = AnchorSchema.safeParse(json);
  if (!parsed.success) throw new AnchorError('The anchor file is not a Forefront audit anchor (format 1)');
  const anchor = parsed.data;
  let key;
  try {
    key = signingKey(config, false);
  } catch (err) {
    if (err instanceof KeyError) throw new AnchorError(`Cannot check the anchor's signature. ${err.message}`);
    throw err;
  }
  if (anchor.publicKey !== key.raw)
    throw new AnchorError('The anchor was signed with another key than this installation’s audit anchor key');
  const ok = verify(null, signedBytes(anchor), key.publicKey, Buffer.from(anchor.signature, 'base64'));
  if (!ok) throw new AnchorError('The anchor’s signature does not match its content: the file was altered or forged');
  return anchor;
}

/**
 * Each anchored head must still be in its chain with the same hash. Run after the chains verify in
 * the same snapshot: a chain intact up to its head that holds the anchored event unchanged holds
 * every event before it unchanged too (each hash covers the one before).
 */
export async function checkAgainstAnchor(db: Db, anchor: AuditAnchor): Promise<BrokenLink | null> {
  for (const h of anchor.heads) {
    const e = await db
      .selectFrom('auditEvents')
      .select(['hash'])
      .where('chain', '=', h.chain)
      .where('seq', '=', h.seq)
      .executeTakeFirst();
    const at = (code: AuditBreakCode, reason: string): BrokenLink => ({ chain: h.chain, seq: h.seq, code, reason });
    if (!e) {
      const left = await db
        .selectFrom('auditEvents')
        .select(sql<string>`count(*)`.as('n'))
        .where('chain', '=', h.chain)
        .executeTakeFirstOrThrow();
      return Number(left.n) === 0
        ? at(
            'anchor_chain_deleted',
            `the anchor of ${anchor.createdAt} records ${h.count} events in this chain; none are left (chain deleted)`,
          )
        : at(
            'anchor_truncated',
            `the anchor of ${anchor.createdAt} records event #${h.seq}; the chain now holds ${Number(left.n)} events and not that one (truncated)`,
          );
    }
    if (e.hash !== h.hash)
      return at(
        'anchor_rewritten',
        `event #${h.seq} differs from the anchor of ${anchor.createdAt} (hash ${e.hash.slice(0, 12)}…, anchored ${h.hash.slice(0, 12)}…): the chain was rewritten`,
      );
  }
  return null;
}
