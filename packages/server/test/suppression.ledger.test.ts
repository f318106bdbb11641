import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attack, isProtected } from '../src/modules/suppression/suppression.attack.js';
import { suppress } from '../src/modules/suppression/suppression.engine.js';
import { latestRelease, priorReleases, releasePublication } from '../src/modules/suppression/suppression.ledger.js';
import { type CrossTable, crossTable } from '../src/modules/suppression/suppression.tables.js';
import type { Publication, SuppressionLine, SuppressionResult } from '../src/modules/suppression/suppression.types.js';
import { buildDistrict } from './builders.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { assertPublishedRules, check, countFor, tableArb } from './suppression.helpers.js';

/**
 * The release ledger: a second release of the same dataset and period, after some counts changed,
 * never lets an attacker holding both releases narrow a hidden cell of either below n.
 */

/**
 * The attacker over two releases, built here independently of the engine: the first release's
 * cells as their own variables (published ones fixed), the second's, and an equation old = new
 * for every cell whose count did not change (the attacker is granted knowing which did not).
 * A new cell whose unchanged count the first release published is public already and not checked.
 */
function assertReleasesSafe(
  first: Publication,
  r1: SuppressionResult,
  second: Publication,
  r2: SuppressionResult,
  n: number,
): void {
  const values = new Map<string, number>();
  const lines: SuppressionLine[] = [...second.lines];
  for (const c of second.cells) values.set(c.id, c.value);
  for (const c of first.cells) values.set(`old:${c.id}`, c.value);
  for (const l of first.lines) lines.push({ total: `old:${l.total}`, parts: l.parts.map((p) => `old:${p}`) });
  const hidden = new Set<string>(r1.hidden.map((id) => `old:${id}`));
  const publicAlready = new Set<string>();
  for (const c of first.cells) {
    if (values.get(c.id) !== c.value) continue;
    lines.push({ total: `old:${c.id}`, parts: [c.id] });
    if (c.id in r1.published) publicAlready.add(c.id);
  }
  for (const id of r2.hidden) hidden.add(id);
  const upper = new Map<string, number>();
  for (const [pub, r, prefix] of [
    [first, r1, 'old:'],
    [second, r2, ''],
  ] as const) {
    for (const c of pub.cells)
      if (c.denominator !== undefined && c.denominator >= n && r.hidden.includes(c.id))
        upper.set(prefix + c.id, c.denominator);
  }
  const intervals = attack({ values, lines, hidden, upper });
  const exposed = new Set(r2.exposed.map((id) => id.replace(/^~0:/, 'old:')));
  for (const [id, iv] of intervals) {
    if (publicAlready.has(id) || exposed.has(id)) continue;
    check(isProtected(iv, n), `${id}=${values.get(id)} narrowed to [${iv.lo}, ${iv.hi}] by the two releases (n=${n})`);
  }
  // A cell the engine reports as exposed must be one no suppression could save: narrowed even
  // with every cell of the second release hidden except those the first already published.
  if (exposed.size === 0) return;
  const everything = new Set(hidden);
  for (const c of second.cells) if (!publicAlready.has(c.id)) everything.add(c.id);
  for (const c of second.cells)
    if (c.denominator !== undefined && c.denominator >= n && everything.has(c.id)) upper.set(c.id, c.denominator);
  const worst = attack({ values, lines, hidden: everything, upper });
  for (const id of exposed)
    check(!isProtected(worst.get(id)!, n), `${id} reported exposed but hiding everything would protect it`);
}

/** The same table after a few counts changed by 1 to 3 (records added or corrected). */
const revised = (t: CrossTable, changes: { r: number; c: number; delta: number }[]): CrossTable => {
  const values = t.values.map((row) => [...row]);
  for (const { r, c, delta } of changes) {
    const i = r % values.length;
    const j = c % values[0]!.length;
    values[i]![j] = Math.max(0, values[i]![j]! + delta);
  }
  const rowDenominators = t.rowDenominators?.map((d, i) =>
    Math.max(
      d,
      values[i]!.reduce((a, b) => a + b, 0),
    ),
  );
  return { ...t, values, ...(rowDenominators ? { rowDenominators } : {}) };
};

const RUNS = Math.max(
  1,
  Math.round((TEST_DIALECT === 'sqlite' ? 1_000 : 100) * Number(process.env.SUPPRESSION_SCALE ?? 1)),
);

