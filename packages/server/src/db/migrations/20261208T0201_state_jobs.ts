import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Issue 13: a state viewer loads the federal CRDC files of their state from the browser, as a job.
 * Such a job belongs to a state, not to a district: `jobs.district_id` may be null, and `jobs.state`
 * (two-letter code) names the state of a state job (null for a district's job). Exactly one is set.
 *
 * PostgreSQL drops the NOT NULL in place. SQLite cannot, so the table is rebuilt (SQLite's
 * documented procedure, https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off
 * (SQLite migrations run outside a transaction, so the pragma applies), the new table, the rows
 * copied, the old table dropped and the new one renamed; job_inputs and job_files keep naming
 * `jobs` and so point at the new table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table jobs alter column district_id drop not null`.execute(db);
    await db.schema.alterTable('jobs').addColumn('state', 'text').execute();
  } else {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      await db.schema
        .createTable('jobs_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('district_id', 'text', (c) => c.references('districts.id'))
        .addColumn('state', 'text')
        .addColumn('requested_by', 'text', (c) => c.references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text')
        .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('rerun_of', 'text', (c) => c.references('jobs.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      const columns = sql.raw(
        'id, kind, district_id, requested_by, status, phase, percent, cancel_requested, result, error_code, ' +
          'error_message, rerun_of, created_at, started_at, finished_at, updated_at',
      );
      await sql`insert into jobs_new (${columns}) select ${columns} from jobs`.execute(db);
      await db.schema.dropTable('jobs').execute();
      await db.schema.alterTable('jobs_new').renameTo('jobs').execute();
      await db.schema.createIndex('jobs_district_created').on('jobs').columns(['district_id', 'created_at']).execute();
      await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('jobs rebuild left foreign keys broken');
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  }
  await db.schema.createIndex('jobs_state_created').on('jobs').columns(['state', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_state_created').execute();
  // State jobs have no district to keep them under.
  await db
    .deleteFrom('job_inputs')
    .where('job_id', 'in', db.selectFrom('jobs').select('id').where('state', 'is not', null))
    .execute();
  await db
    .deleteFrom('job_files')
    .where('job_id', 'in', db.selectFrom('jobs').select('id').where('state', 'is not', null))
    .execute();
  await db.deleteFrom('jobs').where('state', 'is not', null).execute();
  await db.schema.alterTable('jobs').dropColumn('state').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table jobs alter column district_id set not null`.execute(db);
}
