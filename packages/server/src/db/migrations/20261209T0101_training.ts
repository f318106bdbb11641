import type { Kysely } from 'kysely';

/**
 * Issue 14: the SRO roster, training standards and records, and officers' time.
 *
 * - `officers`: the roster. Many officers never sign in, so an entry stands alone; `user_id` links an
 *   SRO account to its entry. `email` is where training reminders go.
 * - `officer_assignments`: who served at which school from when to when. `gate` records what the
 *   assignment gate said (`met`, `warned`, `exception`, `off`).
 * - `training_standards`: one row per district: the preset it started from, the rules (JSON, the
 *   contract's TrainingRuleSchema) and the gate mode.
 * - `training_credential_types`, `training_courses`: the district's catalog.
 * - `training_records`: completions. Hours are kept as whole minutes so sums are exact on both
 *   databases. Counted only when `status` is `approved`.
 * - `training_certificates`: the uploaded certificate, base64 in the database (as MOU scans are:
 *   written in the record's transaction, kept in every backup).
 * - `assignment_exceptions`: an approved exception to the gate, with approver, reason and expiry.
 * - `training_reminders`: one row per reminder sent, so a lapse is mailed once per threshold.
 * - `officer_activities`: officers' time outside incidents; the note is sealed with the data key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('officers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('badge_number', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('officers_badge', ['district_id', 'agency', 'badge_number'])
    .execute();

  await db.schema
    .createTable('officer_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('gate', 'text', (c) => c.notNull())
    .addColumn('exception_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('officer_assignments_officer').on('officer_assignments').column('officer_id').execute();
  await db.schema
    .createIndex('officer_assignments_school')
    .on('officer_assignments')
    .columns(['district_id', 'school_id'])
    .execute();

  await db.schema
    .createTable('training_standards')
    .addColumn('district_id', 'text', (c) => c.primaryKey().references('districts.id'))
    .addColumn('preset', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('gate_mode', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_credential_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('validity_months', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_credential_types_key', ['district_id', 'key'])
    .execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('credential_key', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_courses_district').on('training_courses').column('district_id').execute();

  await db.schema
    .createTable('training_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('course_id', 'text', (c) => c.references('training_courses.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('credential_key', 'text')
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_records_officer')
    .on('training_records')
    .columns(['district_id', 'officer_id', 'status'])
    .execute();

  await db.schema
    .createTable('training_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().unique().references('training_records.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assignment_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('assignment_exceptions_officer')
    .on('assignment_exceptions')
    .column('officer_id')
    .execute();

  await db.schema
    .createTable('training_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('lapses_on', 'text', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_reminders_once', ['officer_id', 'rule_key', 'lapses_on', 'days_before'])
    .execute();

  await db.schema
    .createTable('officer_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('officers.id'))
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('activity_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note_sealed', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('officer_activities_officer_day')
    .on('officer_activities')
    .columns(['officer_id', 'activity_on'])
    .execute();
  await db.schema
    .createIndex('officer_activities_district_day')
    .on('officer_activities')
    .columns(['district_id', 'activity_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'officer_activities',
    'training_reminders',
    'assignment_exceptions',
    'training_certificates',
    'training_records',
    'training_courses',
    'training_credential_types',
    'training_standards',
    'officer_assignments',
    'officers',
  ])
    await db.schema.dropTable(table).execute();
}
