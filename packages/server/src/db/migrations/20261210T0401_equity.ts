import type { Kysely } from 'kysely';

/**
 * Issue 15 item 5: the equity audit and its public table.
 *
 * - Covering indexes for the audit's two aggregate queries (modules/equity/equity.repository.ts):
 *   the cases in student order with every column the audit reads, so SQLite groups them per
 *   student from the index alone, without sorting or reading the table (five years of 100,000
 *   cases, docs/benchmarks.md); the referrals likewise, by group.
 * - `public_equity_pages`: the public equity section as the last publication made it (JSON,
 *   served as it is; the suppressed figures only), as `public_training_pages` for training.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('threat_cases_equity')
    .on('threat_cases')
    .columns([
      'district_id',
      'student_id',
      'race',
      'sex',
      'idea',
      'section504',
      'english_learner',
      'opened_at',
      'school_id',
      'severity',
      'le_involved',
      'outcome',
    ])
    .execute();
  await db.schema
    .createIndex('support_referrals_equity')
    .on('support_referrals')
    .columns(['district_id', 'race', 'sex', 'idea', 'section504', 'english_learner', 'made_at', 'school_id', 'status'])
    .execute();
  await db.schema
    .createTable('public_equity_pages')
    .addColumn('district_id', 'text', (c) => c.primaryKey().references('districts.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('public_equity_pages').execute();
  await db.schema.dropIndex('support_referrals_equity').execute();
  await db.schema.dropIndex('threat_cases_equity').execute();
}
