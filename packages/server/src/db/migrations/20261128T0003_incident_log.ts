import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Issue 3: MOUs, the student roster, incidents with SRO activity, role-clarity flags and their
 * monthly aggregates, FERPA disclosure records. Frozen in time like every migration: portable
 * types only (text ids, ISO text dates, 0/1 flags, JSON as text). Every table carries district_id.
 */
const tenant = <T extends string>(t: CreateTableBuilder<T, never>) =>
  t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'));

export async function up(db: Kysely<any>): Promise<void> {
  // ---- MOUs -----------------------------------------------------------------------------------
  await tenant(db.schema.createTable('mous'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mous_district').on('mous').column('district_id').execute();

  // A version is immutable once written; a change makes a new version that needs new signatures.
  await tenant(db.schema.createTable('mou_versions'))
    .addColumn('mou_id', 'text', (c) => c.notNull().references('mous.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('clauses', 'text', (c) => c.notNull()) // JSON [{ key, title, text }]
    .addColumn('role_rules', 'text', (c) => c.notNull()) // JSON RoleRules
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('review_date', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mou_versions_mou_version', ['mou_id', 'version'])
    .execute();
  await db.schema
    .createIndex('mou_versions_district')
    .on('mou_versions')
    .columns(['district_id', 'effective_date'])
    .execute();

  await tenant(db.schema.createTable('mou_signatories'))
    .addColumn('mou_id', 'text', (c) => c.notNull().references('mous.id'))
    .addColumn('party', 'text', (c) => c.notNull()) // 'district' | 'agency'
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mou_signatories_mou').on('mou_signatories').column('mou_id').execute();

  await tenant(db.schema.createTable('mou_signatures'))
    .addColumn('mou_version_id', 'text', (c) => c.notNull().references('mou_versions.id'))
    .addColumn('signatory_id', 'text', (c) => c.notNull().references('mou_signatories.id'))
    .addColumn('signed_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull()) // the version content this signature covers
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('mou_signatures_version_signatory', ['mou_version_id', 'signatory_id'])
    .execute();

  await tenant(db.schema.createTable('mou_reminders'))
    .addColumn('mou_version_id', 'text', (c) => c.notNull().references('mou_versions.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'review_due_60' | 'review_due_30' | 'review_overdue' | 'signature_missing'
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mou_reminders_once', ['mou_version_id', 'kind'])
    .execute();

  // ---- Students ---------------------------------------------------------------------------------
  await tenant(db.schema.createTable('students'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text') // OneRoster sourcedId
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('section504', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('english_learner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('students_district_local', ['district_id', 'local_id'])
    .execute();
  await db.schema
    .createIndex('students_school')
    .on('students')
    .columns(['district_id', 'school_id', 'family_name'])
    .execute();

  // Demographics as they were from a date on, so an incident can snapshot them as of its date.
  await tenant(db.schema.createTable('student_demographics'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull()) // ISO date
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull())
    .addColumn('section504', 'integer', (c) => c.notNull())
    .addColumn('english_learner', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('student_demographics_student')
    .on('student_demographics')
    .columns(['student_id', 'valid_from'])
    .execute();

  // ---- Incidents ----------------------------------------------------------------------------------
  await db.schema
    .createTable('district_counters')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('district_counters_pk', ['district_id', 'name'])
    .execute();

  await tenant(db.schema.createTable('incidents'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('behaviors', 'text', (c) => c.notNull()) // JSON array of taxonomy keys
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('weapon', 'text', (c) => c.notNull())
    .addColumn('offense_alleged', 'integer', (c) => c.notNull())
    .addColumn('nibrs_codes', 'text', (c) => c.notNull()) // JSON array
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('record_class', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('mou_version_id', 'text')
    .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('incidents_district_number', ['district_id', 'number'])
    .execute();
  await db.schema
    .createIndex('incidents_district_date')
    .on('incidents')
    .columns(['district_id', 'occurred_at'])
    .execute();
  await db.schema.createIndex('incidents_school_date').on('incidents').columns(['school_id', 'occurred_at']).execute();
  await db.schema
    .createIndex('incidents_district_year')
    .on('incidents')
    .columns(['district_id', 'school_year'])
    .execute();

  // Every saved version after submission, whole (the incident's history).
  await tenant(db.schema.createTable('incident_versions'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('incident_versions_incident_version', ['incident_id', 'version'])
    .execute();

  // One row per student per incident, with the demographic snapshot as of the incident date and
  // the per-student CRDC outcomes derived from the officers' actions.
  await tenant(db.schema.createTable('incident_students'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull())
    .addColumn('section504', 'integer', (c) => c.notNull())
    .addColumn('english_learner', 'integer', (c) => c.notNull())
    .addColumn('referred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arrested', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('incident_students_incident').on('incident_students').column('incident_id').execute();
  await db.schema
    .createIndex('incident_students_year')
    .on('incident_students')
    .columns(['district_id', 'school_year', 'school_id'])
    .execute();
  await db.schema.createIndex('incident_students_student').on('incident_students').column('student_id').execute();

  await tenant(db.schema.createTable('sro_contacts'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('officer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('involvement', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    .addColumn('response_seconds', 'integer')
    .execute();
  await db.schema.createIndex('sro_contacts_incident').on('sro_contacts').column('incident_id').execute();
  await db.schema
    .createIndex('sro_contacts_officer')
    .on('sro_contacts')
    .columns(['district_id', 'officer_id', 'reported_at'])
    .execute();

  await tenant(db.schema.createTable('sro_actions'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('sro_contacts.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emergency_reason', 'text')
    .addColumn('parent_notified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sro_actions_incident').on('sro_actions').column('incident_id').execute();

  await tenant(db.schema.createTable('incident_reviews'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('student_id', 'text')
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_reviews_incident').on('incident_reviews').column('incident_id').execute();

  // Role-clarity flags: recomputed whenever the incident (or its reviews) change.
  await tenant(db.schema.createTable('incident_flags'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM of the incident date
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('clause', 'text')
    .addColumn('mou_version_id', 'text')
    .addColumn('behavior', 'text')
    .addColumn('action', 'text')
    .addColumn('student_id', 'text')
    .execute();
  await db.schema.createIndex('incident_flags_incident').on('incident_flags').column('incident_id').execute();

  // Monthly aggregates per school and officer, kept in step with every incident write so the
  // role-drift dashboard never scans raw incidents. `kind` '' holds the contact counts; each
  // flag kind has its own row.
  await db.schema
    .createTable('role_drift_monthly')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('routine_contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('classroom_contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('violations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arrests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referrals', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('role_drift_monthly_pk', ['district_id', 'month', 'school_id', 'officer_id'])
    .execute();
  await db.schema
    .createTable('role_drift_flags_monthly')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('role_drift_flags_monthly_pk', ['district_id', 'month', 'school_id', 'officer_id', 'kind'])
    .execute();

  // ---- FERPA 99.32 record of disclosures ------------------------------------------------------
  await tenant(db.schema.createTable('ferpa_disclosures'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('emergency_threat', 'text')
    .addColumn('disclosed_by', 'text') // null when disclosed from the CLI by the operator
    .addColumn('disclosed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ferpa_disclosures_district')
    .on('ferpa_disclosures')
    .columns(['district_id', 'disclosed_at'])
    .execute();
  await db.schema
    .createTable('ferpa_disclosure_students')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('ferpa_disclosures.id'))
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ferpa_disclosure_students_pk', ['disclosure_id', 'student_id'])
    .execute();
  await db.schema
    .createIndex('ferpa_disclosure_students_student')
    .on('ferpa_disclosure_students')
    .column('student_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ferpa_disclosure_students',
    'ferpa_disclosures',
    'role_drift_flags_monthly',
    'role_drift_monthly',
    'incident_flags',
    'incident_reviews',
    'sro_actions',
    'sro_contacts',
    'incident_students',
    'incident_versions',
    'incidents',
    'district_counters',
    'student_demographics',
    'students',
    'mou_reminders',
    'mou_signatures',
    'mou_signatories',
    'mou_versions',
    'mous',
  ])
    await db.schema.dropTable(t).execute();
}
