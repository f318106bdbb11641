import type { Kysely } from 'kysely';

/**
 * Issue 14 item 3: the compliance dashboard keeps its results in memory and checks them on every
 * request against a fingerprint of the tables (modules/training/compliance.cache.ts): counts and
 * latest timestamps per district. These indexes make the latest-timestamp parts index probes
 * instead of scans of 200,000 records. The last one holds every column compliance reads of a
 * record, in the order it groups them, so computing a district reads the index alone (on SQLite
 * a third of the CPU of looking each record up in the table; docs/benchmarks.md).
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
  await db.schema
    .createIndex('officer_assignments_district_created')
    .on('officer_assignments')
    .columns(['district_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('officer_assignments_district_ends')
    .on('officer_assignments')
    .columns(['district_id', 'ends_on'])
    .execute();
  await db.schema
    .createIndex('training_records_compliance')
    .on('training_records')
    .columns([
      'district_id',
      'status',
      'officer_id',
      'completed_on',
      'minutes',
      'credential_key',
      'expires_on',
      'topics',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('training_records_compliance').execute();
  await db.schema.dropIndex('officer_assignments_district_ends').execute();
  await db.schema.dropIndex('officer_assignments_district_created').execute();
  await db.schema.dropIndex('officers_district_updated').execute();
  await db.schema.dropIndex('training_records_district_reviewed').execute();
  await db.schema.dropIndex('training_records_district_created').execute();
}
