/** Types of the suppression engine (docs/suppression.md). */

/** Allowed minimum cell sizes (DOMAIN.md section 9: states use 5 to 30; the district default is 10). */
export const MIN_N = 5;
export const MAX_N = 30;
export const DEFAULT_N = 10;

/**
 * One published number. Totals are cells too (a row total, a grand total, a district cell that is
 * the sum of its schools' cells). `denominator` makes the cell a rate (value per group size): the
 * group size is then published beside it, so it is checked like a count.
 */
export interface SuppressionCell {
  id: string;
  value: number;
  denominator?: number;
}

/** total = sum(parts): a row, a column, the row totals summing to the grand total, schools summing to the district. */
export interface SuppressionLine {
  total: string;
  parts: string[];
}

export interface Publication {
  cells: SuppressionCell[];
  lines: SuppressionLine[];
}

/**
 * Why a cell is hidden. count: 1..n-1; complement: denominator - count in 1..n-1; denominator:
 * a rate over fewer than n people; complementary: hidden so that the others cannot be worked out.
 */
export type SuppressionReason = 'count' | 'complement' | 'denominator' | 'complementary';

export type CellOutcome =
  | { id: string; published: true; value: number; denominator?: number }
  | { id: string; published: false; reason: SuppressionReason };

/** An earlier release of the same dataset and period, as the ledger keeps it (server-side only). */
export interface PriorRelease {
  n: number;
  publication: Publication;
  hidden: string[];
}

export interface SuppressionResult {
  n: number;
  /** One outcome per input cell, sorted by id. */
  cells: CellOutcome[];
  /** The published values by cell id (what a public page or the open-data files may show). */
  published: Record<string, number>;
  hidden: string[];
  /**
   * Hidden cells (ids; `~k:` prefixes an earlier release's cell) that earlier releases of the same
   * dataset already narrow below n whatever this release hides. Always empty without history.
   * Worth logging: the exposure happened when the earlier figures were published.
   */
  exposed: string[];
}
