import type { Kysely } from 'kysely';

/**
 * Issue 12, item 8: failed sign-ins to addresses with no account are counted too, so that an unknown
 * address locks after the same number of failures as a real one and the answers cannot tell them
 * apart. Keyed by the SHA-256 of the lower-cased address: the table holds no address in clear, and
 * rows older than a day are deleted as new failures arrive.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unknown_sign_in_failures')
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('unknown_sign_in_failures_updated')
    .on('unknown_sign_in_failures')
    .columns(['updated_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unknown_sign_in_failures').execute();
}
