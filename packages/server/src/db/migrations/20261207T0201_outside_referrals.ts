import type { Kysely } from 'kysely';

/**
 * Issue 12, items 2 and 4.
 *
 * - `outside_referrals`: referrals to, and arrests by, law enforcement outside Forefront (a
 *   principal's 911 call, a patrol officer's arrest), with the staff member who referred. CRDC
 *   counts them like an SRO's. `school_id` and `month` are the incident's, kept here (as on
 *   incident_flags) so the role-drift dashboard reads them without joining incidents.
 * - `sro_actions.behavior`: which of the incident's behaviors an action addresses. Existing actions
 *   keep null, which the role-clarity engine judges exactly as before (against the incident's
 *   governing behavior), so every stored incident stays valid and keeps its flags.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sro_actions').addColumn('behavior', 'text').execute();

  await db.schema
    .createTable('outside_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.references('users.id'))
    .addColumn('officer_name', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('badge_number', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('behavior', 'text')
    .execute();
  await db.schema.createIndex('outside_referrals_incident').on('outside_referrals').column('incident_id').execute();
  await db.schema
    .createIndex('outside_referrals_month')
    .on('outside_referrals')
    .columns(['district_id', 'month'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outside_referrals').execute();
  await db.schema.alterTable('sro_actions').dropColumn('behavior').execute();
}
