import { attack, type Interval, isProtected } from './suppression.attack.js';
import {
  type CellOutcome,
  MAX_N,
  MIN_N,
  type PriorRelease,
  type Publication,
  type SuppressionCell,
  type SuppressionLine,
  type SuppressionReason,
  type SuppressionResult,
} from './suppression.types.js';

/**
 * The suppression engine: every figure Forefront publishes from its own records passes through
 * `suppress` (docs/suppression.md).
 *
 * 1. Primary: hide counts in 1..n-1, counts whose complement (group size - count) is in 1..n-1,
 *    and rates over fewer than n people.
 * 2. Complementary, to a fixed point: in every line whose total is published, if exactly one part
 *    is hidden, or the hidden parts add up to less than n, or they are all zero, hide the smallest
 *    non-zero published part (ties by cell id); a line with nothing left to hide hides its total.
 * 3. Attacker: exact LP bounds of every hidden cell from everything published (and from earlier
 *    releases of the same dataset). A cell narrowed below n gets another cell hidden next to it
 *    (smallest first, parts before totals) and the loop returns to step 2.
 * 4. Monotone in n: the result for n is built on the result for n-1 (down to 5), so raising n
 *    never reveals a cell. A step whose hidden set is already safe for the next n costs no LP.
 *
 * Every choice is made on cells and lines sorted by id, so the input order never matters.
 */

export class SuppressionInputError extends Error {}

interface System {
  values: Map<string, number>;
  cells: Map<string, SuppressionCell>;
  /** Lines of the new release only (complementary rules apply there). */
  lines: SuppressionLine[];
  /** New lines, earlier releases' lines and the links between unchanged cells (the attacker's view). */
  attackLines: SuppressionLine[];
  /** New cells whose current value an earlier release already published: public, never chosen, not checked. */
  known: Set<string>;
  /** Earlier releases' hidden cells (prefixed ids) with the n each was promised. */
  priorHidden: Map<string, number>;
  priorUpper: Map<string, number>;
  /** Lines containing each cell, for the search for a cell to hide next to a narrowed one. */
  linesOf: Map<string, SuppressionLine[]>;
  /** How many lines of the new release each cell is the total of (0 for an interior cell). */
  totalOf: Map<string, number>;
}

export function primaryReason(cell: SuppressionCell, n: number): SuppressionReason | null {
  const small = (x: number) => x >= 1 && x <= n - 1;
  if (small(cell.value)) return 'count';
  if (cell.denominator !== undefined) {
    if (small(cell.denominator - cell.value)) return 'complement';
    if (cell.denominator < n) return 'denominator';
  }
  return null;
}

function validate(pub: Publication, n: number): void {
  if (!Number.isInteger(n) || n < MIN_N || n > MAX_N)
    throw new SuppressionInputError(`n must be a whole number from ${MIN_N} to ${MAX_N}`);
  const values = new Map<string, number>();
  for (const c of pub.cells) {
    if (values.has(c.id)) throw new SuppressionInputError(`cell ${c.id} appears twice`);
    if (!Number.isInteger(c.value) || c.value < 0)
      throw new SuppressionInputError(`cell ${c.id}: counts are whole numbers >= 0`);
    if (c.denominator !== undefined && (!Number.isInteger(c.denominator) || c.denominator < c.value))
      throw new SuppressionInputError(`cell ${c.id}: the group size must be a whole number >= the count`);
    values.set(c.id, c.value);
  }
  for (const l of pub.lines) {
    for (const id of [l.total, ...l.parts])
      if (!values.has(id)) throw new SuppressionInputError(`line refers to unknown cell ${id}`);
    const sum = l.parts.reduce((s, p) => s + values.get(p)!, 0);
    if (sum !== values.get(l.total))
      throw new SuppressionInputError(`cell ${l.total} is not the sum of its parts (${sum})`);
  }
}

const lineKey = (l: SuppressionLine) => `${l.total}|${l.parts.join(',')}`;
const canonicalLines = (lines: readonly SuppressionLine[], prefix = '') =>
  lines
    .map((l) => ({ total: prefix + l.total, parts: l.parts.map((p) => prefix + p).sort() }))
    .sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : lineKey(a) > lineKey(b) ? 1 : 0));

