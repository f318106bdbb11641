import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { AppContext } from '../src/shared/context.js';
import { type CliTarget, createCliTarget, runCli, withContext } from './cli-helpers.js';
import { buildRiverside, dumpStudentTables, fixturePath, rowOf, fixture } from './fixtures/oneroster/index.js';
import { TEST_DIALECT } from './harness.js';

/** `forefront students import` as a child process, against its own database. */
describe(`forefront students import on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let districtId: string;
  let orgsFile: string;

  /** A short-lived connection of the test's own, closed before each CLI run. */
  const withDb = <T>(fn: (ctx: AppContext, handle: DbHandle) => Promise<T>) => withContext(target.database, fn);

  beforeAll(async () => {
    target = await createCliTarget();
    const r = await withDb(async (ctx) => {
      await migrateToLatest(ctx.db);
      return buildRiverside(ctx);
    });
    districtId = r.district.id;
    orgsFile = join(target.dataDir, 'orgs.csv');
    writeFileSync(orgsFile, r.orgs);
  });
  afterAll(() => target?.drop());

  const args = (dir = '') => [
    'students',
    'import',
    '--district',
    districtId,
    '--users',
    fixturePath(`${dir}users.csv`),
    '--demographics',
    fixturePath(`${dir}demographics.csv`),
    '--orgs',
    orgsFile,
    '--flags',
    fixturePath(`${dir}flags.csv`),
  ];

  it('imports the fixture, shows progress on stderr and the counts on stdout', async () => {
    const r = await runCli([...args(), '--as-of', '2026-08-15'], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Reading users.csv: 23 rows');
    expect(r.stderr).toContain('Reading demographics.csv: 21 rows');
    expect(r.stdout).toContain('Imported 20 students from 23 users.csv rows (demographics as of 2026-08-15)');
    expect(r.stdout).toContain('created 20, updated 0, unchanged 0, deactivated 0');
    const again = await runCli([...args(), '--json'], target);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: true, created: 0, unchanged: 20 });
    const events = await withDb((ctx) =>
      ctx.db
        .selectFrom('auditEvents')
        .select(['kind', 'payload', 'actorId'])
        .where('chain', '=', districtId)
        .where('kind', '=', 'student.imported')
        .execute(),
    );
    expect(events.map((e) => [JSON.parse(e.payload).source, e.actorId])).toEqual([
      ['cli', null],
      ['cli', null],
    ]);
  }, 60_000);

  it('rejects invalid files with exit 1 and a readable per-row report, and changes nothing', async () => {
    const before = await withDb((ctx) => dumpStudentTables(ctx, districtId));
    const r = await runCli([...args('invalid/'), '--deactivate-missing'], target);
    expect(r.code).toBe(1);
    const users = fixture('invalid/users.csv');
    expect(r.stderr).toContain('Rejected: 5 invalid values; nothing was changed.');
    expect(r.stderr).toContain(`users.csv row ${rowOf(users, 'stu-006,')}, column grades: "13" is not a grade`);
    expect(r.stderr).toContain(`flags.csv row ${rowOf(fixture('invalid/flags.csv'), '100002,')}, column section504:`);
    expect(r.stdout).toBe('');
    expect(await withDb((ctx) => dumpStudentTables(ctx, districtId))).toEqual(before);
  }, 60_000);

  it('says what is wrong with its arguments', async () => {
    const missing = await runCli(
      [
        'students',
        'import',
        '--district',
        districtId,
        '--users',
        '/nonexistent/users.csv',
        '--demographics',
        fixturePath('demographics.csv'),
      ],
      target,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--users: no such file /nonexistent/users.csv');
    const date = await runCli([...args(), '--as-of', '2026-13-01'], target);
    expect(date.code).not.toBe(0);
    expect(date.stderr).toContain('YYYY-MM-DD');
    const district = await runCli(
      [...args().slice(0, 2), '--district', 'no-such-district', ...args().slice(4)],
      target,
    );
    expect(district.code).toBe(1);
    expect(district.stderr).toContain('No district with id no-such-district');
    const help = await runCli(['students', 'import', '--help'], target);
    expect(help.code).toBe(0);
    for (const opt of [
      '--district',
      '--users',
      '--demographics',
      '--orgs',
      '--flags',
      '--as-of',
      '--deactivate-missing',
      'english_learner',
    ])
      expect(help.stdout).toContain(opt);
  }, 60_000);
});
