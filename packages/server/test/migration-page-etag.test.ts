import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { pageEtag } from '../src/modules/transparency/transparency.http.js';
import { TEST_DIALECT, createTestDatabase } from './harness.js';

/** Migration 0008 gives every page published before it the ETag that publishing now stores. */
describe(`migration 0008 (page ETags) on ${TEST_DIALECT}`, async () => {
  const tdb = await createTestDatabase();
  const handle = openDatabase(tdb.database);
  afterAll(async () => {
    await handle.close();
    await tdb.drop();
  });

  it('computes the ETag of pages that were already published', async () => {
    // The tables as this old migration left them, not today's schema type (as in a migration).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's untyped-schema form, as migrations use
    const db = handle.db as unknown as import('kysely').Kysely<any>;
    await migrateTo(handle.db, '20261128T0007_transparency');
    const now = new Date().toISOString();
    await db
      .insertInto('districts')
      .values({
        id: 'd-1',
        ncesLeaId: '0999999',
        name: 'Old District',
        state: 'VA',
        suppressionMinN: 10,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const pages = [
      {
        districtId: 'd-1',
        schoolYear: '2024-25',
        scopeId: 'd-1',
        payload: '{"scope":"district","year":"2024-25"}',
        publishedAt: now,
      },
      {
        districtId: 'd-1',
        schoolYear: '2025-26',
        scopeId: 'd-1',
        payload: '{"scope":"district","year":"2025-26","é":"ñ"}',
        publishedAt: now,
      },
    ];
    await db.insertInto('transparencyPages').values(pages).execute();

    expect(await migrateToLatest(handle.db)).toContain('20261128T0008_page_etag');
    const rows = await handle.db
      .selectFrom('transparencyPages')
      .select(['schoolYear', 'payload', 'etag'])
      .orderBy('schoolYear')
      .execute();
    expect(rows).toEqual(
      pages.map((p) => ({ schoolYear: p.schoolYear, payload: p.payload, etag: pageEtag(p.payload) })),
    );
    expect(new Set(rows.map((r) => r.etag)).size).toBe(2);
  });
});
