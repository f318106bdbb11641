import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compositionIndex, per1000, riskRatio } from '../src/modules/transparency/transparency.stats.js';

/**
 * The worked example in docs/transparency.md is what the formulas give: its open-data rows are
 * recomputed here with the real functions, from the example's own counts (the "all" row holds the
 * district's enrollment and students; each group row is compared against everyone else).
 */
const DOC = readFileSync(new URL('../../../docs/transparency.md', import.meta.url), 'utf8');

function exampleRows(): Record<string, string>[] {
  const block = /```\n(scope,scope_id,year,dimension,[^\n]*)\n([\s\S]*?)```/.exec(DOC);
  if (!block) throw new Error('docs/transparency.md has no open-data CSV example');
  const header = block[1]!.split(',');
  return block[2]!
    .trim()
    .split('\n')
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i]!, v])));
}

describe('docs/transparency.md', () => {
  it('gives the risk ratio, composition index and rate the formulas give for its example', () => {
    const rows = exampleRows();
    const all = rows.find((r) => r.dimension === 'all')!;
    const N = Number(all.enrolled);
    const A = Number(all.students);
    expect(Number(all.per1000)).toBe(per1000(A, N));
    const groups = rows.filter((r) => r.dimension !== 'all' && r.students !== 'suppressed');
    expect(groups.length, 'the example shows at least one published group').toBeGreaterThan(0);
    for (const r of groups) {
      const a = Number(r.students);
      const n1 = Number(r.enrolled);
      const rr = riskRatio(a, n1, A - a, N - n1)!;
      const ci = compositionIndex(a, A, n1, N)!;
      const shown = (col: string) => Number(r[col]);
      expect(shown('per1000'), `${r.key} per 1,000`).toBe(per1000(a, n1));
      expect([shown('risk_ratio'), shown('risk_ratio_low'), shown('risk_ratio_high')], `${r.key} risk ratio`).toEqual([
        rr.estimate,
        rr.low,
        rr.high,
      ]);
      expect(
        [shown('composition_index'), shown('composition_index_low'), shown('composition_index_high')],
        `${r.key} composition index`,
      ).toEqual([ci.estimate, ci.low, ci.high]);
    }
  });
});
