import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runners } from '../src/modules/jobs/job.routes.js';
import { type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * A district administrator loads OCR's public-use school file of the district's own state from the
 * app: a job in a worker thread, like the other long imports (issue 12, item 6).
 */
const FIXTURE = new URL('./fixtures/crdc/CRDC_2020-21_NH-sample.csv', import.meta.url).pathname;
const FILE_NAME = 'CRDC_2020-21_NH-sample.csv';

interface JobBody {
  id: string;
  status: string;
  percent: number;
  result: { year: string; states: string[]; rows: number } | null;
  error: { code: string; message: string } | null;
}

describe(`CRDC import as a job on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let nhAdmin: Session;
  let vaAdmin: Session;
  let nhAuditor: Session;
  let nhDistrict: string;
  let vaDistrict: string;
  const csv = readFileSync(FIXTURE, 'utf8');
  // The fixture's own schools, counted from the file itself.
  const fixtureRows = parse(csv, { columns: true, bom: true }).length;

  const start = (session: Session, districtId: string, input: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${districtId}/jobs`,
      headers: session.headers,
      payload: { kind: 'crdc.import', input },
    });
  const finished = async (id: string, session: Session) => {
    await runners.get(t.ctx)!.idle();
    return (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: session.headers })).json<JobBody>();
  };
  const storedRows = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('crdcSchools')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('year', '=', '2020-21')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    nhDistrict = (await buildDistrict(t.ctx, { state: 'NH' })).id;
    vaDistrict = (await buildDistrict(t.ctx, { state: 'VA' })).id;
    nhAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: nhDistrict }));
    nhAuditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: nhDistrict }));
    vaAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: vaDistrict }));
  });

  it("refuses another state's file as a failed job with a clear message, storing nothing", async () => {
    const res = await start(vaAdmin, vaDistrict, { csv, fileName: FILE_NAME });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(res.json<JobBody>().id, vaAdmin);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('crdc_wrong_state');
    expect(job.error?.message).toMatch(/NH.*only VA/);
    expect(await storedRows()).toBe(0);
  });

  it("imports the district's own state's file in a worker thread; the start is audited", async () => {
    const res = await start(nhAdmin, nhDistrict, { csv, fileName: FILE_NAME });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(res.json<JobBody>().id, nhAdmin);
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.percent).toBe(100);
    expect(job.result).toMatchObject({ year: '2020-21', states: ['NH'], rows: fixtureRows });
    expect(await storedRows()).toBe(fixtureRows);
    const events = await auditEvents(t.ctx, nhDistrict);
    expect(events.some((e) => e.kind === 'job.started' && e.payload.jobKind === 'crdc.import')).toBe(true);
  });

  it('is for the district administrator only, and checks its input before creating anything', async () => {
    expectError(await start(nhAuditor, nhDistrict, { csv, fileName: FILE_NAME }), 403, 'forbidden');
    expectError(await start(nhAdmin, nhDistrict, { csv: '', fileName: FILE_NAME }), 400, 'invalid_request');
    expectError(await start(nhAdmin, nhDistrict, { csv, fileName: FILE_NAME, year: '2020' }), 400, 'invalid_request');
  });
});
