import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Issue 12.6: long work as durable jobs, and the public report PDF made once per publication.
 *
 * `jobs`: one row per run of an import, export, publish or rebuild (modules/jobs); `result` is its
 * JSON summary. `job_inputs` holds what a job needs to run (an import's CSV), kept until it
 * succeeds so a failed or interrupted job can be run again; `job_files` a job's downloadable
 * result (an export's text). Both apart from `jobs`: SQLite stores a long value in a chain of
 * overflow pages and walks it to reach any column after it, so a 300 MB input in the row made
 * every read of the job's status walk 300 MB (measured: bench/jobs-latency.ts).
 *
 * `transparency_report_files`: the rendered annual PDF per page, language and page ETag (the
 * ETag changes with every publication that changes the page), so the PDF is made once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
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
  await db.schema.createIndex('jobs_district_created').on('jobs').columns(['district_id', 'created_at']).execute();
  await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
  await db.schema
    .createTable('job_inputs')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('jobs.id'))
    .addColumn('input', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('job_files')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('jobs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('transparency_report_files')
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transparency_report_files_pk', ['scope_id', 'school_year', 'lang'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transparency_report_files').execute();
  await db.schema.dropTable('job_files').execute();
  await db.schema.dropTable('job_inputs').execute();
  await db.schema.dropTable('jobs').execute();
}
