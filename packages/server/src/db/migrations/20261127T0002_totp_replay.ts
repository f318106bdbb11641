import type { Kysely } from 'kysely';

/**
 * NIST SP 800-63B 5.1.4.2: a one-time code is accepted only once. Remember the 30-second time step
 * of the last accepted TOTP code, so the same code (or an older one) cannot be replayed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