function buildSystem(pub: Publication, history: readonly PriorRelease[]): System {
  const cells = new Map([...pub.cells].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, c]));
  const values = new Map([...cells.values()].map((c) => [c.id, c.value]));
  const lines = canonicalLines(pub.lines);
  const attackLines = [...lines];
  const known = new Set<string>();
  const priorHidden = new Map<string, number>();
  const priorUpper = new Map<string, number>();
  history.forEach((prior, k) => {
    const prefix = `~${k}:`;
    const hidden = new Set(prior.hidden);
    for (const c of prior.publication.cells) {
      values.set(prefix + c.id, c.value);
      const now = cells.get(c.id);
      const unchanged = now !== undefined && now.value === c.value;
      if (hidden.has(c.id)) {
        priorHidden.set(prefix + c.id, prior.n);
        if (c.denominator !== undefined && c.denominator >= prior.n) priorUpper.set(prefix + c.id, c.denominator);
        if (unchanged) attackLines.push({ total: prefix + c.id, parts: [c.id] }); // same count then and now
      } else if (unchanged) known.add(c.id);
    }
    attackLines.push(...canonicalLines(prior.publication.lines, prefix));
  });
  const linesOf = new Map<string, SuppressionLine[]>();
  for (const l of attackLines) for (const id of [l.total, ...l.parts]) linesOf.set(id, [...(linesOf.get(id) ?? []), l]);
  const totalOf = new Map<string, number>();
  for (const l of lines) totalOf.set(l.total, (totalOf.get(l.total) ?? 0) + 1);
  return { values, cells, lines, attackLines, known, priorHidden, priorUpper, linesOf, totalOf };
}

/** Smallest non-zero first, then zeros; ties by id. */
function compareByValue(sys: System, a: string, b: string): number {
  const va = sys.values.get(a)!;
  const vb = sys.values.get(b)!;
  const za = va === 0 ? 1 : 0;
  const zb = vb === 0 ? 1 : 0;
  return za - zb || va - vb || (a < b ? -1 : a > b ? 1 : 0);
}

const hideable = (sys: System, hidden: Set<string>, id: string) =>
  sys.cells.has(id) && !hidden.has(id) && !sys.known.has(id);

/** The line rule of step 2; returns the cell to hide, or null when the line is safe or nothing can help. */
function lineViolation(sys: System, hidden: Set<string>, line: SuppressionLine, n: number): string | null {
  // A cell an earlier release published counts as published here.
  if (hidden.has(line.total) && !sys.known.has(line.total)) return null;
  let count = 0;
  let sum = 0;
  for (const p of line.parts) {
    if (hidden.has(p) && !sys.known.has(p)) {
      count++;
      sum += sys.values.get(p)!;
    }
  }
  if (count === 0 || (count > 1 && sum >= n)) return null;
  let best: string | null = null;
  for (const p of line.parts)
    if (hideable(sys, hidden, p) && (best === null || compareByValue(sys, p, best) < 0)) best = p;
  if (best !== null) return best;
  return hideable(sys, hidden, line.total) ? line.total : null;
}

function complementaryFixedPoint(sys: System, hidden: Set<string>, n: number): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const line of sys.lines) {
      const next = lineViolation(sys, hidden, line, n);
      if (next !== null) {
        hidden.add(next);
        changed = true;
      }
    }
  }
}

/** A published cell to hide next to a narrowed one: its own lines first, then further out through hidden cells. */
function neighbourToHide(sys: System, hidden: Set<string>, start: string): string | null {
  const seenCells = new Set([start]);
  const seenLines = new Set<SuppressionLine>();
  let frontier = [start];
  while (frontier.length > 0) {
    const parts: string[] = [];
    const totals: string[] = []; // kept apart for clarity; both ranked by level below
    const next: string[] = [];
    for (const id of frontier) {
      for (const line of sys.linesOf.get(id) ?? []) {
        if (seenLines.has(line)) continue;
        seenLines.add(line);
        for (const p of line.parts) if (hideable(sys, hidden, p)) parts.push(p);
        if (hideable(sys, hidden, line.total)) totals.push(line.total);
        for (const c of [line.total, ...line.parts]) {
          if (!seenCells.has(c) && (hidden.has(c) || sys.priorHidden.has(c))) {
            seenCells.add(c);
            next.push(c);
          }
        }
      }
    }
    // Least aggregated first (a school cell before a district cell), so high-level totals stay published.
    const level = (id: string) => sys.totalOf.get(id) ?? 0;
    const pick = [...parts, ...totals].sort((a, b) => level(a) - level(b) || compareByValue(sys, a, b))[0];
    if (pick !== undefined) return pick;
    frontier = next;
  }
  return null;
}

