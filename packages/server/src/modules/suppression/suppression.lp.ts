/**
 * A compact dense simplex for the suppression attacker: the exact real bounds of each variable of
 * { A x = b, x >= 0 }. Tables here are small (tens of variables), so a dense tableau in floating
 * point with Bland's rule (no cycling on the many degenerate vertices zero cells create) is fast
 * and simple. Phase 1 runs once; every objective (min x_j, max x_j) restarts from its basis.
 *
 * Every vertex the simplex visits is a feasible point, so the solver also records the lowest and
 * highest value each variable took anywhere: a variable seen at two points n apart already has a
 * feasible range at least n wide, and its two LPs are skipped (the engine only needs "width >= n").
 */

const EPS = 1e-9;

export interface LinearSystem {
  /** Number of variables. */
  vars: number;
  /** Equality rows: sparse coefficients and right-hand side. */
  rows: { coef: Map<number, number>; rhs: number }[];
}

export interface Bounds {
  lo: number[];
  hi: number[];
}

class Tableau {
  /** rows[i] has `cols` coefficients then the right-hand side. */
  constructor(
    public rows: Float64Array[],
    public basis: number[],
    public cols: number,
  ) {}

  clone(): Tableau {
    return new Tableau(
      this.rows.map((r) => Float64Array.from(r)),
      [...this.basis],
      this.cols,
    );
  }

  pivot(r: number, c: number, obj: Float64Array): void {
    const pr = this.rows[r]!;
    const width = this.cols + 1;
    const inv = 1 / pr[c]!;
    for (let j = 0; j < width; j++) pr[j]! *= inv;
    pr[c] = 1;
    for (let i = 0; i <= this.rows.length; i++) {
      if (i === r) continue;
      const row = i === this.rows.length ? obj : this.rows[i]!;
      const f = row[c]!;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j]! -= f * pr[j]!;
      row[c] = 0;
    }
    this.basis[r] = c;
  }

  /**
   * Minimises the objective row (reduced costs, last entry = -value) over columns < `usable`.
   * Returns false when unbounded. `visit` sees each vertex; returning true stops early.
   */
  minimise(obj: Float64Array, usable: number, visit?: () => boolean): boolean {
    // Dantzig's rule (most negative reduced cost) is fast; after a run of degenerate pivots,
    // Bland's rule (first negative) takes over, which cannot cycle.
    let degenerate = 0;
    for (;;) {
      if (visit?.()) return true;
      let enter = -1;
      if (degenerate < 20) {
        let most = -EPS;
        for (let j = 0; j < usable; j++)
          if (obj[j]! < most) {
            most = obj[j]!;
            enter = j;
          }
      } else {
        for (let j = 0; j < usable; j++)
          if (obj[j]! < -EPS) {
            enter = j;
            break;
          }
      }
      if (enter < 0) return true;
      let leave = -1;
      let best = Infinity;
      for (let i = 0; i < this.rows.length; i++) {
        const a = this.rows[i]![enter]!;
        if (a <= EPS) continue;
        const ratio = this.rows[i]![this.cols]! / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && this.basis[i]! < this.basis[leave]!)) {
          best = ratio;
          leave = i;
        }
      }
      if (leave < 0) return false;
      degenerate = best <= EPS ? degenerate + 1 : 0;
      this.pivot(leave, enter, obj);
    }
  }

  value(v: number): number {
    const i = this.basis.indexOf(v);
    return i < 0 ? 0 : this.rows[i]![this.cols]!;
  }
}

/** A feasible basis for the system, or null when infeasible (a caller bug: the true values satisfy it). */
function phaseOne(sys: LinearSystem): Tableau | null {
  const m = sys.rows.length;
  const n = sys.vars;
  const cols = n + m;
  const rows = sys.rows.map((r, i) => {
    const row = new Float64Array(cols + 1);
    const sign = r.rhs < 0 ? -1 : 1;
    for (const [j, a] of r.coef) row[j] = sign * a;
    row[n + i] = 1;
    row[cols] = sign * r.rhs;
    return row;
  });
  const t = new Tableau(
    rows,
    rows.map((_, i) => n + i),
    cols,
  );
  // Minimise the sum of artificials: reduced costs are minus the column sums.
  const obj = new Float64Array(cols + 1);
  for (const row of rows) for (let j = 0; j <= cols; j++) if (j < n || j === cols) obj[j]! -= row[j]!;
  t.minimise(obj, n);
  if (Math.abs(obj[cols]!) > 1e-7) return null;
  // Drive artificial variables out of the basis; a row with nothing left to pivot on is redundant.
  const keep: number[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    if (t.basis[i]! < n) {
      keep.push(i);
      continue;
    }
    const row = t.rows[i]!;
    let c = -1;
    for (let j = 0; j < n; j++)
      if (Math.abs(row[j]!) > EPS) {
        c = j;
        break;
      }
    if (c >= 0) {
      t.pivot(i, c, obj);
      keep.push(i);
    }
  }
  const compact = keep.map((i) => {
    const r = new Float64Array(n + 1);
    r.set(t.rows[i]!.subarray(0, n));
    r[n] = t.rows[i]![cols]!;
    return r;
  });
  return new Tableau(
    compact,
    keep.map((i) => t.basis[i]!),
    n,
  );
}

function objective(t: Tableau, v: number, sign: 1 | -1): Float64Array {
  const obj = new Float64Array(t.cols + 1);
  obj[v] = sign;
  const i = t.basis.indexOf(v);
  if (i >= 0) {
    const row = t.rows[i]!;
    for (let j = 0; j <= t.cols; j++) obj[j]! -= sign * row[j]!;
  }
  return obj;
}

/**
 * Real bounds of the variables in `targets` (all variables when omitted). With `enough`, a
 * variable whose range is proven at least `enough[j]` wide stops early and its bounds are only
 * a sub-interval of the true range (still proving the width). Infinity marks an unbounded side.
 */
export function variableBounds(sys: LinearSystem, targets?: number[], enough?: number[]): Bounds {
  const n = sys.vars;
  const lo = new Array<number>(n).fill(Infinity);
  const hi = new Array<number>(n).fill(-Infinity);
  const start = phaseOne(sys);
  if (!start) throw new Error('suppression: the published figures are inconsistent (no feasible table)');
  // Every vertex is a feasible point: a basic variable takes its row's value, the others are 0.
  const value = new Float64Array(n);
  const seen = (t: Tableau) => {
    value.fill(0);
    for (let i = 0; i < t.basis.length; i++) value[t.basis[i]!] = t.rows[i]![n]!;
    for (let j = 0; j < n; j++) {
      const x = value[j]!;
      if (x < lo[j]!) lo[j] = x;
      if (x > hi[j]!) hi[j] = x;
    }
  };
  seen(start);
  const wide = (j: number) => enough !== undefined && hi[j]! - lo[j]! >= enough[j]! - 1e-7;
  for (const j of targets ?? [...Array(n).keys()]) {
    for (const sign of [1, -1] as const) {
      if (wide(j)) break;
      const t = start.clone();
      const obj = objective(t, j, sign);
      const bounded = t.minimise(obj, n, () => {
        seen(t);
        return wide(j);
      });
      if (!bounded) {
        if (sign === 1)
          lo[j] = -Infinity; // cannot happen with x >= 0, kept for completeness
        else hi[j] = Infinity;
      }
    }
  }
  return { lo, hi };
}
