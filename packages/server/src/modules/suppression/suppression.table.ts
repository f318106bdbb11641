import type { Selectable } from 'kysely';

/** One release of a dataset (migration 20261128T0006_release_ledger). */
export interface SuppressionReleaseTable {
  id: string;
  districtId: string;
  /** What was published, e.g. 'arrests-by-race' (the caller's key). */
  dataset: string;
  /** The period it covers, e.g. the school year '2025-26'. */
  period: string;
  n: number;
  /** JSON { cellId: value } of the published cells. */
  published: string;
  /** JSON { publication, hidden }: the engine's input and output, for checking later releases. Never served. */
  snapshot: string;
  createdAt: string;
}
export type SuppressionReleaseRow = Selectable<SuppressionReleaseTable>;
