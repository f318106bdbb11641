import type { Kysely } from 'kysely';

/**
 * Issue 4: the public transparency figures (docs/transparency.md).
 *
 * - `transparency_students`: one row per student per school year per school, with how many of the
 *   year's incidents referred or arrested them and their demographics (as of their latest incident
 *   that year). The distinct-student counts are computed from it, never from raw incidents.
 * - `transparency_counts`: every count the public report is built from, per district, school year
 *   and school, long format: (measure, key) -> value. Kept in step with every incident write (and
 *   the bulk import, and a roster snapshot for enrollment) in the same transaction.
 * - `transparency_pages`: the rendered public report (JSON, after suppression) per scope (the
 *   district or a school) and school year, written when figures are published. A public request
 *   reads one row: it never touches incidents, students or the suppression engine.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transparency_students')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('race', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('idea', 'integer', (c) => c.notNull())
    .addColumn('section504', 'integer', (c) => c.notNull())
    .addColumn('english_learner', 'integer', (c) => c.notNull())
    .addColumn('referrals', 'integer', (c) => c.notNull())
    .addColumn('arrests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('transparency_students_pk', ['district_id', 'school_year', 'school_id', 'student_id'])
    .execute();

  await db.schema
    .createTable('transparency_counts')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('transparency_counts_pk', ['district_id', 'school_year', 'measure', 'key', 'school_id'])
    .execute();

  await db.schema
    .createTable('transparency_pages')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull()) // the district's id or a school's id
    .addColumn('payload', 'text', (c) => c.notNull()) // TransparencyReport as JSON
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transparency_pages_pk', ['scope_id', 'school_year'])
    .execute();
  await db.schema
    .createIndex('transparency_pages_district')
    .on('transparency_pages')
    .columns(['district_id', 'school_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['transparency_pages', 'transparency_counts', 'transparency_students'])
    await db.schema.dropTable(t).execute();
}
