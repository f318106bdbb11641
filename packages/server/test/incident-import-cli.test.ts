import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import type { AppContext } from '../src/shared/context.js';
import { type CliTarget, createCliTarget, dumpDatabase, runCli, withDb } from './cli-helpers.js';
import { TEST_DIALECT, testConfig } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

describe(`forefront import incidents / export on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let w: ImportWorld;

  beforeAll(async () => {
    target = await createCliTarget();
    const config = testConfig(target.database);
    const handle = openDatabase(config.database);
    try {
      await migrateToLatest(handle.db);
      w = await buildImportWorld({ db: handle.db, dialect: handle.dialect, config } as AppContext, { seed: 31 });
    } finally {
      await handle.close();
    }
  }, 60_000);
  afterAll(() => target?.drop());

  const file = (name: string, text: string) => {
    const p = join(target.dataDir, name);
    writeFileSync(p, text);
    return p;
  };

  it('rejects a file with an invalid row: exit 1, the row, column and reason on stderr, the database unchanged', async () => {
    const rows = generateIncidentRows(w, 20, 4);
    rows.push({
      incident_ref: 'BAD',
      school_nces_id: w.schools[0]!.ncesSchoolId,
      occurred_at: '2025-01-10T10:00:00Z',
      location: 'classroom',
      weapon: 'bazooka',
    });
    const before = await dumpDatabase(target.database);
    const r = await runCli(
      ['import', 'incidents', '--district', w.district.id, '--file', file('bad.csv', toCsv(INCIDENT_COLUMNS, rows))],
      target,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`row ${rows.length + 1}, weapon: Unknown weapon "bazooka"`);
    expect(r.stderr).toMatch(/Rejected: 1 problem/);
    expect(await dumpDatabase(target.database)).toEqual(before);
  }, 60_000);

  it('imports a valid file with a progress line, as the named user', async () => {
    const rows = generateIncidentRows(w, 50, 6);
    const r = await runCli(
      [
        'import',
        'incidents',
        '--district',
        w.district.id,
        '--file',
        file('good.csv', toCsv(INCIDENT_COLUMNS, rows)),
        '--as',
        w.principal.email,
      ],
      target,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Imported 50 incidents/);
    expect(r.stderr).toMatch(/100\.0%\s+[\d,]+ rows\s+[\d,]+ rows\/s/);
    const creators = await withDb(target.database, (db) =>
      db.selectFrom('incidents').select('createdBy').distinct().execute(),
    );
    expect(creators.map((c) => c.createdBy)).toEqual([w.principal.id]);
  }, 60_000);

  it('exports the incidents CSV with a disclosure record, and the CRDC counts as JSON', async () => {
    const r = await runCli(
      [
        'export',
        'incidents',
        '--district',
        w.district.id,
        '--format',
        'csv',
        '--party',
        'County auditor',
        '--purpose',
        'Annual audit',
      ],
      target,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toMatch(/^incident_ref,school_nces_id,occurred_at/);
    expect(r.stderr).toMatch(/FERPA disclosure .* recorded/);
    const d = await withDb(target.database, (db) => db.selectFrom('ferpaDisclosures').selectAll().execute());
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ party: 'County auditor', purpose: 'Annual audit', format: 'csv', disclosedBy: null });
    const c = await runCli(['export', 'crdc', '--district', w.district.id, '--year', '2024-25', '--json'], target);
    expect(c.code, c.stderr).toBe(0);
    const report = JSON.parse(c.stdout);
    expect(report.schoolYear).toBe('2024-25');
    expect(report.schools).toHaveLength(2);
    expect(
      report.schools.reduce((n: number, s: { referred: { total: number } }) => n + s.referred.total, 0),
    ).toBeGreaterThan(0);
    const bad = await runCli(['export', 'crdc', '--district', w.district.id, '--year', '2024'], target);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/school year/);
  }, 60_000);
});
