import type { Insertable, Selectable } from 'kysely';
import { MouLanguageSchema } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { MouReminderTable, MouSignatoryTable, MouSignatureTable, MouTable, MouVersionTable } from './mou.table.js';

export type MouRow = Selectable<MouTable>;
export type SignatoryRow = Selectable<MouSignatoryTable>;
export type SignatureRow = Selectable<MouSignatureTable>;

export const findMou = (db: Db, id: string) =>
  db.selectFrom('mous').selectAll().where('id', '=', id).executeTakeFirst();

export const findMousOfDistrict = (db: Db, districtId: string) =>
  db
    .selectFrom('mous')
    .selectAll()
    .where('districtId', '=', districtId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();

export const findAllMous = (db: Db) =>
  db.selectFrom('mous').selectAll().orderBy('districtId').orderBy('createdAt').execute();

export const findVersions = (db: Db, mouIds: readonly string[]) =>
  mouIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('mouVersions').selectAll().where('mouId', 'in', mouIds).orderBy('version').execute();

export const findSignatories = (db: Db, mouIds: readonly string[]) =>
  mouIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('mouSignatories')
        .selectAll()
        .where('mouId', 'in', mouIds)
        .orderBy('createdAt')
        .orderBy('id')
        .execute();

export const findSignatures = (db: Db, versionIds: readonly string[]) =>
  versionIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('mouSignatures').selectAll().where('mouVersionId', 'in', versionIds).orderBy('signedAt').execute();

export const insertMou = (db: Db, row: Insertable<MouTable>) => db.insertInto('mous').values(row).execute();

/**
 * Touching the MOU row first in a write transaction takes its row lock on PostgreSQL, so two
 * concurrent new versions (or signatures) of one MOU queue instead of racing for a version number.
 */
export const touchMou = (db: Db, id: string, at: string) =>
  db.updateTable('mous').set({ updatedAt: at }).where('id', '=', id).execute();

export const latestVersionNumber = async (db: Db, mouId: string) =>
  Number(
    (
      await db
        .selectFrom('mouVersions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('mouId', '=', mouId)
        .executeTakeFirst()
    )?.v ?? 0,
  );

export const insertVersion = (db: Db, row: Insertable<MouVersionTable>) =>
  db.insertInto('mouVersions').values(row).execute();

export const insertSignatory = (db: Db, row: Insertable<MouSignatoryTable>) =>
  db.insertInto('mouSignatories').values(row).execute();

export const updateSignatory = (
  db: Db,
  id: string,
  patch: Partial<Pick<MouSignatoryTable, 'name' | 'title' | 'email' | 'active'>>,
) => db.updateTable('mouSignatories').set(patch).where('id', '=', id).execute();

export const findSignatory = (db: Db, id: string) =>
  db.selectFrom('mouSignatories').selectAll().where('id', '=', id).executeTakeFirst();

export const findSignature = (db: Db, mouVersionId: string, signatoryId: string) =>
  db
    .selectFrom('mouSignatures')
    .selectAll()
    .where('mouVersionId', '=', mouVersionId)
    .where('signatoryId', '=', signatoryId)
    .executeTakeFirst();

export const insertSignature = (db: Db, row: Insertable<MouSignatureTable>) =>
  db.insertInto('mouSignatures').values(row).execute();

/** The active district administrators: who gets the annual review reminders. */
export const findDistrictAdmins = (db: Db, districtId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'displayName'])
    .where('districtId', '=', districtId)
    .where('role', '=', 'district_admin')
    .where('disabled', '=', 0)
    .orderBy('email')
    .execute();

/** Records a reminder once; false when this kind was already sent for this version (unique key). */
export async function claimReminder(db: Db, row: Insertable<MouReminderTable>): Promise<boolean> {
  const r = await db
    .insertInto('mouReminders')
    .values(row)
    .onConflict((oc) => oc.columns(['mouVersionId', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export const findRemindersOf = (db: Db, versionIds: readonly string[]) =>
  versionIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('mouReminders').selectAll().where('mouVersionId', 'in', versionIds).execute();

/** The language a version's text is written in (undefined when there is no such version). */
export const versionLanguage = async (db: Db, mouId: string, version: number) => {
  const row = await db
    .selectFrom('mouVersions')
    .select('language')
    .where('mouId', '=', mouId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? MouLanguageSchema.catch('en').parse(row.language) : undefined;
};
