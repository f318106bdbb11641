import { afterAll, describe, expect, it } from 'vitest';
import { defaultRoleRules, templateClauses } from '@forefront/contract';
import { openDatabase } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { contentHash, parseVersion } from '../src/modules/mous/mou.view.js';
import { TEST_DIALECT, createTestDatabase } from './harness.js';

/**
 * Migration 20261208T0701: every MOU version written before it is English, and keeps the
 * fingerprint its signatures cover (an English version's hash does not include the language).
 */
describe(`migration 20261208T0701 (MOU language) on ${TEST_DIALECT}`, async () => {
  const tdb = await createTestDatabase();
  const handle = openDatabase(tdb.database);
  afterAll(async () => {
    await handle.close();
    await tdb.drop();
  });

  it('marks the versions already written as English, their fingerprints unchanged', async () => {
    // The tables as the previous migration left them, not today's schema type (as in a migration).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's untyped-schema form, as migrations use
    const db = handle.db as unknown as import('kysely').Kysely<any>;
    await migrateTo(handle.db, '20261207T0701_unknown_sign_in_failures');
    const now = new Date().toISOString();
    await db
      .insertInto('districts')
      .values({ id: 'd-1', ncesLeaId: '0999998', name: 'Old District', state: 'VA', createdAt: now, updatedAt: now })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: 'u-1',
        districtId: 'd-1',
        email: 'admin@old.example',
        displayName: 'Old Admin',
        role: 'district_admin',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('mous')
      .values({
        id: 'm-1',
        districtId: 'd-1',
        title: 'Old agreement',
        agencyName: 'Old Police',
        template: 'cops_minimum',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const content = {
      clauses: templateClauses('cops_minimum', { district: 'Old District', agency: 'Old Police' }),
      roleRules: defaultRoleRules(),
      effectiveDate: '2025-08-01',
      reviewDate: '2026-08-01',
    };
    const hash = contentHash(content);
    await db
      .insertInto('mouVersions')
      .values({
        id: 'v-1',
        districtId: 'd-1',
        mouId: 'm-1',
        version: 1,
        clauses: JSON.stringify(content.clauses),
        roleRules: JSON.stringify(content.roleRules),
        effectiveDate: content.effectiveDate,
        reviewDate: content.reviewDate,
        changeNote: 'First version',
        contentHash: hash,
        createdBy: 'u-1',
        createdAt: now,
      })
      .execute();

    expect(await migrateToLatest(handle.db)).toContain('20261208T0701_mou_language');
    const row = await handle.db.selectFrom('mouVersions').selectAll().where('id', '=', 'v-1').executeTakeFirstOrThrow();
    expect(row.language).toBe('en');
    const parsed = parseVersion(row);
    expect(parsed.language).toBe('en');
    // What the signatures cover is what the version, read back with its language, still hashes to.
    expect(contentHash({ ...parsed, language: parsed.language })).toBe(row.contentHash);
    // A Spanish text is another text: its fingerprint covers the language.
    expect(contentHash({ ...parsed, language: 'es' })).not.toBe(row.contentHash);
  });
});
