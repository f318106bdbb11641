import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONSE_BUCKETS } from '@forefront/contract';
import {
  compositionIndex,
  groupedMedian,
  per1000,
  riskRatio,
  share,
  wilson,
} from '../src/modules/transparency/transparency.stats.js';

/** The statistics of the transparency report (docs/transparency.md, "Measures"): worked examples and properties. */

const RUNS = { numRuns: 2000 };
const group = fc
  .integer({ min: 1, max: 5000 })
  .chain((n1) => fc.tuple(fc.integer({ min: 0, max: n1 }), fc.constant(n1)));

describe('worked examples', () => {
  it('per 1,000 enrolled, one decimal; null without enrollment', () => {
    expect(per1000(53, 740)).toBe(71.6);
    expect(per1000(1, 3)).toBe(333.3);
    expect(per1000(0, 120)).toBe(0);
    expect(per1000(4, 0)).toBeNull();
  });

  it('risk ratio by the Katz log method (20 of 100 against 30 of 300)', () => {
    // RR = 0.2 / 0.1 = 2; SE(ln RR) = sqrt(1/20 - 1/100 + 1/30 - 1/300) = 0.2646; 2·exp(±1.96·0.2646) = 1.19 .. 3.36
    expect(riskRatio(20, 100, 30, 300)).toEqual({ estimate: 2, low: 1.19, high: 3.36 });
  });

  it('risk ratio is null when it cannot be computed', () => {
    expect(riskRatio(0, 100, 30, 300)).toBeNull(); // nobody in the group had the outcome: ln 0
    expect(riskRatio(5, 100, 0, 300)).toBeNull(); // nobody among the others
    expect(riskRatio(0, 0, 30, 300)).toBeNull(); // nobody in the group
    expect(riskRatio(5, 100, 0, 0)).toBeNull(); // no others
  });

  it('composition index with a Wilson interval (30 of 60 referred, 200 of 1,000 enrolled)', () => {
    // share of referrals 0.5 over share of enrollment 0.2 = 2.5; Wilson(30, 60) = 0.3773 .. 0.6226, divided by 0.2
    expect(compositionIndex(30, 60, 200, 1000)).toEqual({ estimate: 2.5, low: 1.89, high: 3.11 });
    expect(compositionIndex(0, 0, 200, 1000)).toBeNull();
    expect(compositionIndex(3, 10, 0, 1000)).toBeNull();
  });

  it('shares and the grouped median', () => {
    expect(share(31, 157)).toBe(0.197);
    expect(share(0, 0)).toBeNull();
    // 10 contacts: the 5th lies in 2-5 after 3 in 0-2: 2 + (5 - 3) / 4 · 3 = 3.5
    expect(
      groupedMedian([
        { key: '0-2', count: 3 },
        { key: '2-5', count: 4 },
        { key: '5-10', count: 3 },
      ]),
    ).toEqual({ bucket: '2-5', minutes: 3.5 });
    expect(
      groupedMedian([
        { key: '0-2', count: 1 },
        { key: '60+', count: 5 },
      ]),
    ).toEqual({ bucket: '60+', minutes: 60 });
    expect(groupedMedian([{ key: '0-2', count: 0 }])).toBeNull();
    // With the total given, the buckets after the median's are not needed (they may be withheld).
    expect(
      groupedMedian(
        [
          { key: '0-2', count: 3 },
          { key: '2-5', count: 4 },
        ],
        10,
      ),
    ).toEqual({ bucket: '2-5', minutes: 3.5 });
  });
});

