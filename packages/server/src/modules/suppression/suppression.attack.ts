import { type LinearSystem, variableBounds } from './suppression.lp.js';
import type { SuppressionLine } from './suppression.types.js';

/**
 * The attacker: what someone holding every published figure can prove about each hidden cell.
 * They know the published values and totals, that every count is a whole number >= 0, that each
 * line adds up, and the group size of every rate whose group is at least n (enrollment by group
 * is public elsewhere; smaller groups are never published), which caps the count. The result is
 * each hidden cell's feasible interval [lo, hi] from exact linear programming (the LP bounds,
 * rounded inwards to whole numbers; for two-way tables these are exactly the integer bounds).
 */
export interface AttackInput {
  /** True value of every cell (published values are read from here). */
  values: ReadonlyMap<string, number>;
  lines: readonly SuppressionLine[];
  /** Cells the attacker does not see. */
  hidden: ReadonlySet<string>;
  /** Known upper bounds (group sizes) of hidden cells. */
  upper: ReadonlyMap<string, number>;
}

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Intervals of the hidden cells. With `need` (cell → width), a cell proven at least that wide
 * may return a sub-interval that only certifies the width (cheaper); others are exact.
 */
export function attack(input: AttackInput, need?: ReadonlyMap<string, number>): Map<string, Interval> {
  const ids = [...input.hidden].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows: LinearSystem['rows'] = [];
  for (const line of input.lines) {
    const coef = new Map<number, number>();
    let rhs = 0;
    const add = (id: string, sign: number) => {
      const j = index.get(id);
      if (j === undefined) rhs -= sign * input.values.get(id)!;
      else coef.set(j, (coef.get(j) ?? 0) + sign);
    };
    for (const p of line.parts) add(p, 1);
    add(line.total, -1);
    if ([...coef.values()].some((a) => a !== 0)) rows.push({ coef, rhs });
  }
  let vars = ids.length;
  for (const id of ids) {
    const cap = input.upper.get(id);
    if (cap === undefined) continue;
    rows.push({
      coef: new Map([
        [index.get(id)!, 1],
        [vars, 1],
      ]),
      rhs: cap,
    }); // x + slack = cap
    vars++;
  }
  const enough = need ? ids.map((id) => need.get(id) ?? Infinity) : undefined;
  const targets = ids.map((_, j) => j);
  const result = new Map<string, Interval>();
  if (ids.length === 0) return result;
  const { lo, hi } = variableBounds(
    { vars, rows },
    targets,
    enough && [...enough, ...new Array<number>(vars - ids.length).fill(Infinity)],
  );
  ids.forEach((id, j) => {
    result.set(id, {
      lo: Math.max(0, Math.ceil(lo[j]! - 1e-6)),
      hi: hi[j] === Infinity ? Infinity : Math.floor(hi[j]! + 1e-6),
    });
  });
  return result;
}

/**
 * The protection criterion (DOMAIN.md 9, "never pin or narrow a hidden cell below n"): the
 * attacker's interval is at least n wide, unless it proves the cell is zero — which only a
 * published zero total (or published zero parts) can do, and publishing zero is allowed.
 */
export function isProtected(iv: Interval, n: number): boolean {
  return iv.hi === 0 || iv.hi - iv.lo >= n;
}
