import { describe, expect, it } from 'vitest';
import { suppress } from '../src/modules/suppression/suppression.engine.js';
import { releasePublication } from '../src/modules/suppression/suppression.ledger.js';
import type { Publication } from '../src/modules/suppression/suppression.types.js';
import { narrowedByArrests, safeArrests } from '../src/modules/transparency/transparency.joint.js';
import { FAMILIES, type YearCounts, buildPublications } from '../src/modules/transparency/transparency.publication.js';
import { newId } from '../src/shared/ids.js';
import { buildDistrict } from './builders.js';
import { TEST_DIALECT, createTestApp } from './harness.js';
import { type CountRow, countRows } from './transparency.helpers.js';

/** The publication builder, the referral/arrest check and the ledger's shortcut (docs/transparency.md). */

const NO_OFFICERS = { bySchool: new Map(), district: { any: 0, classroom: 0 } };

function yearCounts(rows: CountRow[], schoolIds: string[]): YearCounts {
  const bySchool = new Map(schoolIds.map((s) => [s, new Map<string, number>()]));
  for (const r of rows) bySchool.get(r.schoolId)!.set(`${r.measure}|${r.key}`, r.value);
  return { schoolIds, bySchool };
}

function district(seed: number, sizes: number[]) {
  const ids = sizes.map((_, i) => `school-${i}`);
  const rows = ids.flatMap((id, i) => {
    const students = sizes[i]!;
    const referred = Math.max(1, Math.round(students * 0.06));
    return countRows('d', '2025-26', id, seed * 31 + i, {
      schoolId: id,
      students,
      referred,
      arrested: Math.round(referred * 0.6),
      incidents: Math.round(students / 8),
      contacts: Math.round(students / 6),
    });
  });
  return { ids, rows, counts: yearCounts(rows, ids) };
}

const valueOf = (p: Publication) => new Map(p.cells.map((c) => [c.id, c.value]));

