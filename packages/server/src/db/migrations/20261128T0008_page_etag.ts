import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * Issue 4: each published page carries `etag`, a hash of its JSON, written with the page. A public
 * request reads this short value first and uses its process's cached copy (and gzip form) while it
 * matches, instead of reading the 14-16 KB report every time (transparency.http.ts). Pages already
 * published get theirs here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('transparency_pages')
    .addColumn('etag', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // The app's Kysely instance maps result columns to camelCase (CamelCasePlugin).
  const pages = (await db
    .selectFrom('transparency_pages')
    .select(['scope_id', 'school_year', 'payload'])
    .execute()) as unknown as { scopeId: string; schoolYear: string; payload: string }[];
  for (const p of pages) {
    // pageEtag (transparency.http.ts) written out: a migration must not change when app code does.
    const etag = createHash('sha256').update(p.payload).digest('base64url').slice(0, 32);
    await db
      .updateTable('transparency_pages')
      .set({ etag })
      .where('scope_id', '=', p.scopeId)
      .where('school_year', '=', p.schoolYear)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transparency_pages').dropColumn('etag').execute();
}
