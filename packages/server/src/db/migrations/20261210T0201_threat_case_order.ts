import type { Kysely } from 'kysely';

/**
 * Issue 15 benchmark (bench/threat-cases.ts): the case list pages newest first, over every status
 * of a district (the coordinator's default view) or over a team's cases (a member's). Without an
 * index in that order, SQLite sorted all 100,000 cases of the bench district on every request
 * (142 ms for one page; 1 ms with this index, which also covers the district's count).
 * Likewise the parent contacts, read by case for every page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('threat_cases_order')
    .on('threat_cases')
    .columns(['district_id', 'opened_at', 'id'])
    .execute();
  await db.schema
    .createIndex('threat_cases_team_order')
    .on('threat_cases')
    .columns(['team_id', 'opened_at', 'id'])
    .execute();
  // The list's cached total is checked against the district's latest change (case.list.ts).
  await db.schema
    .createIndex('threat_cases_changed')
    .on('threat_cases')
    .columns(['district_id', 'updated_at'])
    .execute();
  // Every page of the list counts each case's parent contacts (case.progress.ts): without this,
  // a scan of the whole table per request (37 ms on the bench's 70,000 contacts).
  await db.schema.createIndex('threat_parent_contacts_case').on('threat_parent_contacts').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('threat_parent_contacts_case').execute();
  await db.schema.dropIndex('threat_cases_changed').execute();
  await db.schema.dropIndex('threat_cases_team_order').execute();
  await db.schema.dropIndex('threat_cases_order').execute();
}
