import { beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_COLUMNS } from '../src/modules/incident-import/import.columns.js';
import { runners } from '../src/modules/jobs/job.routes.js';
import { failInterruptedJobs } from '../src/modules/jobs/job.service.js';
import {
  JobCancelled,
  poolProgressChannel,
  progressReporter,
  sqliteProgressChannel,
} from '../src/modules/jobs/job.progress.js';
import { nowIso } from '../src/db/database.js';
import { type Session, buildDistrict, buildUser, signIn } from './builders.js';
import { auditEvents, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ImportWorld, buildImportWorld, generateIncidentRows, toCsv } from './incident-import.fixtures.js';

interface JobBody {
  id: string;
  kind: string;
  status: string;
  percent: number;
  result: Record<string, unknown> | null;
  resultFile: { name: string; contentType: string; bytes: number } | null;
  error: { code: string } | null;
  rerunOf: string | null;
}

describe(`jobs on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ImportWorld;
  let admin: Session;
  let auditor: Session;
  let otherAdmin: Session;
  const INCIDENTS = 40;
  const csv = () => toCsv(INCIDENT_COLUMNS, generateIncidentRows(w, INCIDENTS, 3));

  const start = (kind: string, input: unknown, session = admin, districtId = w.district.id) =>
    t.app.inject({
      method: 'POST',
      url: `/api/districts/${districtId}/jobs`,
      headers: session.headers,
      payload: { kind, input },
    });
  const get = (id: string, session = admin) =>
    t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: session.headers });
  const settled = async () => runners.get(t.ctx)!.idle();
  const incidentCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('districtId', '=', w.district.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildImportWorld(t.ctx);
    admin = await signIn(t.app, w.admin);
    auditor = await signIn(t.app, await buildUser(t.ctx, { role: 'auditor', districtId: w.district.id }));
    const other = await buildDistrict(t.ctx);
    otherAdmin = await signIn(t.app, await buildUser(t.ctx, { role: 'district_admin', districtId: other.id }));
  });

  it('imports incidents in a worker thread: 202 queued, then done with the report; the start is audited', async () => {
    const res = await start('incident.import', { csv: csv(), fileName: 'jobs.csv' });
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<JobBody>();
    expect(queued.status).toBe('queued');
    await settled();
    const done = (await get(queued.id)).json<JobBody>();
    expect(done.status).toBe('done');
    expect(done.percent).toBe(100);
    expect(done.result).toMatchObject({ accepted: true, incidents: INCIDENTS, file: 'jobs.csv' });
    expect(await incidentCount()).toBe(INCIDENTS);
    const events = await auditEvents(t.ctx, w.district.id);
    expect(events.filter((e) => e.kind === 'job.started').map((e) => e.payload.jobId)).toContain(queued.id);
    // The import audits itself from the worker, in its own transaction, as the synchronous route does.
    expect(events.some((e) => e.kind === 'incident.imported' && e.payload.file === 'jobs.csv')).toBe(true);
    // The input (the whole CSV) is not kept once the job succeeded.
    expect(await t.ctx.db.selectFrom('jobInputs').select('jobId').where('jobId', '=', queued.id).execute()).toEqual([]);
  });

  it('exports to a stored file that those allowed download (audited); an auditor sees exports but not imports', async () => {
    const res = await start(
      'incident.export.csv',
      { year: '2024-25', party: 'State auditor', purpose: 'Program audit', legalBasis: '99.31(a)(3)' },
      auditor,
    );
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<JobBody>().id;
    await settled();
    const job = (await get(id, auditor)).json<JobBody>();
    expect(job.status).toBe('done');
    expect(job.resultFile).toMatchObject({ name: 'incidents-2024-25.csv', contentType: 'text/csv; charset=utf-8' });
    const file = await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/result`, headers: auditor.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const lines = file.body.trim().split('\n');
    expect(lines[0]).toContain('incident_number');
    expect(lines.length).toBeGreaterThan(1);
    const events = await auditEvents(t.ctx, w.district.id);
    expect(events.some((e) => e.kind === 'job.result_downloaded' && e.payload.jobId === id)).toBe(true);

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/jobs`,
      headers: auditor.headers,
    });
    const kinds = list.json<{ items: JobBody[] }>().items.map((j) => j.kind);
    expect(kinds).toContain('incident.export.csv');
    expect(kinds).not.toContain('incident.import');
    const adminList = await t.app.inject({
      method: 'GET',
      url: `/api/districts/${w.district.id}/jobs`,
      headers: admin.headers,
    });
    expect(adminList.json<{ items: JobBody[] }>().items.map((j) => j.kind)).toContain('incident.import');
    const imp = adminList.json<{ items: JobBody[] }>().items.find((j) => j.kind === 'incident.import')!;
    expectError(await get(imp.id, auditor), 403, 'forbidden');
    // Another district's job answers exactly like a missing one.
    expectError(await get(imp.id, otherAdmin), 404, 'not_found');
    expectError(await get('no-such-job', admin), 404, 'not_found');
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/result`, headers: otherAdmin.headers }),
      404,
      'not_found',
    );
  });

  it('refuses an unknown kind, a bad input and a kind beyond the actor, creating nothing', async () => {
    const before = await t.ctx.db.selectFrom('jobs').select('id').execute();
    expectError(await start('incident.teleport', {}), 400, 'job_kind_unknown');
    expectError(await start('NOT A KIND', {}), 400, 'invalid_request');
    const bad = expectError(await start('transparency.publish', { year: '2025' }), 400, 'invalid_request');
    expect(bad.message).toMatch(/invalid/);
    expectError(await start('incident.import', { csv: '' }), 400, 'invalid_request');
    expectError(await start('incident.import', { csv: csv() }, auditor), 403, 'forbidden');
    expectError(await start('crdc.export', {}, otherAdmin), 404, 'not_found');
    expect(await t.ctx.db.selectFrom('jobs').select('id').execute()).toHaveLength(before.length);
  });

  it('cancels a queued job before it runs; a finished job cannot be cancelled', async () => {
    // A job waiting in the pool's queue: its row exists, no thread has claimed it yet.
    const id = 'queued-job';
    const at = nowIso();
    await t.ctx.db
      .insertInto('jobs')
      .values({
        id,
        kind: 'incident.import',
        districtId: w.district.id,
        requestedBy: w.admin.id,
        status: 'queued',
        percent: 0,
        cancelRequested: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.ctx.db
      .insertInto('jobInputs')
      .values({ jobId: id, input: JSON.stringify({ csv: csv() }) })
      .execute();
    const before = await incidentCount();
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: auditor.headers }),
      403,
      'forbidden',
    );
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: admin.headers });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<JobBody>().status).toBe('cancelled');
    // Its turn comes: the thread finds it cancelled and does nothing.
    runners.get(t.ctx)!.dispatch(id);
    await settled();
    expect((await get(id)).json<JobBody>().status).toBe('cancelled');
    expect(await incidentCount()).toBe(before);
    const events = await auditEvents(t.ctx, w.district.id);
    expect(events.some((e) => e.kind === 'job.cancelled' && e.payload.jobId === id)).toBe(true);

    const finished = (await start('crdc.export', { year: '2024-25' })).json<JobBody>();
    await settled();
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/jobs/${finished.id}/cancel`, headers: admin.headers }),
      409,
      'job_finished',
    );
  });

  it('stops a running job at its next progress point once a cancel is asked for', async () => {
    const id = 'running-job';
    const at = nowIso();
    await t.ctx.db
      .insertInto('jobs')
      .values({
        id,
        kind: 'crdc.export',
        districtId: w.district.id,
        requestedBy: w.admin.id,
        status: 'running',
        percent: 0,
        cancelRequested: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.ctx.db.insertInto('jobInputs').values({ jobId: id, input: '{}' }).execute();
    const channel =
      t.config.database.dialect === 'sqlite'
        ? sqliteProgressChannel(t.config.database.file)
        : poolProgressChannel(t.ctx.db);
    try {
      const p = progressReporter(channel, id);
      p.report('counting', 30);
      await p.settle(); // no cancel yet
      const row = await t.ctx.db
        .selectFrom('jobs')
        .select(['phase', 'percent'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ phase: 'counting', percent: 30 });
      await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/cancel`, headers: admin.headers });
      p.report('writing', 60); // a new phase is written at once, and learns of the cancel
      await expect(p.settle()).rejects.toBeInstanceOf(JobCancelled);
      expect(() => p.report('writing', 61)).toThrow(JobCancelled);
    } finally {
      channel.close();
    }
    await t.ctx.db.deleteFrom('jobInputs').where('jobId', '=', id).execute();
    await t.ctx.db.deleteFrom('jobs').where('id', '=', id).execute();
  });

  it('marks a job that was running when the server stopped as failed at start-up; its rerun imports exactly once', async () => {
    const before = await incidentCount();
    const id = 'interrupted-job';
    const at = nowIso();
    // What a kill -9 during an import leaves: the row says running; its transaction never committed.
    await t.ctx.db
      .insertInto('jobs')
      .values({
        id,
        kind: 'incident.import',
        districtId: w.district.id,
        requestedBy: w.admin.id,
        status: 'running',
        phase: 'importing',
        percent: 40,
        cancelRequested: 0,
        createdAt: at,
        startedAt: at,
        updatedAt: at,
      })
      .execute();
    await t.ctx.db
      .insertInto('jobInputs')
      .values({ jobId: id, input: JSON.stringify({ csv: csv(), fileName: 'again.csv' }) })
      .execute();
    expect(await failInterruptedJobs(t.ctx.db)).toBe(1);
    const failed = (await get(id)).json<JobBody>();
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('job_interrupted');

    const rerun = await t.app.inject({ method: 'POST', url: `/api/jobs/${id}/rerun`, headers: admin.headers });
    expect(rerun.statusCode, rerun.body).toBe(202);
    expect(rerun.json<JobBody>().rerunOf).toBe(id);
    await settled();
    const done = (await get(rerun.json<JobBody>().id)).json<JobBody>();
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ accepted: true, incidents: INCIDENTS, file: 'again.csv' });
    expect(await incidentCount()).toBe(before + INCIDENTS);
    // A job that succeeded is not run again.
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/jobs/${done.id}/rerun`, headers: admin.headers }),
      409,
      'conflict',
    );
  });
});