interface Checked {
  hidden: Set<string>;
  intervals: Map<string, Interval>;
  /** Cells narrowed below n by earlier releases whatever this one hides (only with history). */
  exposed: Set<string>;
}

function attackView(sys: System, hidden: Set<string>, n: number) {
  const attacked = new Set([...hidden].filter((id) => !sys.known.has(id)));
  for (const id of sys.priorHidden.keys()) attacked.add(id);
  const upper = new Map(sys.priorUpper);
  const need = new Map<string, number>();
  for (const id of attacked) {
    const cell = sys.cells.get(id);
    if (cell?.denominator !== undefined && cell.denominator >= n) upper.set(id, cell.denominator);
    // An earlier release's hidden cell keeps the protection it was given, up to today's n: at a
    // smaller n group sizes down to n are public, and a district that lowers n accepts less.
    need.set(id, cell ? n : Math.min(n, sys.priorHidden.get(id)!));
  }
  return { attacked, upper, need };
}

function close(sys: System, seed: Checked | null, n: number): Checked {
  const hidden = new Set(seed?.hidden);
  // Exposure is judged afresh at each n: a smaller n publishes more group sizes (more caps).
  const exposed = new Set<string>();
  for (const c of sys.cells.values()) if (primaryReason(c, n) !== null) hidden.add(c.id);
  for (;;) {
    complementaryFixedPoint(sys, hidden, n);
    const { attacked, upper, need } = attackView(sys, hidden, n);
    const intervals = attack({ values: sys.values, lines: sys.attackLines, hidden: attacked, upper }, need);
    const narrowed = [...intervals]
      .filter(([id, iv]) => !exposed.has(id) && !isProtected(iv, need.get(id)!))
      .map(([id]) => id)
      .sort();
    if (narrowed.length === 0) return { hidden, intervals, exposed };
    const extra = neighbourToHide(sys, hidden, narrowed[0]!);
    // Nothing left in this release to hide around it: earlier releases and public group sizes
    // already give it away (e.g. a published 21 of 21, then 22 in the group and 21 unchanged).
    if (extra === null) exposed.add(narrowed[0]!);
    else hidden.add(extra);
  }
}

/** Whether a hidden set that was safe for n-1 is still safe for n without recomputing the LP. */
function stillSafe(sys: System, c: Checked, n: number): boolean {
  if (c.exposed.size > 0) return false;
  for (const cell of sys.cells.values()) if (!c.hidden.has(cell.id) && primaryReason(cell, n) !== null) return false;
  for (const line of sys.lines) if (lineViolation(sys, c.hidden, line, n) !== null) return false;
  // The intervals came from an attacker who knew every group size >= an n at most this one:
  // at least as strong as today's, so intervals still wide enough stay safe.
  const { need } = attackView(sys, c.hidden, n);
  for (const [id, iv] of c.intervals) if (!c.exposed.has(id) && !isProtected(iv, need.get(id)!)) return false;
  return true;
}

export function suppress(pub: Publication, opts: { n: number; history?: readonly PriorRelease[] }): SuppressionResult {
  validate(pub, opts.n);
  for (const prior of opts.history ?? []) validate(prior.publication, prior.n);
  const sys = buildSystem(pub, opts.history ?? []);
  let checked = close(sys, null, MIN_N);
  for (let m = MIN_N + 1; m <= opts.n; m++) if (!stillSafe(sys, checked, m)) checked = close(sys, checked, m);
  const cells: CellOutcome[] = [];
  const published: Record<string, number> = {};
  for (const cell of sys.cells.values()) {
    if (checked.hidden.has(cell.id)) {
      cells.push({ id: cell.id, published: false, reason: primaryReason(cell, opts.n) ?? 'complementary' });
    } else {
      cells.push({
        id: cell.id,
        published: true,
        value: cell.value,
        ...(cell.denominator !== undefined ? { denominator: cell.denominator } : {}),
      });
      published[cell.id] = cell.value;
    }
  }
  return { n: opts.n, cells, published, hidden: [...checked.hidden].sort(), exposed: [...checked.exposed].sort() };
}
