import { beforeAll, describe, expect, it } from 'vitest';
import { BEHAVIOR_KEYS, LOCATIONS } from '@forefront/contract';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { runners } from '../src/modules/jobs/job.routes.js';
import { type Session, buildUser, signIn } from './builders.js';
import { auditEvents } from './auth.helpers.js';
import { dumpDatabase } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

interface Report {
  accepted: boolean;
  dryRun: boolean;
  rows: number;
  incidents: number;
  flags: number;
  errorCount: number;
  errors: { row: number; column: string | null; code: string; params?: Record<string, string | number> }[];
  validValues: Record<string, string[]>;
}
interface JobBody {
  id: string;
  status: string;
  percent: number;
  result: Report | null;
}

/** Issue 13: the dry run checks a file as the import does, writes nothing, and explains wrong codes. */
describe(`incident import dry run on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  const start = (input: unknown, session = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/jobs`,
      headers: session.headers,
      payload: { kind: 'incident.import', input },
    });
  const runJob = async (input: unknown): Promise<JobBody> => {
    const res = await start(input);
    expect(res.statusCode, res.body).toBe(202);
    await runners.get(t.ctx)!.idle();
    return (
      await t.app.inject({ method: 'GET', url: `/api/jobs/${res.json<JobBody>().id}`, headers: admin.headers })
    ).json<JobBody>();
  };
  /** The database as it is, less what any started job writes about itself (its row, input and audit event). */
  const snapshot = async () => {
    const dump = (await dumpDatabase(t.config.database)) as Record<string, unknown>;
    for (const k of Object.keys(dump)) if (/job|audit/i.test(k)) delete dump[k];
    return dump;
  };
  const badRows = () => {
    const base = {
      school_nces_id: w.schools[0]!.ncesSchoolId,
      occurred_at: '2025-03-04T10:00:00Z',
      location: 'classroom',
      behaviors: 'defiance',
    };
    return [
      { ...base, incident_ref: 'B1', behaviors: 'defiance;shouting' },
      { ...base, incident_ref: 'B2', location: 'moon' },
      { ...base, incident_ref: 'B3', location: 'roof' },
      { ...base, incident_ref: 'B4', description: 'x'.repeat(4001) },
    ];
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx);
    admin = await signIn(t.app, w.admin);
  });

  // Four whole-database dumps and two jobs: slow on PostgreSQL on a shared two-core machine.
  it(
    'a dry run of a good file reports what the import would do and writes nothing; the import then writes it',
    { timeout: 120_000 },
    async () => {
      const csv = toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, 25, 7));
      const before = await snapshot();
      const dry = await runJob({ csv, fileName: 'good.csv', dryRun: true });
      expect(dry.status).toBe('done');
      expect(dry.result).toMatchObject({ accepted: true, dryRun: true, incidents: 25, errorCount: 0, errors: [] });
      expect(await snapshot()).toEqual(before);
      // The roster was read to check the file: that read is on the audit trail.
      const events = await auditEvents(t.ctx, w.district.id);
      expect(events).toContainEqual(
        expect.objectContaining({ kind: 'incident.import_checked', payload: expect.objectContaining({ errors: 0 }) }),
      );
      expect(events.some((e) => e.kind === 'incident.imported')).toBe(false);

      const real = await runJob({ csv, fileName: 'good.csv' });
      expect(real.result).toMatchObject({ accepted: true, dryRun: false, incidents: 25 });
      // The same counts as the dry run announced, flags included (the same checks and the same MOU rules).
      expect(real.result!.flags).toBe(dry.result!.flags);
      expect(real.result!.rows).toBe(dry.result!.rows);
      expect(await snapshot()).not.toEqual(before);
    },
  );

  it(
    'a dry run of a bad file lists each wrong cell with its code and parameters, and every valid value once',
    { timeout: 120_000 },
    async () => {
      const before = await snapshot();
      const dry = await runJob({ csv: toCsv(INCIDENT_COLUMNS, badRows()), fileName: 'bad.csv', dryRun: true });
      expect(dry.status).toBe('done');
      const report = dry.result!;
      expect(report).toMatchObject({ accepted: false, dryRun: true, incidents: 0, errorCount: 4 });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 2, column: 'behaviors', code: 'unknown_value', params: { value: 'shouting' } }),
        expect.objectContaining({ row: 3, column: 'location', code: 'unknown_value', params: { value: 'moon' } }),
        expect.objectContaining({ row: 4, column: 'location', code: 'unknown_value', params: { value: 'roof' } }),
        expect.objectContaining({ row: 5, column: 'description', code: 'too_long', params: { max: 4000 } }),
      ]);
      // Written out by hand from the taxonomy's size, not from the code under test's own list.
      expect(Object.keys(report.validValues).sort()).toEqual(['behaviors', 'location']);
      expect(report.validValues.location).toEqual([...LOCATIONS]);
      expect(report.validValues.behaviors).toContain('classroom_disruption');
      expect(report.validValues.behaviors).toHaveLength(BEHAVIOR_KEYS.length);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('the synchronous route takes dryRun too: 200 with the report, nothing written', { timeout: 120_000 }, async () => {
    const before = await snapshot();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/districts/${w.district.id}/incidents/import`,
      headers: admin.headers,
      payload: { csv: toCsv(INCIDENT_COLUMNS, badRows()), fileName: 'bad.csv', dryRun: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Report>()).toMatchObject({ accepted: false, dryRun: true, errorCount: 4 });
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run is for those who may import: another role may not start one', async () => {
    for (const role of ['school_admin', 'auditor'] as const) {
      const s = await signIn(t.app, await buildUser(t.ctx, { role, districtId: w.district.id }));
      const res = await start({ csv: toCsv(INCIDENT_COLUMNS, badRows()), dryRun: true }, s);
      expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
    }
  });
});
