import type { Kysely } from 'kysely';

/**
 * Issue 15 item 3: the referral list pages the district's referrals newest first (after the
 * overdue ones); without these indexes a page sorts every referral of the district. The status
 * index (support_referrals_list) serves the status filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('support_referrals_made')
    .on('support_referrals')
    .columns(['district_id', 'made_at'])
    .execute();
  // A caseload: one provider's referrals, newest first, counted without reading the others.
  await db.schema
    .createIndex('support_referrals_caseload')
    .on('support_referrals')
    .columns(['district_id', 'provider_id', 'made_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('support_referrals_caseload').execute();
  await db.schema.dropIndex('support_referrals_made').execute();
}
