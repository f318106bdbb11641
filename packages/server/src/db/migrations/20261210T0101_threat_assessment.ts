import type { Kysely } from 'kysely';

/**
 * Issue 15: threat assessment teams and cases, referrals to support services.
 *
 * Every column ending in `_sealed` holds text sealed with the district's data key (envelope
 * encryption, keys/district-key.ts): case notes, interview summaries, the safety plan, rationales.
 * The database never holds them in plaintext; nor do logs (they are never logged).
 *
 * - `district_keys`: each district's data key, sealed under the master data key (outside the database).
 * - `threat_settings`: the district's protocol, its law-enforcement threshold (set in advance),
 *   the equity alert threshold and whether the public equity table is on.
 * - `threat_teams`, `threat_team_members`: a team per school (school_id) or the district's (null).
 *   Membership is a case's need-to-know.
 * - `threat_cases`: one concern about one student. The student's groups are kept as of intake
 *   (as incidents keep theirs), for the equity audit. `severity` mirrors the classification's
 *   protocol-independent grade.
 * - `threat_case_notes`, `threat_interviews`, `threat_case_themes` (NTAC), `threat_safety_tasks`,
 *   `threat_checkins`, `threat_parent_contacts`, `threat_case_signoffs`: the steps' records.
 * - `support_providers`, `support_referrals`: the directory and the referrals, each status with
 *   its date; `follow_up_due_on` drives reminders.
 * - `threat_reminders`: one row per reminder sent (a task or check-in overdue), so each goes once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('district_keys')
    .addColumn('district_id', 'text', (c) => c.primaryKey().references('districts.id'))
    .addColumn('sealed_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('threat_settings')
    .addColumn('district_id', 'text', (c) => c.primaryKey().references('districts.id'))
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('le_threshold', 'text', (c) => c.notNull())
    .addColumn('equity_threshold', 'real', (c) => c.notNull())
    .addColumn('equity_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('threat_teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('threat_teams_district')
    .on('threat_teams')
    .columns(['district_id', 'school_id'])
    .execute();

  await db.schema
    .createTable('threat_team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('threat_teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('team_role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('threat_team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('threat_team_members_user')
    .on('threat_team_members')
    .columns(['district_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('threat_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('threat_teams.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('tip_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('concern_sealed', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    // The student's groups as of intake (CRDC categories, as incident_students keeps them).
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull())
    .addColumn('section504', 'integer', (c) => c.notNull())
    .addColumn('english_learner', 'integer', (c) => c.notNull())
    .addColumn('iep_checked_at', 'text')
    .addColumn('iep_checked_by', 'text', (c) => c.references('users.id'))
    .addColumn('iep_note_sealed', 'text')
    .addColumn('classification', 'text')
    .addColumn('severity', 'text')
    .addColumn('rationale_sealed', 'text')
    .addColumn('classified_at', 'text')
    .addColumn('classified_by', 'text', (c) => c.references('users.id'))
    .addColumn('screening_at', 'text')
    .addColumn('screening_by', 'text', (c) => c.references('users.id'))
    .addColumn('screening_sealed', 'text')
    .addColumn('le_involved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('le_reason_sealed', 'text')
    .addColumn('safety_plan_sealed', 'text')
    .addColumn('safety_plan_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closure_sealed', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('threat_cases_number', ['district_id', 'number'])
    .execute();
  await db.schema
    .createIndex('threat_cases_list')
    .on('threat_cases')
    .columns(['district_id', 'status', 'opened_at'])
    .execute();
  await db.schema.createIndex('threat_cases_team').on('threat_cases').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('threat_cases_incident').on('threat_cases').column('incident_id').execute();

  const caseChild = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('threat_cases.id'));

  await caseChild('threat_case_notes')
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('record_class', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await caseChild('threat_interviews')
    .addColumn('interviewee_kind', 'text', (c) => c.notNull())
    .addColumn('interviewee_sealed', 'text', (c) => c.notNull())
    .addColumn('interviewed_at', 'text', (c) => c.notNull())
    .addColumn('interviewer_id', 'text', (c) => c.references('users.id'))
    .addColumn('summary_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await caseChild('threat_case_themes')
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('finding_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('threat_case_themes_one', ['case_id', 'theme'])
    .execute();
  await caseChild('threat_safety_tasks')
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await caseChild('threat_checkins')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('done_at', 'text')
    .addColumn('note_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await caseChild('threat_parent_contacts')
    .addColumn('contacted_at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('note_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await caseChild('threat_case_signoffs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team_role', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('threat_case_signoffs_one', ['case_id', 'user_id'])
    .execute();
  for (const t of ['threat_case_notes', 'threat_interviews', 'threat_safety_tasks', 'threat_checkins']) {
    await db.schema.createIndex(`${t}_case`).on(t).column('case_id').execute();
  }
  await db.schema
    .createIndex('threat_safety_tasks_due')
    .on('threat_safety_tasks')
    .columns(['district_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('threat_checkins_due')
    .on('threat_checkins')
    .columns(['district_id', 'done_at', 'due_on'])
    .execute();

  await db.schema
    .createTable('support_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('["en"]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_providers_district').on('support_providers').column('district_id').execute();

  await db.schema
    .createTable('support_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('provider_id', 'text', (c) => c.references('support_providers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('threat_cases.id'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('reason_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('made_by', 'text', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'text')
    .addColumn('first_contact_at', 'text')
    .addColumn('ongoing_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('follow_up_due_on', 'text', (c) => c.notNull())
    // The student's groups as of the referral (the public figures and the equity audit).
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull())
    .addColumn('section504', 'integer', (c) => c.notNull())
    .addColumn('english_learner', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_referrals_list')
    .on('support_referrals')
    .columns(['district_id', 'status', 'made_at'])
    .execute();
  await db.schema
    .createIndex('support_referrals_provider')
    .on('support_referrals')
    .columns(['provider_id', 'status'])
    .execute();
  await db.schema.createIndex('support_referrals_case').on('support_referrals').column('case_id').execute();
  await db.schema.createIndex('support_referrals_incident').on('support_referrals').column('incident_id').execute();

  await db.schema
    .createTable('threat_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('threat_reminders_once', ['subject_kind', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'threat_reminders',
    'support_referrals',
    'support_providers',
    'threat_case_signoffs',
    'threat_parent_contacts',
    'threat_checkins',
    'threat_safety_tasks',
    'threat_case_themes',
    'threat_interviews',
    'threat_case_notes',
    'threat_cases',
    'threat_team_members',
    'threat_teams',
    'threat_settings',
    'district_keys',
  ])
    await db.schema.dropTable(t).execute();
}