describe('properties', () => {
  it('per 1,000 lies in 0..1000 and grows with the count', () => {
    fc.assert(
      fc.property(group, ([a, n1]) => {
        const r = per1000(a, n1)!;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1000);
        if (a < n1) expect(per1000(a + 1, n1)!).toBeGreaterThanOrEqual(r);
      }),
      RUNS,
    );
  });

  it('risk ratio: null exactly when not computable; the interval holds the estimate; swapping the groups inverts it', () => {
    fc.assert(
      fc.property(group, group, ([a, n1], [c, n0]) => {
        const rr = riskRatio(a, n1, c, n0);
        if (a === 0 || c === 0) {
          expect(rr).toBeNull();
          return;
        }
        expect(rr).not.toBeNull();
        expect(rr!.low).toBeLessThanOrEqual(rr!.estimate);
        expect(rr!.estimate).toBeLessThanOrEqual(rr!.high);
        const exact = a / n1 / (c / n0);
        expect(Math.abs(rr!.estimate - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
        const inv = riskRatio(c, n0, a, n1)!;
        // Before rounding the swapped interval is exactly the reciprocal; compare with rounding slack.
        expect(Math.abs(inv.estimate * exact - 1)).toBeLessThanOrEqual(0.005 * exact + 1e-9);
      }),
      RUNS,
    );
  });

  it('risk ratio is 1, with 1 inside its interval, when the rates are equal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (a, k1, k0) => {
          const rr = riskRatio(a, a * (k1 + 1), a * k0, a * k0 * (k1 + 1))!;
          expect(rr.estimate).toBe(1);
          expect(rr.low).toBeLessThanOrEqual(1);
          expect(rr.high).toBeGreaterThanOrEqual(1);
        },
      ),
      RUNS,
    );
  });

  it('composition index: the estimate times the enrollment share is the outcome share; the interval holds it; 1 when proportional', () => {
    fc.assert(
      fc.property(group, group, ([a, A], [n1, N]) => {
        const ci = compositionIndex(a, A, n1, N);
        if (n1 === 0) {
          expect(ci).toBeNull();
          return;
        }
        expect(Math.abs(ci!.estimate - a / A / (n1 / N))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(ci!.low).toBeLessThanOrEqual(ci!.estimate);
        expect(ci!.estimate).toBeLessThanOrEqual(ci!.high);
        expect(ci!.low).toBeGreaterThanOrEqual(0);
        expect(ci!.high).toBeLessThanOrEqual(Math.round((N / n1) * 100) / 100 + 0.01);
        if (a * N === A * n1) expect(ci!.estimate).toBe(1);
      }),
      RUNS,
    );
  });

  it('the Wilson interval lies in 0..1 and holds the observed share', () => {
    fc.assert(
      fc.property(group, ([k, n]) => {
        const w = wilson(k, n);
        expect(w.low).toBeGreaterThanOrEqual(0);
        expect(w.high).toBeLessThanOrEqual(1);
        expect(w.low).toBeLessThanOrEqual(k / n + 1e-12);
        expect(w.high).toBeGreaterThanOrEqual(k / n - 1e-12);
      }),
      RUNS,
    );
  });

  it('the grouped median lies in the bucket that holds the middle contact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), {
          minLength: RESPONSE_BUCKETS.length,
          maxLength: RESPONSE_BUCKETS.length,
        }),
        (counts) => {
          const buckets = RESPONSE_BUCKETS.map((key, i) => ({ key, count: counts[i]! }));
          const total = counts.reduce((s, c) => s + c, 0);
          const m = groupedMedian(buckets);
          if (total === 0) {
            expect(m).toBeNull();
            return;
          }
          const i = RESPONSE_BUCKETS.indexOf(m!.bucket as (typeof RESPONSE_BUCKETS)[number]);
          const before = counts.slice(0, i).reduce((s, c) => s + c, 0);
          expect(before).toBeLessThan(total / 2 + 1e-9);
          expect(before + counts[i]!).toBeGreaterThanOrEqual(total / 2);
          const [from, to] = m!.bucket.replace('+', '').split('-').map(Number);
          expect(m!.minutes).toBeGreaterThanOrEqual(from!);
          if (to !== undefined) expect(m!.minutes).toBeLessThanOrEqual(to);
        },
      ),
      RUNS,
    );
  });
});
