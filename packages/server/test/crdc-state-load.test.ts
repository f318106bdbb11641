import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runners } from '../src/modules/jobs/job.routes.js';
import { type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 13: a state viewer loads OCR's public-use file of their own state from the browser, as a
 * state's job (POST /api/state/jobs), followed at GET /api/jobs/:id; the CRDC files page then lists
 * what is loaded (GET /api/public/crdc).
 */
const FIXTURE = new URL('./fixtures/crdc/CRDC_2020-21_NH-sample.csv', import.meta.url).pathname;
const FILE_NAME = 'CRDC_2020-21_NH-sample.csv';

interface JobBody {
  id: string;
  kind: string;
  districtId: string | null;
  state: string | null;
  status: string;
  percent: number;
  result: { year: string; states: string[]; rows: number } | null;
  error: { code: string } | null;
}

describe(`CRDC files loaded by a state viewer on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let nhViewer: Session;
  let vaViewer: Session;
  let nhAdmin: Session;
  const csv = readFileSync(FIXTURE, 'utf8');
  const fixtureRows = parse(csv, { columns: true, bom: true }).length;
  const input = { csv, fileName: FILE_NAME };

  const start = (session: Session, kind = 'crdc.import.state', body: unknown = input) =>
    t.app.inject({ method: 'POST', url: '/api/state/jobs', headers: session.headers, payload: { kind, input: body } });
  const read = (id: string, session: Session) =>
    t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: session.headers });
  const loaded = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/public/crdc' })).json<{
      items: { state: string; year: string; schools: number }[];
    }>().items;

  beforeAll(async () => {
    t = await createTestApp();
    const nh = await buildDistrict(t.ctx, { state: 'NH' });
    nhViewer = await signIn(t.app, await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'NH' }));
    vaViewer = await signIn(t.app, await buildUser(t.ctx, { role: 'state_viewer', districtId: null, state: 'VA' }));
    nhAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: nh.id }));
  });

  it("loads the viewer's own state's file as a state's job, then lists it as loaded", async () => {
    expect(await loaded()).toEqual([]);
    const res = await start(nhViewer);
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<JobBody>();
    expect(queued).toMatchObject({ kind: 'crdc.import.state', districtId: null, state: 'NH', status: 'queued' });
    await runners.get(t.ctx)!.idle();
    const done = (await read(queued.id, nhViewer)).json<JobBody>();
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.percent).toBe(100);
    expect(done.result).toMatchObject({ year: '2020-21', states: ['NH'], rows: fixtureRows });
    expect(await loaded()).toEqual([{ state: 'NH', year: '2020-21', schools: fixtureRows }]);
  });

  it("refuses another state's file for a viewer, and a state's job to anyone but a state viewer", async () => {
    // A Virginia viewer sending New Hampshire's file: the job runs and refuses the rows of another state.
    const res = await start(vaViewer);
    expect(res.statusCode, res.body).toBe(202);
    await runners.get(t.ctx)!.idle();
    const job = (await read(res.json<JobBody>().id, vaViewer)).json<JobBody>();
    expect(job.status).toBe('failed');
    // A code the page translates, not only an English message.
    expect(job.error?.code).toBe('crdc_wrong_state');
    expect(await loaded()).toEqual([{ state: 'NH', year: '2020-21', schools: fixtureRows }]);
    // A district administrator may not start a state's job (their own path is the district's crdc.import).
    const admin = await start(nhAdmin);
    expect(admin.statusCode, admin.body).toBe(403);
    // Only state kinds start here; the district's kinds do not.
    const wrongKind = await start(nhViewer, 'crdc.import');
    expect(wrongKind.statusCode, wrongKind.body).toBe(400);
    expect(wrongKind.json().error.code).toBe('job_kind_unknown');
  });

  it("keeps a state's job to the viewers of that state: another state's viewer and district staff get 404", async () => {
    const res = await start(nhViewer, 'crdc.import.state', { csv, fileName: FILE_NAME });
    const id = res.json<JobBody>().id;
    await runners.get(t.ctx)!.idle();
    expect((await read(id, nhViewer)).statusCode).toBe(200);
    for (const s of [vaViewer, nhAdmin]) {
      const other = await read(id, s);
      expect(other.statusCode, other.body).toBe(404);
    }
  });

  it('answers a bad input with 400 and a code, never a 500', async () => {
    const res = await start(nhViewer, 'crdc.import.state', { csv: '' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });
});
