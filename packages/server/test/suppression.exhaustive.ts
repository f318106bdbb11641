import { type CrossTable, cellId } from '../src/modules/suppression/suppression.tables.js';

/**
 * An attacker independent of the LP: for a small two-way table, enumerate every table of whole
 * numbers that agrees with what was published (published cells, published totals, the group size
 * of every rate over at least n people as a cap) and record the range each hidden cell takes.
 * The search stops at `cap` = grand total + n: a cell reaching it is at least n wide anyway
 * (hi >= cap >= value + n >= lo + n); `capped` marks such cells. A search longer than `budget`
 * steps returns null (the caller counts those and keeps them rare).
 */
export interface Range {
  lo: number;
  hi: number;
  capped: boolean;
}

export function exhaustiveRanges(
  t: CrossTable,
  hidden: ReadonlySet<string>,
  n: number,
  budget = 200_000,
): Map<string, Range> | null {
  let nodes = 0;
  const R = t.rows.length;
  const C = t.cols.length;
  const v = t.values;
  const rowSum = (r: number) => v[r]!.reduce((a, b) => a + b, 0);
  const colSum = (c: number) => v.reduce((a, row) => a + row[c]!, 0);
  const grand = v.reduce((a, _, r) => a + rowSum(r), 0);
  const cap = grand + n;
  const den = t.rowDenominators;
  const denAll = den?.reduce((a, b) => a + b, 0);
  const known = (id: string) => !hidden.has(id);
  // Caps the attacker knows: a published total, or the group size of a hidden rate (>= n).
  const capOf = (id: string, value: number | undefined, d: number | undefined) =>
    known(id) ? value! : d !== undefined && d >= n ? d : Infinity;
  const rowCap = t.rows.map((row, r) => capOf(cellId(t.table, row, '*'), rowSum(r), den?.[r]));
  const colCap = t.cols.map((col, c) => capOf(cellId(t.table, '*', col), colSum(c), denAll));
  const grandCap = capOf(cellId(t.table, '*', '*'), grand, denAll);
  const ids: string[] = [];
  const grid: (number | null)[][] = t.rows.map((row, r) =>
    t.cols.map((col, c) => {
      const id = cellId(t.table, row, col);
      return known(id) ? v[r]![c]! : null;
    }),
  );
  for (const r of t.rows.keys()) for (const c of t.cols.keys()) if (grid[r]![c] === null) ids.push(`${r},${c}`);
  const ranges = new Map<string, Range>();
  const note = (id: string, x: number) => {
    const g = ranges.get(id);
    if (!g) ranges.set(id, { lo: x, hi: x, capped: x >= cap });
    else {
      g.lo = Math.min(g.lo, x);
      g.hi = Math.max(g.hi, x);
      g.capped ||= x >= cap;
    }
  };
  const lastInRow = (r: number, c: number) => grid[r]!.every((x, j) => j <= c || x !== null);
  const lastInCol = (r: number, c: number) => grid.every((row, i) => i <= r || row[c] !== null);
  const exact = (id: string) => known(id);

  const visit = (k: number) => {
    if (++nodes > budget) return;
    if (k === ids.length) {
      const rs = grid.map((row) => row.reduce((a: number, b) => a + b!, 0));
      const cs = t.cols.map((_, c) => grid.reduce((a, row) => a + row[c]!, 0));
      const g = rs.reduce((a, b) => a + b, 0);
      for (let r = 0; r < R; r++) {
        const id = cellId(t.table, t.rows[r]!, '*');
        if (exact(id) ? rs[r] !== rowSum(r) : rs[r]! > rowCap[r]!) return;
      }
      for (let c = 0; c < C; c++) {
        const id = cellId(t.table, '*', t.cols[c]!);
        if (exact(id) ? cs[c] !== colSum(c) : cs[c]! > colCap[c]!) return;
      }
      const gid = cellId(t.table, '*', '*');
      if (exact(gid) ? g !== grand : g > grandCap) return;
      t.rows.forEach((row, r) => {
        t.cols.forEach((col, c) => {
          if (!known(cellId(t.table, row, col))) note(cellId(t.table, row, col), grid[r]![c]!);
        });
        if (!known(cellId(t.table, row, '*'))) note(cellId(t.table, row, '*'), rs[r]!);
      });
      t.cols.forEach((col, c) => {
        if (!known(cellId(t.table, '*', col))) note(cellId(t.table, '*', col), cs[c]!);
      });
      if (!known(gid)) note(gid, g);
      return;
    }
    const [r, c] = ids[k]!.split(',').map(Number) as [number, number];
    const rowUsed = grid[r]!.reduce((a: number, x, j) => a + (j !== c && x !== null ? x : 0), 0);
    const colUsed = grid.reduce((a: number, row, i) => a + (i !== r && row[c] !== null ? row[c]! : 0), 0);
    const cellCap = den !== undefined && den[r]! >= n ? den[r]! : Infinity;
    const hi = Math.min(cap, cellCap, rowCap[r]! - rowUsed, colCap[c]! - colUsed);
    let from = 0;
    let to = hi;
    // A published total fixes the last open cell of its row or column.
    const allUsed = grid.reduce(
      (a: number, row, i) => a + row.reduce((b: number, x, j) => b + ((i !== r || j !== c) && x !== null ? x : 0), 0),
      0,
    );
    if (lastInRow(r, c) && exact(cellId(t.table, t.rows[r]!, '*'))) from = to = rowSum(r) - rowUsed;
    else if (lastInCol(r, c) && exact(cellId(t.table, '*', t.cols[c]!))) from = to = colSum(c) - colUsed;
    else if (k === ids.length - 1 && exact(cellId(t.table, '*', '*'))) from = to = grand - allUsed;
    to = Math.min(to, grandCap - allUsed);
    for (let x = Math.max(0, from); x <= Math.min(to, hi); x++) {
      grid[r]![c] = x;
      visit(k + 1);
    }
    grid[r]![c] = null;
  };
  visit(0);
  return nodes > budget ? null : ranges;
}
