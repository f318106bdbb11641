import fc from 'fast-check';
import { attack, isProtected } from '../src/modules/suppression/suppression.attack.js';
import { type CrossTable, crossTable, withSchools } from '../src/modules/suppression/suppression.tables.js';
import type { Publication, SuppressionResult } from '../src/modules/suppression/suppression.types.js';

/** A count near the thresholds that matter: zeros, small counts, counts just above n, larger ones. */
export const countFor = (n: number) =>
  fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: n - 1 }), weight: 3 },
    { arbitrary: fc.integer({ min: n, max: 2 * n }), weight: 3 },
    { arbitrary: fc.integer({ min: 2 * n, max: 6 * n }), weight: 2 },
  );

const label = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i}`);

/** A rows × cols table of counts, with group sizes per row (rates) in about half the tables. */
export const tableArb = (table: string, rows: [number, number], cols: [number, number], count: fc.Arbitrary<number>) =>
  fc
    .record({
      r: fc.integer({ min: rows[0], max: rows[1] }),
      c: fc.integer({ min: cols[0], max: cols[1] }),
      rates: fc.boolean(),
    })
    .chain(({ r, c, rates }) =>
      fc
        .record({
          values: fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
          extra: fc.array(count, { minLength: r, maxLength: r }),
        })
        .map(({ values, extra }): CrossTable => ({
          table,
          rows: label('r', r),
          cols: label('c', c),
          values,
          ...(rates ? { rowDenominators: values.map((row, i) => row.reduce((a, b) => a + b, 0) + extra[i]!) } : {}),
        })),
    );

/** A district of 2 or 3 schools with the same table shape. */
export const hierarchyArb = (count: fc.Arbitrary<number>) =>
  fc
    .record({
      schools: fc.integer({ min: 2, max: 3 }),
      r: fc.integer({ min: 2, max: 3 }),
      c: fc.integer({ min: 2, max: 3 }),
      rates: fc.boolean(),
    })
    .chain(({ schools, r, c, rates }) =>
      fc
        .array(
          fc.record({
            values: fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
            extra: fc.array(count, { minLength: r, maxLength: r }),
          }),
          { minLength: schools, maxLength: schools },
        )
        .map((ts) =>
          withSchools(
            'd',
            ts.map(({ values, extra }, k): CrossTable => ({
              table: `s${k}`,
              rows: label('r', r),
              cols: label('c', c),
              values,
              ...(rates ? { rowDenominators: values.map((row, i) => row.reduce((a, b) => a + b, 0) + extra[i]!) } : {}),
            })),
          ),
        ),
    );

export { crossTable };

/** A cheap assertion for the hot loops (vitest's expect costs more than the engine here). */
export function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

export const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Raising n never reveals a cell. */
export function assertSubset(smaller: readonly string[], larger: readonly string[], what: string): void {
  const set = new Set(larger);
  for (const id of smaller) check(set.has(id), `${what}: ${id} hidden before, shown after`);
}

/** Fisher–Yates with a seeded generator: the same publication in another order. */
export function shuffled(pub: Publication, seed: number): Publication {
  let s = seed >>> 0 || 1;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  return {
    cells: shuffle(pub.cells),
    lines: shuffle(pub.lines.map((l) => ({ total: l.total, parts: shuffle(l.parts) }))),
  };
}

/** The published-figure rules: nothing small is shown, and what is shown is the true figure. */
export function assertPublishedRules(
  pub: Publication,
  result: SuppressionResult,
  n: number,
  withHistory = false,
): void {
  const small = (x: number) => x >= 1 && x <= n - 1;
  const byId = new Map(pub.cells.map((c) => [c.id, c]));
  check(result.cells.length === pub.cells.length, 'one outcome per cell');
  if (!withHistory) check(result.exposed.length === 0, 'without earlier releases nothing is exposed');
  for (const out of result.cells) {
    if (!out.published) continue;
    const cell = byId.get(out.id)!;
    check(out.value === cell.value, `${out.id} published as ${out.value}, true ${cell.value}`);
    check(!small(out.value), `${out.id} = ${out.value} published with n=${n}`);
    if (cell.denominator !== undefined) {
      check(out.denominator === cell.denominator, `${out.id} group size`);
      check(cell.denominator >= n, `${out.id}: a rate over ${cell.denominator} published with n=${n}`);
      check(
        !small(cell.denominator - cell.value),
        `${out.id}: complement ${cell.denominator - cell.value} published with n=${n}`,
      );
    }
  }
  // Totals unchanged: every published total is the sum of its parts' true values.
  for (const line of pub.lines) {
    if (line.total in result.published) {
      check(
        result.published[line.total] === line.parts.reduce((s, p) => s + byId.get(p)!.value, 0),
        `${line.total} is not its parts' sum`,
      );
    }
  }
}

/** The attacker of the module, knowing every group size >= n (exact unless `need` lets a cell stop once proven wide). */
export function lpIntervals(
  pub: Publication,
  result: SuppressionResult,
  n: number,
  need?: ReadonlyMap<string, number>,
) {
  const values = new Map(pub.cells.map((c) => [c.id, c.value]));
  const upper = new Map<string, number>();
  for (const c of pub.cells)
    if (c.denominator !== undefined && c.denominator >= n && result.hidden.includes(c.id))
      upper.set(c.id, c.denominator);
  return attack({ values, lines: pub.lines, hidden: new Set(result.hidden), upper }, need);
}

/** Every hidden cell's exact LP interval holds its true value and is at least n wide (or proves zero). */
export function assertLpAttackerFails(pub: Publication, result: SuppressionResult, n: number): void {
  const values = new Map(pub.cells.map((c) => [c.id, c.value]));
  // A cell proven n wide by two feasible tables stops early (its interval is then a witness pair).
  const intervals = lpIntervals(pub, result, n, new Map(result.hidden.map((id) => [id, n])));
  check(sameList([...intervals.keys()].sort(), result.hidden), 'the attacker sees exactly the hidden cells');
  for (const [id, iv] of intervals) {
    const v = values.get(id)!;
    // An interval narrower than n is exact (no early stop), so it must hold the true value.
    if (iv.hi - iv.lo < n) check(iv.lo <= v && v <= iv.hi, `${id}=${v} outside its interval [${iv.lo}, ${iv.hi}]`);
    check(isProtected(iv, n), `${id}=${v} narrowed to [${iv.lo}, ${iv.hi}] with n=${n}`);
  }
}
