import { DEFAULT_CREDENTIAL_TYPES } from '@forefront/contract';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { TrainingCourseTable, TrainingCredentialTypeTable } from './training.table.js';

export interface CredentialType {
  key: string;
  nameEn: string;
  nameEs: string;
  validityMonths: number | null;
  /** false: one of the contract's defaults the district has not changed. */
  saved: boolean;
}

/**
 * The district's credential types: the contract's defaults, overridden or added to by the
 * district's own rows (keyed by `key`). Records read a type's validity to fill in an expiry.
 */
export async function credentialTypesOf(db: Db, districtId: string): Promise<CredentialType[]> {
  const rows = await db
    .selectFrom('trainingCredentialTypes')
    .select(['key', 'nameEn', 'nameEs', 'validityMonths'])
    .where('districtId', '=', districtId)
    .execute();
  const byKey = new Map<string, CredentialType>(
    DEFAULT_CREDENTIAL_TYPES.map((d) => [
      d.key,
      { key: d.key, nameEn: d.en, nameEs: d.es, validityMonths: d.validityMonths, saved: false },
    ]),
  );
  for (const r of rows) byKey.set(r.key, { ...r, validityMonths: r.validityMonths, saved: true });
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Issue 14 item 2: one district's own credential type row by key, for an update or an insert. */
export async function findOwnCredentialType(db: Db, districtId: string, key: string) {
  return db
    .selectFrom('trainingCredentialTypes')
    .select(['id'])
    .where('districtId', '=', districtId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertCredentialType(db: Db, row: Insertable<TrainingCredentialTypeTable>): Promise<void> {
  await db.insertInto('trainingCredentialTypes').values(row).execute();
}

export async function updateCredentialType(
  db: Db,
  id: string,
  set: Pick<TrainingCredentialTypeTable, 'nameEn' | 'nameEs' | 'validityMonths'>,
): Promise<void> {
  await db.updateTable('trainingCredentialTypes').set(set).where('id', '=', id).execute();
}

export async function findCourse(db: Db, id: string) {
  return db.selectFrom('trainingCourses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of the district's courses, active first, then by title. */
export async function findCourses(
  db: Db,
  districtId: string,
  q: { active?: boolean; limit: number; offset: number },
): Promise<{ rows: TrainingCourseTable[]; total: number }> {
  let base = db.selectFrom('trainingCourses').where('districtId', '=', districtId);
  if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('active', 'desc').orderBy('title').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertCourse(db: Db, row: TrainingCourseTable): Promise<void> {
  await db.insertInto('trainingCourses').values(row).execute();
}

export async function updateCourse(db: Db, id: string, set: Partial<Omit<TrainingCourseTable, 'id' | 'districtId'>>) {
  await db.updateTable('trainingCourses').set(set).where('id', '=', id).execute();
}
