import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { suppress } from './suppression.engine.js';
import type { PriorRelease, Publication, SuppressionResult } from './suppression.types.js';

/**
 * The release ledger: every publication of a dataset is recorded, and a new release of the same
 * (district, dataset, period) is suppressed with every earlier one in the attacker's view, so that
 * comparing two releases reveals nothing (docs/suppression.md, "Releases"). Callers pass their
 * transaction as `db` when the release belongs to a larger write.
 */
export interface ReleaseRequest {
  districtId: string;
  dataset: string;
  period: string;
  n: number;
  publication: Publication;
}

export interface Release extends SuppressionResult {
  releaseId: string;
  createdAt: string;
  /** False when the figures equal the latest release's and that release was returned instead. */
  created: boolean;
}

interface Snapshot {
  publication: Publication;
  hidden: string[];
}

/** Earlier releases of the dataset, oldest first, as the engine's history. */
export async function priorReleases(db: Kysely<Database>, districtId: string, dataset: string, period: string): Promise<PriorRelease[]> {
  const rows = await db
    .selectFrom('suppressionReleases')
    .select(['n', 'snapshot'])
    .where('districtId', '=', districtId)
    .where('dataset', '=', dataset)
    .where('period', '=', period)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  // Identical releases add nothing to what an attacker knows: keep one of each.
  const seen = new Set<string>();
  const out: PriorRelease[] = [];
  for (const row of rows) {
    const key = `${row.n}|${row.snapshot}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const snap = JSON.parse(row.snapshot) as Snapshot;
    out.push({ n: row.n, publication: snap.publication, hidden: snap.hidden });
  }
  return out;
}

/**
 * Suppresses a publication against its earlier releases and records it. Re-publishing the same
 * figures (an aggregate recomputed with nothing changed) returns the latest release unchanged.
 */
export async function releasePublication(db: Kysely<Database>, req: ReleaseRequest, now = new Date()): Promise<Release> {
  const history = await priorReleases(db, req.districtId, req.dataset, req.period);
  const result = suppress(req.publication, { n: req.n, history });
  const published = JSON.stringify(sortedRecord(result.published));
  const latest = await db
    .selectFrom('suppressionReleases')
    .select(['id', 'n', 'published', 'createdAt'])
    .where('districtId', '=', req.districtId)
    .where('dataset', '=', req.dataset)
    .where('period', '=', req.period)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest && latest.n === req.n && latest.published === published) {
    return { ...result, releaseId: latest.id, createdAt: latest.createdAt, created: false };
  }
  const id = newId();
  const createdAt = now.toISOString();
  const snapshot: Snapshot = { publication: req.publication, hidden: result.hidden };
  await db
    .insertInto('suppressionReleases')
    .values({ id, districtId: req.districtId, dataset: req.dataset, period: req.period, n: req.n, published, snapshot: JSON.stringify(snapshot), createdAt })
    .execute();
  return { ...result, releaseId: id, createdAt, created: true };
}

/** The latest published figures of a dataset (what a public page serves), or undefined. */
export async function latestRelease(db: Kysely<Database>, districtId: string, dataset: string, period: string) {
  const row = await db
    .selectFrom('suppressionReleases')
    .select(['id', 'n', 'published', 'createdAt'])
    .where('districtId', '=', districtId)
    .where('dataset', '=', dataset)
    .where('period', '=', period)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: row.id, n: row.n, createdAt: row.createdAt, published: JSON.parse(row.published) as Record<string, number> };
}

const sortedRecord = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
