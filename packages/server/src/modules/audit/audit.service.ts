import {
  type AuditEvent,
  AuditEventSchema,
  type AuditQuery,
  type AuditVerifyResult,
  type PolicyActor,
  type Role,
} from '@forefront/contract';
import type { Db, Dialect } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import type { Actor, AuditActor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { type LoadedDistrict, loadDistrictFor } from '../../shared/load-district.js';
import { resolveLabels } from './audit.labels.js';
import { ChainVerifier, GENESIS_HASH, canonicalJson, eventHash } from './audit.chain.js';
import * as repo from './audit.repository.js';
import { type AuditAnchor, checkAgainstAnchor, readHeads, signAnchor } from './audit.anchor.js';
import { withReadSnapshot } from './audit.snapshot.js';

/** Events that belong to no district (state viewers, setup before a district exists). */
export const SYSTEM_CHAIN = 'system';

export interface AuditContext {
  dialect: Dialect;
  actor: AuditActor;
  /** The district whose chain records the event; null for the system chain. */
  districtId: string | null;
}

/**
 * Append one event. Call it with the transaction that does the work, so the record and the change
 * commit or roll back together: there is never a change without its audit event.
 */
export async function appendAudit(trx: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  const parsed = AuditEventSchema.parse(event);
  const { kind, ...payload } = parsed;
  const chain = ctx.districtId ?? SYSTEM_CHAIN;
  const head = await repo.lockHead(trx, ctx.dialect, chain);
  const base = {
    chain,
    seq: Number(head.seq) + 1,
    districtId: ctx.districtId,
    at: nowIso(),
    actorId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? null,
    kind,
    payload: canonicalJson(payload),
    prevHash: head.seq === 0 ? GENESIS_HASH : head.hash,
  };
  await repo.insertEvent(trx, { ...base, hash: eventHash(base) });
}

/** One page of a district's log, each entry with its actor's name and words for the ids it names. */
export async function listEvents(db: Db, reader: PolicyActor, district: LoadedDistrict, q: AuditQuery) {
  const { items, total } = await repo.findEvents(db, district.id, q);
  const entries = items.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
  const words = await resolveLabels(db, reader, district, entries);
  return {
    items: entries.map((r) => ({
      seq: Number(r.seq),
      chain: r.chain,
      at: r.at,
      actorId: r.actorId,
      actorRole: r.actorRole,
      actorName: words.actorName(r.actorId),
      kind: r.kind,
      payload: r.payload,
      labels: words.labelsOf(r.payload),
      hash: r.hash,
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

const VERIFY_BATCH = 5000;

/** Verify the given chains (all when omitted); stops at the first broken link. */
export async function verifyChains(db: Db, chains?: string[]): Promise<AuditVerifyResult> {
  let checked = 0;
  const list = chains ?? (await repo.findChains(db));
  const districtChains = await repo.findDistrictIds(db);
  for (const chain of list) {
    const v = new ChainVerifier(chain);
    let after = 0;
    for (;;) {
      const page = await repo.findChainPage(db, chain, after, VERIFY_BATCH);
      for (const e of page) {
        const broken = v.next(e);
        if (broken) return { ok: false, checked: checked + v.checked, firstBroken: broken };
      }
      if (page.length < VERIFY_BATCH) break;
      after = Number(page[page.length - 1]!.seq);
    }
    const head = await repo.findHead(db, chain);
    const broken = v.finish(head ? { seq: Number(head.seq), hash: head.hash } : undefined, districtChains.has(chain));
    checked += v.checked;
    if (broken) return { ok: false, checked, firstBroken: broken };
  }
  return { ok: true, checked, firstBroken: null };
}

/**
 * The trail as of one moment (audit.snapshot.ts), so appends made meanwhile are never mistaken for
 * tampering. With an anchor, every anchored head must also still be there, unchanged.
 */
export async function verifyTrail(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'>,
  opts: { chains?: string[]; anchor?: AuditAnchor } = {},
): Promise<AuditVerifyResult> {
  return withReadSnapshot(ctx, async (db) => {
    const result = await verifyChains(db, opts.chains);
    if (!result.ok || !opts.anchor) return result;
    const only = opts.chains;
    const anchor = only
      ? { ...opts.anchor, heads: opts.anchor.heads.filter((h) => only.includes(h.chain)) }
      : opts.anchor;
    const broken = await checkAgainstAnchor(db, anchor);
    return broken ? { ok: false, checked: result.checked, firstBroken: broken } : result;
  });
}

/** The heads of every chain as of one moment, signed with the anchor key (created on first use). */
export async function makeAnchor(ctx: Pick<AppContext, 'db' | 'dialect' | 'config'>): Promise<AuditAnchor> {
  return signAnchor(ctx.config, await withReadSnapshot(ctx, readHeads));
}

const districtFor = (ctx: AppContext, actor: Actor, action: 'audit.list' | 'audit.verify', districtId: string) =>
  loadDistrictFor(ctx.db, actor, action, districtId);

/** An auditor's or administrator's view of the log; looking is itself recorded (who watched the watchers). */
export async function browseAuditLog(ctx: AppContext, actor: Actor, districtId: string, q: AuditQuery) {
  const d = await districtFor(ctx, actor, 'audit.list', districtId);
  const { limit: _limit, offset: _offset, ...filters } = q;
  const shown = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, { dialect: ctx.dialect, actor, districtId: d.id }, { kind: 'audit.viewed', filters: shown }),
    );
  return listEvents(ctx.db, actor, d, q);
}

/**
 * The district's people, for the log's "by person" filter: everyone who could have acted in the
 * district, disabled accounts included (their history stays in the log).
 */
export async function listAuditPeople(ctx: AppContext, actor: Actor, districtId: string) {
  const d = await districtFor(ctx, actor, 'audit.list', districtId);
  const rows = await repo.findDistrictPeople(ctx.db, d.id);
  return { items: rows.map((r) => ({ id: r.id, name: r.displayName, role: r.role as Role, disabled: !!r.disabled })) };
}

/** Verify one district's chain from the web app; the check and its result go on the record. */
export async function verifyDistrictChain(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
): Promise<AuditVerifyResult> {
  const d = await districtFor(ctx, actor, 'audit.verify', districtId);
  const result = await verifyTrail(ctx, { chains: [d.id] });
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: d.id },
        { kind: 'audit.verified', ok: result.ok, checked: result.checked },
      ),
    );
  return result;
}
