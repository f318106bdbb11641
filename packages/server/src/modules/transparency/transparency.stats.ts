import type { Interval } from '@forefront/contract';

/**
 * The statistics of the public transparency report (docs/transparency.md, "Measures"). Pure
 * functions of published counts: the report computes a derived figure only when every count it
 * needs was published, so a derived figure never reveals a withheld one.
 */

/** z for a two-sided 95% interval. */
const Z = 1.959963984540054;

/** Half up, after a nudge so that 1.005 (stored as 1.00499...) rounds to 1.01 as a person would. Inputs are >= 0. */
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f * (1 + 4 * Number.EPSILON)) / f;
};

/** Students per 1,000 enrolled, one decimal; null without enrollment. */
export function per1000(count: number, enrolled: number): number | null {
  if (!(enrolled > 0)) return null;
  return round((count / enrolled) * 1000, 1);
}

/** A share 0..1 (three decimals, i.e. a tenth of a percent); null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return round(part / whole, 3);
}

const interval = (estimate: number, low: number, high: number): Interval => ({
  estimate: round(estimate, 2),
  low: round(low, 2),
  high: round(high, 2),
});

/**
 * Risk ratio of a group against all other students: (a / n1) / (c / n0), where a of the group's
 * n1 students and c of the n0 others had the outcome. 95% interval by the Katz log method:
 * exp(ln RR ± z·sqrt(1/a − 1/n1 + 1/c − 1/n0)). Null when it cannot be computed: no students in
 * the group or no others, or no student with the outcome in the group or among the others (the
 * log of 0 or a division by 0).
 */
export function riskRatio(a: number, n1: number, c: number, n0: number): Interval | null {
  if (!(n1 > 0 && n0 > 0 && a > 0 && c > 0) || a > n1 || c > n0) return null;
  const rr = a / n1 / (c / n0);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
  return interval(rr, Math.exp(Math.log(rr) - Z * se), Math.exp(Math.log(rr) + Z * se));
}

/** Wilson score interval of a proportion k/n (95%). */
export function wilson(k: number, n: number): { low: number; high: number } {
  const p = k / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Composition index: the group's share of the students with the outcome divided by its share of
 * enrollment, (a / A) / (n1 / N). 1 means represented as in enrollment; 1.83 means 83% over. The
 * 95% interval is the Wilson interval of the outcome share a / A divided by the enrollment share,
 * which is treated as fixed (the whole enrolled population, not a sample). Null without students
 * with the outcome, without enrollment, or with no students in the group.
 */
export function compositionIndex(a: number, A: number, n1: number, N: number): Interval | null {
  if (!(A > 0 && N > 0 && n1 > 0) || a > A || n1 > N) return null;
  const enrollmentShare = n1 / N;
  const w = wilson(a, A);
  return interval(a / A / enrollmentShare, w.low / enrollmentShare, w.high / enrollmentShare);
}

/**
 * The median of grouped response times: the bucket holding the middle contact and, inside it,
 * linear interpolation L + (N/2 − F) / f · width. An open last bucket (60+) gives its lower bound.
 * Buckets are `from-to` or `from+` (minutes), in order; `total` may be given with only the
 * buckets up to the median's. Null when there is no contact.
 */
export function groupedMedian(
  buckets: readonly { key: string; count: number }[],
  total = buckets.reduce((s, b) => s + b.count, 0),
): { bucket: string; minutes: number } | null {
  if (total === 0) return null;
  const half = total / 2;
  let before = 0;
  for (const b of buckets) {
    if (b.count > 0 && before + b.count >= half) {
      const [fromText, toText] = b.key.replace('+', '').split('-');
      const from = Number(fromText);
      if (toText === undefined || toText === '') return { bucket: b.key, minutes: from };
      return { bucket: b.key, minutes: round(from + ((half - before) / b.count) * (Number(toText) - from), 1) };
    }
    before += b.count;
  }
  return null;
}
