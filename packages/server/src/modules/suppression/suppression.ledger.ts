import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { primaryReason, suppress } from './suppression.engine.js';
import type { CellOutcome, PriorRelease, Publication, SuppressionResult } from './suppression.types.js';

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

/**
 * `withhold`: cells to hide beyond the engine's choice, for a check the engine cannot express (an
 * inequality across two datasets: transparency.joint.ts). Hiding more is always safe (the
 * attacker only knows less). Called on a freshly suppressed result before it is recorded, and on
 * a reused release (`reused` true): if it then names a published cell, a new release is made.
 */
export interface ReleaseOptions {
  withhold?: (result: SuppressionResult, reused: boolean) => string[];
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
export async function priorReleases(
  db: Kysely<Database>,
  districtId: string,
  dataset: string,
  period: string,
): Promise<PriorRelease[]> {
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
export async function releasePublication(
  db: Kysely<Database>,
  req: ReleaseRequest,
  now = new Date(),
  opts: ReleaseOptions = {},
): Promise<Release> {
  const latest = await latestRow(db, req.districtId, req.dataset, req.period);
  const reused = latest ? unchangedRelease(latest, req) : null;
  if (reused && !(opts.withhold?.(reused, true) ?? []).some((id) => Object.hasOwn(reused.published, id))) return reused;
  const history = await priorReleases(db, req.districtId, req.dataset, req.period);
  const result = withheld(suppress(req.publication, { n: req.n, history }), opts);
  const published = JSON.stringify(sortedRecord(result.published));
  if (latest && latest.n === req.n && latest.published === published) {
    return { ...result, releaseId: latest.id, createdAt: latest.createdAt, created: false };
  }
  const id = newId();
  // Strictly after the latest release, so "latest" (ordered by time) never depends on random ids.
  const createdAt =
    latest && latest.createdAt >= now.toISOString()
      ? new Date(Date.parse(latest.createdAt) + 1).toISOString()
      : now.toISOString();
  const snapshot: Snapshot = { publication: req.publication, hidden: result.hidden };
  await db
    .insertInto('suppressionReleases')
    .values({
      id,
      districtId: req.districtId,
      dataset: req.dataset,
      period: req.period,
      n: req.n,
      published,
      snapshot: JSON.stringify(snapshot),
      createdAt,
    })
    .execute();
  return { ...result, releaseId: id, createdAt, created: true };
}

function withheld(result: SuppressionResult, opts: ReleaseOptions): SuppressionResult {
  const extra = new Set((opts.withhold?.(result, false) ?? []).filter((id) => Object.hasOwn(result.published, id)));
  if (extra.size === 0) return result;
  return {
    ...result,
    cells: result.cells.map((c) => (extra.has(c.id) ? { id: c.id, published: false, reason: 'complementary' } : c)),
    published: Object.fromEntries(Object.entries(result.published).filter(([id]) => !extra.has(id))),
    hidden: [...result.hidden, ...extra].sort(),
  };
}

/**
 * The shortcut before the engine (the LP attacker takes seconds on a large district): when the
 * publication is the latest release's input, cell for cell and line for line, at the same n, that
 * release is the answer. The engine is deterministic and the attacker learns nothing new from an
 * identical release, so this is what suppressing again would return (exposure, if any, was
 * reported when that release was made).
 */
function unchangedRelease(latest: LatestRow, req: ReleaseRequest): Release | null {
  if (latest.n !== req.n) return null;
  const snap = JSON.parse(latest.snapshot) as Snapshot;
  if (canonical(snap.publication) !== canonical(req.publication)) return null;
  const hidden = new Set(snap.hidden);
  const cells: CellOutcome[] = [...req.publication.cells]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) =>
      hidden.has(c.id)
        ? { id: c.id, published: false, reason: primaryReason(c, req.n) ?? 'complementary' }
        : {
            id: c.id,
            published: true,
            value: c.value,
            ...(c.denominator !== undefined ? { denominator: c.denominator } : {}),
          },
    );
  const published = JSON.parse(latest.published) as Record<string, number>;
  return {
    n: req.n,
    cells,
    published,
    hidden: [...snap.hidden].sort(),
    exposed: [],
    releaseId: latest.id,
    createdAt: latest.createdAt,
    created: false,
  };
}

/** A publication as text that does not depend on the order of cells, lines or a line's parts. */
function canonical(p: Publication): string {
  const cells = p.cells
    .map((c) => [c.id, c.value, c.denominator ?? null] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lines = p.lines.map((l) => JSON.stringify([l.total, [...l.parts].sort()])).sort();
  return JSON.stringify([cells, lines]);
}

/** The latest published figures of a dataset (what a public page serves), or undefined. */
export async function latestRelease(db: Kysely<Database>, districtId: string, dataset: string, period: string) {
  const row = await latestRow(db, districtId, dataset, period);
  return (
    row && {
      id: row.id,
      n: row.n,
      createdAt: row.createdAt,
      published: JSON.parse(row.published) as Record<string, number>,
    }
  );
}

/** The latest release of a dataset and period: the one query every reader of the ledger shares. */
function latestRow(db: Kysely<Database>, districtId: string, dataset: string, period: string) {
  return db
    .selectFrom('suppressionReleases')
    .select(['id', 'n', 'published', 'snapshot', 'createdAt'])
    .where('districtId', '=', districtId)
    .where('dataset', '=', dataset)
    .where('period', '=', period)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
type LatestRow = NonNullable<Awaited<ReturnType<typeof latestRow>>>;

const sortedRecord = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The latest release with the engine's input (true values: server-side only, never served). For
 * a caller that re-renders published figures and needs the publication's structure (cell ids,
 * group sizes) beside what was published.
 */
export async function latestReleaseInput(db: Kysely<Database>, districtId: string, dataset: string, period: string) {
  const row = await latestRow(db, districtId, dataset, period);
  if (!row) return undefined;
  const snap = JSON.parse(row.snapshot) as Snapshot;
  return {
    id: row.id,
    n: row.n,
    createdAt: row.createdAt,
    publication: snap.publication,
    hidden: snap.hidden,
    published: JSON.parse(row.published) as Record<string, number>,
  };
}
