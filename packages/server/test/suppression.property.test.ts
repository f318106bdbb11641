import fc from 'fast-check';
import { describe, it } from 'vitest';
import { suppress } from '../src/modules/suppression/suppression.engine.js';
import { crossTable } from '../src/modules/suppression/suppression.tables.js';
import { TEST_DIALECT } from './harness.js';
import {
  assertLpAttackerFails,
  assertPublishedRules,
  assertSubset,
  check,
  countFor,
  sameList,
  shuffled,
  tableArb,
} from './suppression.helpers.js';

/**
 * The property tests of the suppression engine (pure code: no database). The full sizes
 * (10,000 tables for each n) run in the SQLite pass; the PostgreSQL pass of the suite runs the
 * same properties on 300 tables each, since the database plays no part and repeating the full
 * sizes would only double the time (scripts/test.mjs runs every file under both dialects).
 */
const FULL = TEST_DIALECT === 'sqlite';
// SUPPRESSION_SCALE (e.g. 0.05) shrinks every size for a quick local loop; the default is the issue's.
const SCALE = Number(process.env.SUPPRESSION_SCALE ?? 1);
const size = (full: number, reduced: number) => Math.max(1, Math.round((FULL ? full : reduced) * SCALE));
const RUNS = size(10_000, 300);
if (!FULL)
  console.info(
    `suppression properties: ${RUNS} tables per n on ${TEST_DIALECT} (the full 10,000 run in the SQLite pass; the engine is pure)`,
  );

const LADDER = [5, 10, 20, 30] as const;

describe('suppression engine properties', () => {
  // One table is checked at every n of the ladder (so each n sees RUNS tables), with counts drawn
  // around the thresholds of a random n; the extra runs (shuffled input, a random n in between)
  // check order independence and monotonicity without recomputing the ladder.
  it(`${RUNS} random tables (2-5 × 2-5) at each n in {${LADDER.join(', ')}}: nothing small shown, the LP attacker narrows nothing below n, totals true, order-free, raising n reveals nothing`, () => {
    const counts = fc.constantFrom(...LADDER).chain((n) => countFor(n));
    fc.assert(
      fc.property(
        tableArb('t', [2, 5], [2, 5], counts),
        fc.integer(),
        fc.nat(LADDER.length - 1),
        fc.integer({ min: 5, max: 30 }),
        (table, seed, k, m) => {
          const pub = crossTable(table);
          const results = LADDER.map((n) => suppress(pub, { n }));
          LADDER.forEach((n, i) => {
            assertPublishedRules(pub, results[i]!, n);
            assertLpAttackerFails(pub, results[i]!, n);
            if (i > 0) assertSubset(results[i - 1]!.hidden, results[i]!.hidden, `n=${LADDER[i - 1]} → n=${n}`);
          });
          const n = LADDER[k]!;
          check(
            sameList(suppress(shuffled(pub, seed), { n }).hidden, results[k]!.hidden),
            `the same cells hidden in any input order (n=${n})`,
          );
          const between = suppress(shuffled(pub, seed + 1), { n: m });
          LADDER.forEach((n, i) => {
            if (n <= m) assertSubset(results[i]!.hidden, between.hidden, `n=${n} → n=${m}`);
            if (n >= m) assertSubset(between.hidden, results[i]!.hidden, `n=${m} → n=${n}`);
          });
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000); // 50-60 s for the full 10,000 tables on a quiet 2-core machine, 2 min on a busy one
});
