import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProtected } from '../src/modules/suppression/suppression.attack.js';
import { suppress } from '../src/modules/suppression/suppression.engine.js';
import { crossTable } from '../src/modules/suppression/suppression.tables.js';
import { TEST_DIALECT } from './harness.js';
import { exhaustiveRanges } from './suppression.exhaustive.js';
import {
  assertLpAttackerFails,
  assertPublishedRules,
  check,
  countFor,
  hierarchyArb,
  lpIntervals,
  sameList,
  shuffled,
  tableArb,
} from './suppression.helpers.js';

/**
 * The suppression engine's properties across the school-within-district hierarchy, and against an
 * exhaustive integer attacker on tiny tables (suppression.property.test.ts has the flat tables;
 * two files so the two halves run in parallel). The full sizes
 * (10,000 tables for each n) run in the SQLite pass; the PostgreSQL pass of the suite runs the
 * same properties on 300 tables each, since the database plays no part and repeating the full
 * sizes would only double the time (scripts/test.mjs runs every file under both dialects).
 */
const FULL = TEST_DIALECT === 'sqlite';
// SUPPRESSION_SCALE (e.g. 0.05) shrinks every size for a quick local loop; the default is the issue's.
const SCALE = Number(process.env.SUPPRESSION_SCALE ?? 1);
const size = (full: number, reduced: number) => Math.max(1, Math.round((FULL ? full : reduced) * SCALE));
const HIERARCHY_RUNS = size(250, 50);
const EXHAUSTIVE_RUNS = size(1_000, 100);
if (!FULL)
  console.info(
    `suppression hierarchy properties: ${HIERARCHY_RUNS} districts per n on ${TEST_DIALECT} (the full sizes run in the SQLite pass; the engine is pure)`,
  );

const LADDER = [5, 10, 20, 30] as const;

describe('suppression engine properties: hierarchy and exhaustive attacker', () => {
  for (const n of LADDER) {
    it(`n=${n}: ${HIERARCHY_RUNS} districts of 2-3 schools: the same guarantees across the school-within-district lines`, () => {
      fc.assert(
        fc.property(hierarchyArb(countFor(n)), fc.integer(), (pub, seed) => {
          const result = suppress(pub, { n });
          assertPublishedRules(pub, result, n);
          assertLpAttackerFails(pub, result, n);
          check(
            sameList(suppress(shuffled(pub, seed), { n }).hidden, result.hidden),
            'the same cells hidden in any input order',
          );
        }),
        { numRuns: HIERARCHY_RUNS },
      );
    });
  }

  for (const n of [5, 10] as const) {
    // 2 × 3 tables at n=10 can take seconds each to enumerate; 2 × 2 there, 2 × 2 and 2 × 3 at n=5.
    const cols: [number, number] = n === 5 ? [2, 3] : [2, 2];
    it(`n=${n}: ${EXHAUSTIVE_RUNS} tiny tables (2 × ${cols.join('-')}): an exhaustive integer search agrees with the LP and narrows nothing below n`, () => {
      const small = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: n - 1 }), fc.integer({ min: n, max: n + 4 }));
      let searched = 0;
      let tooLong = 0;
      fc.assert(
        fc.property(tableArb('t', [2, 2], cols, small), (table) => {
          const result = suppress(crossTable(table), { n });
          const ranges = exhaustiveRanges(table, new Set(result.hidden), n);
          if (ranges === null) {
            tooLong++;
            return;
          }
          searched++;
          const lp = lpIntervals(crossTable(table), result, n);
          check(sameList([...ranges.keys()].sort(), result.hidden), 'the search sees exactly the hidden cells');
          for (const [id, range] of ranges) {
            const hi = range.capped ? Infinity : range.hi;
            check(isProtected({ lo: range.lo, hi }, n), `${id} in [${range.lo}, ${range.hi}] with n=${n}`);
            // Two-way tables: the LP bounds are the integer bounds.
            check(lp.get(id)!.lo === range.lo, `${id}: LP lower bound ${lp.get(id)!.lo}, search ${range.lo}`);
            check(
              range.capped || lp.get(id)!.hi === range.hi,
              `${id}: LP upper bound ${lp.get(id)!.hi}, search ${range.hi}`,
            );
          }
        }),
        { numRuns: EXHAUSTIVE_RUNS },
      );
      // Searches cut short are counted, not hidden: they must stay a small minority.
      expect(tooLong).toBeLessThan(EXHAUSTIVE_RUNS * 0.05);
      expect(searched + tooLong).toBe(EXHAUSTIVE_RUNS);
    });
  }
});
