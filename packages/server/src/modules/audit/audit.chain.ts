import type { AuditBreakCode } from '@forefront/contract';
import { sha256Hex } from '../../shared/ids.js';
import type { AuditEventRow } from './audit.table.js';

/** The hash that precedes the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Hashed = Omit<AuditEventRow, 'hash'>;

/**
 * hash = SHA-256(previous hash + canonical content). Every stored column is part of the content,
 * so editing any of them, or moving an event to another place in the chain, breaks the link.
 */
export function eventHash(e: Hashed): string {
  const content = canonicalJson({
    chain: e.chain,
    seq: e.seq,
    districtId: e.districtId,
    at: e.at,
    actorId: e.actorId,
    actorRole: e.actorRole,
    kind: e.kind,
    payload: e.payload,
  });
  return sha256Hex(`${e.prevHash}\n${content}`);
}

export interface BrokenLink {
  chain: string;
  seq: number;
  code: AuditBreakCode;
  reason: string;
}

/**
 * Walks one chain in seq order. Detects edits (hash mismatch), deletions (seq gap or prev-hash
 * mismatch), reordering (both) and truncation (the head names a later event than the last one).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;

  constructor(readonly chain: string) {}

  /** Returns the first problem with this event, or null. */
  next(e: AuditEventRow): BrokenLink | null {
    const at = (code: AuditBreakCode, reason: string) => ({ chain: this.chain, seq: Number(e.seq), code, reason });
    if (Number(e.seq) !== this.expectedSeq)
      return at('sequence_gap', `expected event #${this.expectedSeq}, found #${e.seq} (missing or reordered events)`);
    if (e.prevHash !== this.prevHash)
      return at('previous_hash', 'previous-hash link does not match the event before it');
    if (eventHash(e) !== e.hash) return at('content_edited', 'content does not match its hash (edited)');
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return null;
  }

  /**
   * Compare the end of the walk with the recorded head of the chain. A problem at the end is
   * reported at the position after the last event (every event before it did verify).
   * `mustHaveEvents`: a district's chain always starts with `district.created`, so a district
   * with no events at all lost its whole chain.
   */
  finish(head: { seq: number; hash: string } | undefined, mustHaveEvents = false): BrokenLink | null {
    const lastSeq = this.expectedSeq - 1;
    const end = (code: AuditBreakCode, reason: string) => ({ chain: this.chain, seq: lastSeq + 1, code, reason });
    if (lastSeq === 0 && mustHaveEvents)
      return end('chain_deleted', 'no events recorded for this district (chain deleted)');
    if (!head)
      return lastSeq === 0 ? null : end('head_missing', 'chain has events but no recorded head (head deleted)');
    if (Number(head.seq) === 0 && lastSeq === 0) return null;
    if (Number(head.seq) !== lastSeq || head.hash !== this.prevHash)
      return end(
        'head_mismatch',
        `head records event #${head.seq} but the chain ends at #${lastSeq} (truncated or altered)`,
      );
    return null;
  }
}
