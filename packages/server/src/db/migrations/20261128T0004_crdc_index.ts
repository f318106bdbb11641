import { type Kysely, sql } from 'kysely';

/**
 * The CRDC export counts referred students per school and year with one GROUP BY over
 * incident_students. A partial index of only the referred rows, holding every column the count
 * reads, in GROUP BY order, lets both databases answer from the index alone without a sort
 * (docs/benchmarks.md: 2.9 s before, for one district-year of a million incidents).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('incident_students_crdc')
    .on('incident_students')
    .columns([
      'district_id',
      'school_year',
      'school_id',
      'student_id',
      'arrested',
      'race',
      'sex',
      'idea',
      'section504',
      'english_learner',
    ])
    .where(sql.ref('referred'), '=', 1)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incident_students_crdc').execute();
}
