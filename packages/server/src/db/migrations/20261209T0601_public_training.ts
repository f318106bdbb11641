import type { Kysely } from 'kysely';

/**
 * Issue 14 item 5: the public "Officer training and time" section, one row per district, written
 * when the district publishes (transparency.training.ts) and served as it is stored, like
 * `transparency_pages`: a public request never reads officers or their records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_training_pages')
    .addColumn('district_id', 'text', (c) => c.primaryKey().references('districts.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('public_training_pages').execute();
}
