import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { AppContext } from '../src/shared/context.js';
import { buildDistrict, buildSchool } from './builders.js';
import { type CliTarget, createCliTarget, runCli, withContext } from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';
import { countRows, insertCounts } from './transparency.helpers.js';

/** `forefront transparency publish|rebuild` as a child process, against its own database. */
describe(`forefront transparency on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let district: { id: string; ncesLeaId: string };

  const withDb = <T>(fn: (ctx: AppContext, handle: DbHandle) => Promise<T>) => withContext(target.database, fn);

  beforeAll(async () => {
    target = await createCliTarget();
    district = await withDb(async (ctx) => {
      await migrateToLatest(ctx.db);
      const d = await buildDistrict(ctx, { name: 'Cedar Valley' });
      await buildDistrict(ctx, { name: 'Another district' });
      for (const [i, students] of [350, 280].entries()) {
        const s = await buildSchool(ctx, d.id);
        await insertCounts(
          ctx.db,
          countRows(d.id, '2025-26', s.id, 40 + i, {
            schoolId: s.id,
            students,
            referred: 25 - i * 5,
            arrested: 9,
            incidents: 60,
            contacts: 70,
          }),
        );
      }
      return d;
    });
  });
  afterAll(() => target?.drop());

  it('asks which district when there are several', async () => {
    const r = await runCli(['transparency', 'publish'], target);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Several districts: name one with --district');
  });

  it('publishes by NCES LEA id with one progress line per family on stderr, then reuses unchanged releases', async () => {
    const r = await runCli(['transparency', 'publish', '--district', district.ncesLeaId], target, {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Publishing the transparency report of Cedar Valley');
    for (const family of ['referred', 'arrested', 'incidents', 'contacts', 'violations', 'force', 'officers'])
      expect(r.stderr).toMatch(new RegExp(`^2025-26 ${family} +\\d+ published +\\d+ withheld  new release`, 'm'));
    expect(r.stdout).toMatch(/^2025-26: \d+ figures published, \d+ withheld$/m);
    const pages = await withDb((ctx) =>
      ctx.db.selectFrom('transparencyPages').select('scopeId').where('districtId', '=', district.id).execute(),
    );
    expect(pages).toHaveLength(3); // the district and its two schools

    const again = await runCli(
      ['transparency', 'publish', '--district', district.id, '--year', '2025-26', '--json'],
      target,
      { timeoutMs: 120_000 },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).years).toMatchObject([{ year: '2025-26', changed: false }]);
    expect(again.stderr).toMatch(/^2025-26 referred .* unchanged/m);
  }, 180_000);

  it('refuses a malformed year and an unknown district with a clear message', async () => {
    const bad = await runCli(['transparency', 'publish', '--district', district.id, '--year', '2025'], target);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('year must be a school year like 2025-26');
    const unknown = await runCli(['transparency', 'publish', '--district', '0000000'], target);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No district with id or NCES LEA id 0000000');
  });

  it('rebuild recomputes the counts from incident records and keeps enrollment', async () => {
    const r = await runCli(['transparency', 'rebuild', '--district', district.id], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Rebuilt:');
    // This district has no incident records: every count but the enrollment snapshot is gone.
    const measures = await withDb((ctx) =>
      ctx.db
        .selectFrom('transparencyCounts')
        .select('measure')
        .distinct()
        .where('districtId', '=', district.id)
        .execute(),
    );
    expect(measures.map((m) => m.measure)).toEqual(['enrolled']);
  });
});
