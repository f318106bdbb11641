import type { Kysely } from 'kysely';

/**
 * Issue 14 item 3: the compliance dashboard keeps its results in memory and checks them on every
 * request against a fingerprint of the tables (modules/training/compliance.cache.ts): counts and
 * latest timestamps per district. These indexes make the latest-timestamp parts index probes
 * instead of scans of 200,000 records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('training_records_district_created')
    .on('training_records')
    .columns(['district_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('training_records_district_reviewed')
    .on('training_records')
    .columns(['district_id', 'reviewed_at'])
    .execute();
  await db.schema
    .createIndex('officers_district_updated')
    .on('officers')
    .columns(['district_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('officers_district_updated').execute();
  await db.schema.dropIndex('training_records_district_reviewed').execute();
  await db.schema.dropIndex('training_records_district_created').execute();
}
