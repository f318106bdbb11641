import type { Kysely } from 'kysely';

/**
 * Issue 15 benchmark (bench/threat-cases.ts, 100,000 cases), after the list's own indexes
 * (20261210T0111): every page of the case list counts each case's parent contacts (case.progress.ts),
 * which scanned the whole table without an index by case (37 ms on the bench's 70,000 contacts); and
 * the list's cached total is checked against the district's latest change (case.list.ts), one probe
 * of `(district_id, updated_at)` instead of counting the district's cases on every request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('threat_parent_contacts_case').on('threat_parent_contacts').column('case_id').execute();
  await db.schema
    .createIndex('threat_cases_changed')
    .on('threat_cases')
    .columns(['district_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('threat_cases_changed').execute();
  await db.schema.dropIndex('threat_parent_contacts_case').execute();
}
