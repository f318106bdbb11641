import type { Kysely } from 'kysely';

/**
 * Issue 15: the case list and counts on 100,000 cases (p95 under 50 ms; bench/threat-cases.ts). The
 * list pages newest first (id breaks ties) over a district, or over the teams a member sits on,
 * whatever the status: without an index in that order SQLite sorted all 100,000 cases of the bench
 * district for one page (142 ms; 1 ms with it). The counts group a district's cases by status,
 * school and severity from the index alone. Parent contacts are read by case for every page (a
 * scan of 70,000 contacts took 37 ms). The list's cached total is checked against the district's
 * latest change, one probe of `(district_id, updated_at)` instead of a count on every request.
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
  await db.schema
    .createIndex('threat_cases_counts')
    .on('threat_cases')
    .columns(['district_id', 'status', 'school_id', 'severity'])
    .execute();
  await db.schema.createIndex('threat_parent_contacts_case').on('threat_parent_contacts').column('case_id').execute();
  await db.schema
    .createIndex('threat_cases_changed')
    .on('threat_cases')
    .columns(['district_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'threat_cases_changed',
    'threat_parent_contacts_case',
    'threat_cases_counts',
    'threat_cases_team_order',
    'threat_cases_order',
  ])
    await db.schema.dropIndex(name).execute();
}
