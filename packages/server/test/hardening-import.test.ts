import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportRowError } from '@forefront/contract';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { importIncidentsCli } from '../src/modules/incident-import/import.service.js';
import { readCsv } from '../src/modules/students/student.csv.js';
import { type Session, signIn } from './builders.js';
import { dumpDatabase } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, toCsv } from './incident-import.fixtures.js';

/**
 * Issue 12, item 8: the incident CSV import refuses dates that do not exist (Date.parse rolled
 * 2026-02-30 over to 2 March and stored it), as the API's schema does; and the CSV readers refuse a
 * NUL byte in a cell (PostgreSQL cannot store it) with a row error instead of a database error.
 */
describe(`incident import hardening on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  const importCsv = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv, fileName: 'incidents.csv' },
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx);
    admin = await signIn(t.app, w.admin);
  });

  const base = (ref: string) => ({
    incident_ref: ref,
    school_nces_id: w.schools[0]!.ncesSchoolId,
    occurred_at: '2025-03-04T10:00:00Z',
    location: 'classroom',
    behaviors: 'defiance',
  });
  const contact = {
    officer_email: '',
    purpose: 'routine_discipline',
    involvement: 'led',
    reported_at: '2025-03-04T10:01:00Z',
  };

  it('refuses impossible dates and times, and changes nothing', async () => {
    const officer = w.officers[0]!.email;
    const rows = [
      { ...base('D1'), occurred_at: '2025-02-30T10:00:00Z' },
      { ...base('D2'), occurred_at: '2025-04-31T10:00:00-04:00' },
      { ...base('D3'), occurred_at: '2025-02-29T10:00:00Z' }, // 2025 is not a leap year
      { ...base('D4'), occurred_at: '2025-03-04T24:00:00Z' },
      { ...base('D5'), occurred_at: '2025-13-01T10:00:00Z' },
      { ...base('D6'), ...contact, officer_email: officer, reported_at: '2025-03-32T10:01:00Z' },
      { ...base('D7'), occurred_at: '2025-03-04T10:00:00+25:00' },
    ];
    const before = await dumpDatabase(t.config.database);
    const res = await importCsv(toCsv(INCIDENT_COLUMNS, rows));
    expect(res.statusCode, res.body).toBe(422);
    const report = res.json<{ errors: { row: number; column: string; reason: string }[]; errorCount: number }>();
    const expected = [
      { row: 2, column: 'occurred_at' },
      { row: 3, column: 'occurred_at' },
      { row: 4, column: 'occurred_at' },
      { row: 5, column: 'occurred_at' },
      { row: 6, column: 'occurred_at' },
      { row: 7, column: 'reported_at' },
      { row: 8, column: 'occurred_at' },
    ];
    for (const e of expected)
      expect(report.errors).toContainEqual(
        expect.objectContaining({ ...e, code: 'not_datetime', reason: expect.stringMatching(/ISO 8601/) as unknown }),
      );
    expect(report.errorCount).toBe(expected.length);
    expect(await dumpDatabase(t.config.database)).toEqual(before);
  });

  it('still accepts a leap day and a time without seconds', async () => {
    const rows = [
      { ...base('L1'), occurred_at: '2024-02-29T10:00:00Z' },
      { ...base('L2'), occurred_at: '2025-03-04T23:59-05:00' },
    ];
    const res = await importCsv(toCsv(INCIDENT_COLUMNS, rows));
    expect(res.statusCode, res.body).toBe(200);
    const stored = await t.ctx.db
      .selectFrom('incidents')
      .select('occurredAt')
      .where('districtId', '=', w.district.id)
      .orderBy('occurredAt')
      .execute();
    expect(stored.map((r) => r.occurredAt)).toEqual(['2024-02-29T10:00:00.000Z', '2025-03-05T04:59:00.000Z']);
  });

  it('refuses a NUL byte in a cell of a file read by the command line, naming row and column', async () => {
    const csv = toCsv(INCIDENT_COLUMNS, [{ ...base('N1'), description: 'A student\u0000 left.' }]);
    const before = await dumpDatabase(t.config.database);
    const report = await importIncidentsCli(t.ctx, w.district.id, undefined, {
      stream: Readable.from([csv]),
      file: 'incidents.csv',
    });
    expect(report.accepted).toBe(false);
    expect(report.errors).toEqual([
      { row: 2, column: 'description', code: 'invalid_characters', reason: expect.stringMatching(/NUL/) as unknown },
    ]);
    expect(await dumpDatabase(t.config.database)).toEqual(before);
  });
});

describe('roster CSV reader', () => {
  // (A file cannot hold a lone surrogate: UTF-8 has no encoding for one, the decoder gives U+FFFD.)
  it('reports a NUL byte in a cell as a row error and skips the row', async () => {
    const errors: ImportRowError[] = [];
    const rows: string[] = [];
    const csv = 'local_id,given_name\nA1,Ana\nA2,Bo\u0000b\nA3,Cy\u0000\nA4,Dee \u{1F600}\n';
    for await (const r of readCsv('users.csv', csv, ['local_id'], (e) => errors.push(e)))
      rows.push(r.get('given_name'));
    expect(rows).toEqual(['Ana', 'Dee \u{1F600}']);
    expect(errors).toEqual([
      {
        file: 'users.csv',
        row: 3,
        column: 'given_name',
        reason: expect.stringMatching(/NUL/) as unknown,
        code: 'invalid_characters',
      },
      {
        file: 'users.csv',
        row: 4,
        column: 'given_name',
        reason: expect.stringMatching(/NUL/) as unknown,
        code: 'invalid_characters',
      },
    ]);
  });
});
