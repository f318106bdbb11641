import type { Publication, SuppressionCell, SuppressionLine } from './suppression.types.js';

/**
 * Builders for the usual shapes: a two-way table (e.g. race × outcome) with its row, column and
 * grand totals, and a district table that is the sum of its schools' tables. Cell ids are
 * `${table}/${row}/${col}` with `*` for a total: `district/BL/*` is the Black row total.
 */
export interface CrossTable {
  table: string;
  rows: readonly string[];
  cols: readonly string[];
  /** values[r][c] for the interior cells. */
  values: readonly (readonly number[])[];
  /** Group sizes per row (e.g. enrollment by race), making every cell of the row a rate; the total row takes their sum. */
  rowDenominators?: readonly number[];
}

export const cellId = (table: string, row: string, col: string): string => `${table}/${row}/${col}`;

export function crossTable(t: CrossTable): Publication {
  const cells: SuppressionCell[] = [];
  const lines: SuppressionLine[] = [];
  const den = (r: number | null): { denominator?: number } => {
    if (!t.rowDenominators) return {};
    return { denominator: r === null ? t.rowDenominators.reduce((a, b) => a + b, 0) : t.rowDenominators[r]! };
  };
  let grand = 0;
  const colTotals = t.cols.map(() => 0);
  t.rows.forEach((row, r) => {
    let rowTotal = 0;
    t.cols.forEach((col, c) => {
      const v = t.values[r]![c]!;
      rowTotal += v;
      colTotals[c]! += v;
      cells.push({ id: cellId(t.table, row, col), value: v, ...den(r) });
    });
    grand += rowTotal;
    cells.push({ id: cellId(t.table, row, '*'), value: rowTotal, ...den(r) });
    lines.push({ total: cellId(t.table, row, '*'), parts: t.cols.map((col) => cellId(t.table, row, col)) });
  });
  t.cols.forEach((col, c) => {
    cells.push({ id: cellId(t.table, '*', col), value: colTotals[c]!, ...den(null) });
    lines.push({ total: cellId(t.table, '*', col), parts: t.rows.map((row) => cellId(t.table, row, col)) });
  });
  cells.push({ id: cellId(t.table, '*', '*'), value: grand, ...den(null) });
  lines.push({ total: cellId(t.table, '*', '*'), parts: t.rows.map((row) => cellId(t.table, row, '*')) });
  lines.push({ total: cellId(t.table, '*', '*'), parts: t.cols.map((col) => cellId(t.table, '*', col)) });
  return { cells, lines };
}

/**
 * A district table and its schools' tables (same rows and columns) as one publication: every
 * district cell, totals included, is also the sum of the schools' cells at the same place.
 */
export function withSchools(district: string, schools: readonly CrossTable[]): Publication {
  const first = schools[0];
  if (!first) throw new Error('withSchools needs at least one school');
  const sum = first.values.map((row, r) => row.map((_, c) => schools.reduce((s, t) => s + t.values[r]![c]!, 0)));
  const dens =
    first.rowDenominators && first.rows.map((_, r) => schools.reduce((s, t) => s + t.rowDenominators![r]!, 0));
  const parts = [
    crossTable({
      table: district,
      rows: first.rows,
      cols: first.cols,
      values: sum,
      ...(dens ? { rowDenominators: dens } : {}),
    }),
    ...schools.map(crossTable),
  ];
  const lines = parts.flatMap((p) => p.lines);
  for (const row of [...first.rows, '*']) {
    for (const col of [...first.cols, '*']) {
      lines.push({ total: cellId(district, row, col), parts: schools.map((s) => cellId(s.table, row, col)) });
    }
  }
  return { cells: parts.flatMap((p) => p.cells), lines };
}
