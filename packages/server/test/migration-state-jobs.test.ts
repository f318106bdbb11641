import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { TEST_DIALECT, createTestDatabase } from './harness.js';

/**
 * Migration 20261208T0201 (state jobs) rebuilds `jobs` on SQLite to let district_id be null: the
 * jobs already there, their inputs, files and reruns must come through as they were, and the
 * foreign keys of job_inputs and job_files must still hold against the new table.
 */
describe(`migration 20261208T0201 (state jobs) on ${TEST_DIALECT}`, async () => {
  const tdb = await createTestDatabase();
  const handle = openDatabase(tdb.database);
  afterAll(async () => {
    await handle.close();
    await tdb.drop();
  });

  it('keeps every existing job, input, file and rerun link, and lets a state job have no district', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's untyped-schema form, as migrations use
    const db = handle.db as unknown as import('kysely').Kysely<any>;
    await migrateTo(handle.db, '20261207T0701_unknown_sign_in_failures');
    const now = new Date().toISOString();
    await db
      .insertInto('districts')
      .values({
        id: 'd-1',
        ncesLeaId: '0999998',
        name: 'Old District',
        state: 'VA',
        suppressionMinN: 10,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const job = (id: string, rerunOf: string | null, status: string) => ({
      id,
      kind: 'crdc.export',
      districtId: 'd-1',
      requestedBy: null,
      status,
      percent: 0,
      cancelRequested: 0,
      rerunOf,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insertInto('jobs')
      .values([job('j-1', null, 'failed'), job('j-2', 'j-1', 'done')])
      .execute();
    await db.insertInto('jobInputs').values({ jobId: 'j-1', input: '{"year":"2024-25"}' }).execute();
    await db
      .insertInto('jobFiles')
      .values({ jobId: 'j-2', name: 'a.json', contentType: 'application/json', bytes: 2, content: '{}' })
      .execute();

    expect(await migrateToLatest(handle.db)).toContain('20261208T0201_state_jobs');
    const jobs = await db
      .selectFrom('jobs')
      .select(['id', 'districtId', 'state', 'rerunOf', 'status'])
      .orderBy('id')
      .execute();
    expect(jobs).toEqual([
      { id: 'j-1', districtId: 'd-1', state: null, rerunOf: null, status: 'failed' },
      { id: 'j-2', districtId: 'd-1', state: null, rerunOf: 'j-1', status: 'done' },
    ]);
    expect(await db.selectFrom('jobInputs').selectAll().execute()).toEqual([
      { jobId: 'j-1', input: '{"year":"2024-25"}' },
    ]);
    expect(await db.selectFrom('jobFiles').select(['jobId', 'name']).execute()).toEqual([
      { jobId: 'j-2', name: 'a.json' },
    ]);

    // A state's job: no district.
    await db
      .insertInto('jobs')
      .values({ ...job('j-3', null, 'queued'), districtId: null, state: 'VA' })
      .execute();
    // The foreign keys still hold: an input of a job that does not exist, or a job of a missing district, is refused.
    await expect(db.insertInto('jobInputs').values({ jobId: 'no-such-job', input: '{}' }).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('jobs')
        .values({ ...job('j-4', null, 'queued'), districtId: 'no-such-district' })
        .execute(),
    ).rejects.toThrow();
  });
});
