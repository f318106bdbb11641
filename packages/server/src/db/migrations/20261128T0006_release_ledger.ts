import type { Kysely } from 'kysely';

/**
 * Issue 4: the suppression release ledger. Every publication of a dataset (a district's figures
 * for one period, after suppression) is kept, so a later release of the same dataset can be
 * checked against it: differencing two releases must not reveal a hidden cell.
 * `published` is what the public saw ({ cellId: value }); `snapshot` is the engine's own input
 * (all cells with their true values, the lines, the hidden ids), server-side only, needed to
 * re-run the attacker over both releases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suppression_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('published', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('suppression_releases_dataset')
    .on('suppression_releases')
    .columns(['district_id', 'dataset', 'period', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suppression_releases').execute();
}
