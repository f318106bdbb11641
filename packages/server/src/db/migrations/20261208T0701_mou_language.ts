import type { Kysely } from 'kysely';

/**
 * Issue 13: MOU clauses in English and Spanish. `mou_versions.language` is the language a version's
 * text was written in, so the language it is signed in (a signature covers one version): the signed
 * text stays the authoritative one, and the pages and PDFs say which language that is when they show
 * a reader the library's translation. Every version written before this migration is English.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mou_versions')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mou_versions').dropColumn('language').execute();
}