describe('publication builder', () => {
  const d = district(1, [400, 300, 40]);
  const pubs = buildPublications(d.counts, NO_OFFICERS);
  const truth = (school: string, measure: string, key: string) =>
    d.rows.find((r) => r.schoolId === school && r.measure === measure && r.key === key)?.value ?? 0;

  it('writes every line so that it holds, with unique cell ids, in every family', () => {
    for (const f of FAMILIES) {
      const p = pubs[f];
      const values = valueOf(p);
      expect(values.size, f).toBe(p.cells.length);
      for (const l of p.lines)
        expect(
          l.parts.reduce((s, id) => s + values.get(id)!, 0),
          `${f} ${l.total}`,
        ).toBe(values.get(l.total));
      expect(() => suppress(p, { n: 10 })).not.toThrow();
    }
  });

  it('keeps true totals: each school cell is its count, the district cell the sum over schools', () => {
    const ref = valueOf(pubs.referred);
    const sum = (measure: string, key: string) => d.ids.reduce((s, id) => s + truth(id, measure, key), 0);
    for (const key of ['all:*', 'race:BL', 'sex:F', 'disability:idea', 'english_learner:english_learner']) {
      expect(ref.get(`district/referred/${key}`)).toBe(sum('referred', key));
      for (const id of d.ids) expect(ref.get(`${id}/referred/${key}`)).toBe(truth(id, 'referred', key));
    }
    expect(valueOf(pubs.incidents).get('district/*')).toBe(sum('incidents', '*'));
    const purposes = d.rows.filter((r) => r.measure === 'contacts').reduce((s, r) => s + r.value, 0);
    expect(valueOf(pubs.contacts).get('district/*')).toBe(purposes);
  });

  it('gives referral and arrest cells the group enrollment as denominator, and incident types the incidents', () => {
    const cell = (p: Publication, id: string) => p.cells.find((c) => c.id === id)!;
    expect(cell(pubs.referred, 'school-0/referred/race:WH').denominator).toBe(truth('school-0', 'enrolled', 'race:WH'));
    expect(cell(pubs.arrested, 'district/arrested/all:*').denominator).toBe(
      d.ids.reduce((s, id) => s + truth(id, 'enrolled', 'all:*'), 0),
    );
    const type = pubs.incidents.cells.find((c) => c.id.startsWith('school-1/type:'))!;
    expect(type.denominator).toBe(truth('school-1', 'incidents', '*'));
  });

  it('adds an `unknown` group when a dimension does not add up to all students', () => {
    const rows = d.rows.map((r) => ({ ...r }));
    // Two students of school-0 without a recorded race: all:* counts them, no race key does.
    for (const m of ['enrolled', 'referred'])
      rows.find((r) => r.schoolId === 'school-0' && r.measure === m && r.key === 'all:*')!.value += 2;
    for (const key of ['sex:M', 'disability:no_disability', 'english_learner:not_english_learner'])
      for (const m of ['enrolled', 'referred'])
        rows.find((r) => r.schoolId === 'school-0' && r.measure === m && r.key === key)!.value += 2;
    const p = buildPublications(yearCounts(rows, d.ids), NO_OFFICERS).referred;
    const values = valueOf(p);
    expect(values.get('school-0/referred/race:unknown')).toBe(2);
    expect(values.get('school-1/referred/race:unknown')).toBe(0);
    expect(values.get('district/referred/race:unknown')).toBe(2);
    expect(values.has('district/referred/sex:unknown')).toBe(false);
    expect(() => suppress(p, { n: 10 })).not.toThrow();
  });

  it('publishes no group size without a roster snapshot', () => {
    const rows = d.rows.filter((r) => !(r.schoolId === 'school-2' && r.measure === 'enrolled'));
    const p = buildPublications(yearCounts(rows, d.ids), NO_OFFICERS).referred;
    expect(p.cells.filter((c) => c.id.startsWith('school-2/')).every((c) => c.denominator === undefined)).toBe(true);
    // School 2 has referred students and no enrollment: the district's rates would be wrong, so none either.
    expect(p.cells.filter((c) => c.id.startsWith('district/')).every((c) => c.denominator === undefined)).toBe(true);
    expect(p.cells.find((c) => c.id === 'school-0/referred/all:*')!.denominator).toBeGreaterThan(0);
  });
});

describe('arrests against referrals', () => {
  // One line: all = M + F. Referrals: 30 published, M 12 and F 18 hidden. Arrests all published:
  // 29 = 11 + 18. Every arrested student was referred, so F >= 18 and M >= 11: M is 11 or 12.
  const pub = (m: string, v: [number, number, number]): Publication => ({
    cells: [
      { id: `district/${m}/all:*`, value: v[0] },
      { id: `district/${m}/sex:M`, value: v[1] },
      { id: `district/${m}/sex:F`, value: v[2] },
    ],
    lines: [{ total: `district/${m}/all:*`, parts: [`district/${m}/sex:M`, `district/${m}/sex:F`] }],
  });
  const referred = { publication: pub('referred', [30, 12, 18]), published: { 'district/referred/all:*': 30 } };
  const arrested = {
    publication: pub('arrested', [29, 11, 18]),
    published: { 'district/arrested/all:*': 29, 'district/arrested/sex:M': 11, 'district/arrested/sex:F': 18 },
  };

  it('finds hidden referral counts that published arrest counts narrow', () => {
    expect(narrowedByArrests(referred, arrested, 10)).toEqual(['district/referred/sex:F', 'district/referred/sex:M']);
    expect(narrowedByArrests(referred, { ...arrested, published: {} }, 10)).toEqual([]);
  });

  it('withholds arrest figures until nothing is narrowed', () => {
    const safe = safeArrests(referred, arrested, 10);
    expect(safe.withheld).toBe('all');
    expect(narrowedByArrests(referred, { ...arrested, published: safe.published }, 10)).toEqual([]);
  });

  it('leaves synthetic districts with nothing narrowed after the engine and the check', { timeout: 120_000 }, () => {
    for (const seed of [3, 4, 5]) {
      const pubs = buildPublications(district(seed, [500, 260, 60]).counts, NO_OFFICERS);
      const rel = (f: 'referred' | 'arrested') => ({
        publication: pubs[f],
        published: suppress(pubs[f], { n: 10 }).published,
      });
      const [r, a] = [rel('referred'), rel('arrested')];
      const safe = safeArrests(r, a, 10);
      expect(narrowedByArrests(r, { ...a, published: safe.published }, 10), `seed ${seed}`).toEqual([]);
    }
  });
});

