import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { TEST_DIALECT, createTestDatabase } from './harness.js';

/**
 * Migration 20261207T0101: districts that existed before get their state's most common zone (the
 * stated default; Eastern for a code the table does not know), 07-01, and no `clock_applied`, so
 * the server recomputes their figures on that clock when it starts (district-clock.test.ts).
 */
describe(`migration 20261207T0101 (district clock) on ${TEST_DIALECT}`, async () => {
  const tdb = await createTestDatabase();
  const handle = openDatabase(tdb.database);
  afterAll(async () => {
    await handle.close();
    await tdb.drop();
  });

  it("gives each existing district its state's zone and marks its figures for a recompute", async () => {
    // The schema as it was before the migration, not today's Database type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = handle.db as unknown as import('kysely').Kysely<any>;
    await migrateTo(handle.db, '20261128T0008_page_etag');
    const now = new Date().toISOString();
    const district = (id: string, state: string, ncesLeaId: string) => ({
      id,
      ncesLeaId,
      name: `Old District ${id}`,
      state,
      suppressionMinN: 10,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insertInto('districts')
      .values([
        district('d-tx', 'TX', '4800001'),
        district('d-az', 'AZ', '0400001'),
        district('d-hi', 'HI', '1500001'),
        district('d-zz', 'ZZ', '9900001'),
      ])
      .execute();
    await migrateToLatest(handle.db);
    const rows = await handle.db
      .selectFrom('districts')
      .select(['id', 'timeZone', 'schoolYearStart', 'clockApplied'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'd-az', timeZone: 'America/Phoenix', schoolYearStart: '07-01', clockApplied: null },
      { id: 'd-hi', timeZone: 'Pacific/Honolulu', schoolYearStart: '07-01', clockApplied: null },
      { id: 'd-tx', timeZone: 'America/Chicago', schoolYearStart: '07-01', clockApplied: null },
      { id: 'd-zz', timeZone: 'America/New_York', schoolYearStart: '07-01', clockApplied: null },
    ]);
  });
});