describe('release ledger', () => {
  for (const n of [5, 10, 20, 30] as const) {
    it(`n=${n}: ${RUNS} revised tables: two releases together narrow no hidden cell below n`, () => {
      const change = fc.record({ r: fc.nat(4), c: fc.nat(4), delta: fc.integer({ min: -3, max: 3 }) });
      fc.assert(
        fc.property(
          tableArb('t', [2, 4], [2, 4], countFor(n)),
          fc.array(change, { minLength: 1, maxLength: 3 }),
          (table, changes) => {
            const first = crossTable(table);
            const r1 = suppress(first, { n });
            const second = crossTable(revised(table, changes));
            const r2 = suppress(second, { n, history: [{ n, publication: first, hidden: r1.hidden }] });
            assertPublishedRules(second, r2, n, true);
            assertReleasesSafe(first, r1, second, r2, n);
          },
        ),
        { numRuns: RUNS },
      );
    }, 120_000);
  }

  it('a record added to a small group: the second release hides what differencing the totals would reveal', () => {
    // First release: nobody in group B was referred; everything publishable.
    const first = crossTable({
      table: 't',
      rows: ['A', 'B'],
      cols: ['referred', 'not'],
      values: [
        [40, 60],
        [0, 50],
      ],
    });
    const r1 = suppress(first, { n: 10 });
    expect(r1.hidden).toEqual([]);
    // Second release: 2 students of group B referred. On its own the engine hides B's cells and one
    // complement per line; with the first release known, A's unchanged cells are public already, so
    // the totals that would give B away by subtraction must go too.
    const second = crossTable({
      table: 't',
      rows: ['A', 'B'],
      cols: ['referred', 'not'],
      values: [
        [40, 60],
        [2, 48],
      ],
    });
    const alone = suppress(second, { n: 10 });
    const r2 = suppress(second, { n: 10, history: [{ n: 10, publication: first, hidden: r1.hidden }] });
    expect(r2.hidden).toContain('t/B/referred');
    // Group A's 40 and 60 are public from the first release: hiding them again protects nothing,
    // so the second release hides the column totals instead.
    expect(alone.hidden).toEqual(['t/A/not', 't/A/referred', 't/B/not', 't/B/referred']);
    expect(r2.hidden).toEqual(['t/*/not', 't/*/referred', 't/B/not', 't/B/referred']);
    expect(r2.exposed).toEqual([]);
    assertReleasesSafe(first, r1, second, r2, 10);
    expect(() => assertReleasesSafe(first, r1, second, alone, 10)).toThrow(/narrowed/);
  });

  it('records releases per dataset and period, checks a new one against them, and does not repeat an unchanged one', async () => {
    const { ctx } = await createTestApp();
    const district = await buildDistrict(ctx);
    const req = (values: number[][]) => ({
      districtId: district.id,
      dataset: 'referrals-by-race',
      period: '2025-26',
      n: 10,
      publication: crossTable({ table: 'district', rows: ['BL', 'WH'], cols: ['referred', 'not'], values }),
    });
    const first = await releasePublication(
      ctx.db,
      req([
        [40, 60],
        [0, 50],
      ]),
      new Date('2026-01-05T00:00:00Z'),
    );
    expect(first.created).toBe(true);
    expect(first.published['district/*/*']).toBe(150);

    const again = await releasePublication(
      ctx.db,
      req([
        [40, 60],
        [0, 50],
      ]),
      new Date('2026-01-06T00:00:00Z'),
    );
    expect(again.created).toBe(false);
    expect(again.releaseId).toBe(first.releaseId);

    const second = await releasePublication(
      ctx.db,
      req([
        [40, 60],
        [2, 48],
      ]),
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(second.created).toBe(true);
    expect(second.hidden).toContain('district/WH/referred');
    const alone = suppress(
      req([
        [40, 60],
        [2, 48],
      ]).publication,
      { n: 10 },
    );
    expect(second.hidden).not.toEqual(alone.hidden); // the first release changed what must be hidden
    expect(second.published['district/BL/referred']).toBe(40);

    const history = await priorReleases(ctx.db, district.id, 'referrals-by-race', '2025-26');
    expect(history.map((h) => h.hidden.length)).toEqual([0, second.hidden.length]);
    expect(await priorReleases(ctx.db, district.id, 'referrals-by-race', '2024-25')).toEqual([]);

    const latest = await latestRelease(ctx.db, district.id, 'referrals-by-race', '2025-26');
    expect(latest?.id).toBe(second.releaseId);
    expect(latest?.published).toEqual(second.published);
    expect(Object.keys(latest!.published)).not.toContain('district/WH/referred');
  });
});