describe(`release ledger shortcut on ${TEST_DIALECT}`, async () => {
  const t = await createTestApp();
  const publication: Publication = {
    cells: [
      { id: 't', value: 40 },
      { id: 'a', value: 3 },
      { id: 'b', value: 37 },
    ],
    lines: [{ total: 't', parts: ['a', 'b'] }],
  };

  it('reuses the latest release for the same publication and n without suppressing again', async () => {
    const d = await buildDistrict(t.ctx);
    // A stored release the engine would never produce (everything hidden): only the shortcut can return it.
    const id = newId();
    await t.ctx.db
      .insertInto('suppressionReleases')
      .values({
        id,
        districtId: d.id,
        dataset: 'x',
        period: '2025-26',
        n: 10,
        published: '{}',
        snapshot: JSON.stringify({ publication, hidden: ['a', 'b', 't'] }),
        createdAt: new Date().toISOString(),
      })
      .execute();
    const shuffled = { cells: [...publication.cells].reverse(), lines: [{ total: 't', parts: ['b', 'a'] }] };
    const r = await releasePublication(t.ctx.db, {
      districtId: d.id,
      dataset: 'x',
      period: '2025-26',
      n: 10,
      publication: shuffled,
    });
    expect(r).toMatchObject({ releaseId: id, created: false, hidden: ['a', 'b', 't'], published: {} });
    expect(r.cells.find((c) => c.id === 'a')).toEqual({ id: 'a', published: false, reason: 'count' });

    // Another n, or another value: the engine runs and a new release is recorded.
    const other = await releasePublication(t.ctx.db, {
      districtId: d.id,
      dataset: 'x',
      period: '2025-26',
      n: 5,
      publication,
    });
    expect(other.created).toBe(true);
    expect(other.releaseId).not.toBe(id);
    const changed = {
      ...publication,
      cells: [
        { id: 't', value: 41 },
        { id: 'a', value: 3 },
        { id: 'b', value: 38 },
      ],
    };
    expect(
      (
        await releasePublication(t.ctx.db, {
          districtId: d.id,
          dataset: 'x',
          period: '2025-26',
          n: 5,
          publication: changed,
        })
      ).created,
    ).toBe(true);
  });

  it('makes a new release when a withhold check names a published cell of a reused one', async () => {
    const d = await buildDistrict(t.ctx);
    const req = { districtId: d.id, dataset: 'y', period: '2025-26', n: 10, publication };
    const first = await releasePublication(t.ctx.db, req);
    expect(first.published).toEqual({ t: 40 });
    const again = await releasePublication(t.ctx.db, req, undefined, {
      withhold: (_r, reused) => (reused ? [] : ['t']),
    });
    expect(again).toMatchObject({ releaseId: first.releaseId, created: false });
    const withheld = await releasePublication(t.ctx.db, req, undefined, { withhold: () => ['t'] });
    expect(withheld).toMatchObject({ created: true, published: {}, hidden: ['a', 'b', 't'] });
    const rows = await t.ctx.db
      .selectFrom('suppressionReleases')
      .select(['id', 'createdAt'])
      .where('districtId', '=', d.id)
      .orderBy('createdAt')
      .execute();
    expect(rows.map((r) => r.id)).toEqual([first.releaseId, withheld.releaseId]);
    expect(rows[1]!.createdAt > rows[0]!.createdAt).toBe(true);
  });
});
