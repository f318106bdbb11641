import {
  SUPPRESSED,
  type Cell,
  type Interval,
  type PublicTable,
  type TransparencyReport,
  type TransparencyTableKey,
} from '@forefront/contract';

/**
 * Pure helpers that turn the report's cells into what a reader sees. A withheld cell is never a
 * zero and a missing one is never a zero either: both keep their own kind all the way to the page.
 */

export type ColumnKind = PublicTable['columns'][number]['kind'];
export type TableRow = PublicTable['rows'][number];

export type CellView = { state: 'value'; text: string } | { state: 'suppressed' } | { state: 'missing' };

export function isInterval(cell: Cell | undefined): cell is Interval {
  return typeof cell === 'object' && cell !== null;
}

/** Digits each kind of figure is shown with: counts are whole, rates keep one decimal, ratios two. */
function numberFormat(kind: ColumnKind, lang: string): Intl.NumberFormat {
  switch (kind) {
    case 'count':
      return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    case 'per1000':
    case 'minutes':
      return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'share':
      return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'ratio':
    case 'interval':
      return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

export function formatValue(value: number, kind: ColumnKind, lang: string): string {
  return numberFormat(kind, lang).format(value);
}

/** "2.00 (1.45–2.76)": the estimate, then its 95% confidence interval. */
export function formatInterval(value: Interval, lang: string): string {
  const f = numberFormat('interval', lang);
  return `${f.format(value.estimate)} (${f.format(value.low)}–${f.format(value.high)})`;
}

export function cellView(cell: Cell | undefined, kind: ColumnKind, lang: string): CellView {
  if (cell === SUPPRESSED) return { state: 'suppressed' };
  // A cell the table does not carry reads as "not available", like an explicit null.
  if (cell === null || cell === undefined) return { state: 'missing' };
  if (isInterval(cell)) return { state: 'value', text: formatInterval(cell, lang) };
  return { state: 'value', text: formatValue(cell, kind, lang) };
}

/** The number a chart draws for a cell, or null when there is nothing to draw (withheld or missing). */
export function chartValue(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return cell;
  if (isInterval(cell)) return cell.estimate;
  return null;
}

export function findTable(report: TransparencyReport, key: TransparencyTableKey): PublicTable | undefined {
  return report.tables.find((t) => t.key === key);
}

export function hasColumn(table: PublicTable, key: string): boolean {
  return table.columns.some((c) => c.key === key);
}

/** Rows grouped by their `dimension`, in order of first appearance (student tables: all, race, sex...). */
export function rowsByDimension(table: PublicTable): Array<{ dimension: string; rows: TableRow[] }> {
  const groups = new Map<string, TableRow[]>();
  for (const row of table.rows) {
    const dimension = row.dimension ?? '';
    groups.set(dimension, [...(groups.get(dimension) ?? []), row]);
  }
  return [...groups].map(([dimension, rows]) => ({ dimension, rows }));
}

/** True when some cell of the table was withheld: the section then explains suppression. */
export function hasSuppressed(table: PublicTable): boolean {
  return table.rows.some((r) => Object.values(r.cells).some((c) => c === SUPPRESSED));
}

export function hasMissing(table: PublicTable): boolean {
  return table.rows.some((r) => table.columns.some((c) => r.cells[c.key] === null || r.cells[c.key] === undefined));
}

/** The column a table's chart draws: the first of `preferred` the table has, else its first plain number column. */
export function chartColumn(
  table: PublicTable,
  preferred: readonly string[],
): PublicTable['columns'][number] | undefined {
  for (const key of preferred) {
    const column = table.columns.find((c) => c.key === key);
    if (column) return column;
  }
  return table.columns.find((c) => c.kind !== 'interval');
}

/** A cell as a bar: its number (an interval's estimate), or why there is no bar. */
export function barValue(cell: Cell | undefined): number | 'suppressed' | null {
  if (cell === SUPPRESSED) return 'suppressed';
  return chartValue(cell);
}
