import type { Kysely } from 'kysely';

/**
 * Issue 12 item 5: signatures that are what they say.
 *
 * - `mou_signatures.method`: how the signature was made. Rows written before this migration were
 *   typed in by a district administrator for any signatory, so they are `staff_entered`: the record
 *   shows that nobody proved the signatory signed. New rows are `electronic_account` (the signatory,
 *   signed in as themselves), `electronic_link` (an outside signatory through a one-time mailed link,
 *   after a code sent to `signer_email`) or `paper` (a wet-ink page, scanned and recorded by
 *   `recorded_by`). For a link signature `recorded_by` is the staff member who sent the link.
 * - `mou_signature_scans`: the scanned page of a paper signature. Kept in the database (base64 text,
 *   a portable type like every column here) rather than in the data directory, so it is written in the
 *   signature's transaction, travels with every backup and restore, and carries its district like
 *   every other row. The upload limit keeps rows small (limits in the contract).
 * - `mou_signing_links`: one-time links for outside signatories. Only hashes of the token and of the
 *   mailed code are stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mou_signatures')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('staff_entered'))
    .execute();
  await db.schema.alterTable('mou_signatures').addColumn('signer_email', 'text').execute();

  await db.schema
    .createTable('mou_signature_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('signature_id', 'text', (c) => c.notNull().unique().references('mou_signatures.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mou_signing_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('mou_id', 'text', (c) => c.notNull().references('mous.id'))
    .addColumn('mou_version_id', 'text', (c) => c.notNull().references('mou_versions.id'))
    .addColumn('signatory_id', 'text', (c) => c.notNull().references('mou_signatories.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('codes_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mou_signing_links_signatory').on('mou_signing_links').column('signatory_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mou_signing_links').execute();
  await db.schema.dropTable('mou_signature_scans').execute();
  await db.schema.alterTable('mou_signatures').dropColumn('signer_email').execute();
  await db.schema.alterTable('mou_signatures').dropColumn('method').execute();
}
