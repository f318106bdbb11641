import { sql } from 'kysely';
import type { AuditQuery } from '@forefront/contract';
import type { Db, Dialect } from '../../db/database.js';
import type { AuditEventRow } from './audit.table.js';

/**
 * Lock (PostgreSQL) or read (SQLite, whose writers are already serialized) the head of a chain.
 * The head row is created on first use; the row lock makes concurrent appends take turns.
 */
export async function lockHead(trx: Db, dialect: Dialect, chain: string) {
  await trx
    .insertInto('auditHeads')
    .values({ chain, seq: 0, hash: '' })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  let q = trx.selectFrom('auditHeads').selectAll().where('chain', '=', chain);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

export async function insertEvent(trx: Db, row: AuditEventRow) {
  await trx.insertInto('auditEvents').values(row).execute();
  await trx.updateTable('auditHeads').set({ seq: row.seq, hash: row.hash }).where('chain', '=', row.chain).execute();
}

export async function findEvents(db: Db, chain: string, q: AuditQuery) {
  let base = db.selectFrom('auditEvents').where('chain', '=', chain);
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.actorId) base = base.where('actorId', '=', q.actorId);
  if (q.from) base = base.where('at', '>=', q.from);
  // `to` is a date: include the whole day.
  if (q.to) base = base.where('at', '<', `${q.to}T99`);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One page of a chain in seq order, for verification without loading the whole log. */
export function findChainPage(db: Db, chain: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Every chain: those with a head or events, and every district's (which must exist). */
export async function findChains(db: Db): Promise<string[]> {
  const a = await db.selectFrom('auditHeads').select('chain').execute();
  const b = await db.selectFrom('auditEvents').select('chain').distinct().execute();
  const c = await db.selectFrom('districts').select('id as chain').execute();
  return [...new Set([...a, ...b, ...c].map((r) => r.chain))].sort();
}

/** Ids of all districts: each has a chain that starts with its `district.created` event. */
export async function findDistrictIds(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('districts').select('id').execute()).map((r) => r.id));
}

export function findHead(db: Db, chain: string) {
  return db.selectFrom('auditHeads').selectAll().where('chain', '=', chain).executeTakeFirst();
}

/** Everyone whose account belongs to the district, by name. */
export function findDistrictPeople(db: Db, districtId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'role', 'disabled'])
    .where('districtId', '=', districtId)
    .orderBy('displayName')
    .orderBy('id')
    .execute();
}
