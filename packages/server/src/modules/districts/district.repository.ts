import { type Insertable, type Updateable, sql } from 'kysely';
import { compiledQuery } from '../../db/compiled.js';
import type { Db } from '../../db/database.js';
import { epochCacheOf } from '../../db/epoch-cache.js';
import type { DistrictRow, DistrictTable, SchoolTable } from './district.table.js';

const districtById = compiledQuery((db: Db, id: string) => db.selectFrom('districts').selectAll().where('id', '=', id));

/**
 * On nearly every request: compiled once (db/compiled.ts), and kept per process under the access
 * epoch (db/epoch-cache.ts) where there is one. The row comes back frozen either way, so code
 * that works on SQLite's copy works the same on PostgreSQL's fresh read.
 */
export async function findDistrict(db: Db, id: string): Promise<Readonly<DistrictRow> | undefined> {
  const cache = epochCacheOf<DistrictRow>(db, 'districts');
  const epoch = cache ? cache.currentEpoch() : 0;
  const hit = cache?.get(id);
  if (hit) return hit;
  const row = (await districtById(db, id))[0];
  if (row && cache) cache.keep(id, row, epoch);
  return row && Object.freeze(row);
}

export const findDistrictByLeaId = (db: Db, ncesLeaId: string) =>
  db.selectFrom('districts').selectAll().where('ncesLeaId', '=', ncesLeaId).executeTakeFirst();

export const countDistricts = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('districts')
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertDistrict = (db: Db, row: Insertable<DistrictTable>) =>
  db.insertInto('districts').values(row).execute();

export const updateDistrict = (db: Db, id: string, patch: Updateable<DistrictTable>) =>
  db.updateTable('districts').set(patch).where('id', '=', id).execute();

export async function findDistrictsInState(db: Db, state: string, limit: number, offset: number) {
  const base = db.selectFrom('districts').where('state', '=', state);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('name').limit(limit).offset(offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const findAllDistricts = (db: Db) =>
  db.selectFrom('districts').select(['id', 'name', 'state', 'ncesLeaId']).orderBy('state').orderBy('name').execute();

export const findSchool = (db: Db, id: string) =>
  db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();

export const findSchoolByNcesId = (db: Db, ncesSchoolId: string) =>
  db.selectFrom('schools').selectAll().where('ncesSchoolId', '=', ncesSchoolId).executeTakeFirst();

/** Schools of a district; `onlyIds` narrows to an actor's assigned schools (school scope). */
export async function findSchools(
  db: Db,
  districtId: string,
  page: { limit: number; offset: number },
  onlyIds?: readonly string[],
) {
  let base = db.selectFrom('schools').where('districtId', '=', districtId);
  if (onlyIds) base = onlyIds.length ? base.where('id', 'in', onlyIds) : base.where(sql<boolean>`1 = 0`);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const findAllSchools = (db: Db, districtId: string) =>
  db.selectFrom('schools').selectAll().where('districtId', '=', districtId).orderBy('name').execute();

export async function countSchoolsIn(db: Db, districtId: string, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('schools')
    .select(sql<string>`count(*)`.as('n'))
    .where('districtId', '=', districtId)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const insertSchool = (db: Db, row: SchoolTable) => db.insertInto('schools').values(row).execute();

export const updateSchool = (db: Db, id: string, patch: Partial<SchoolTable>) =>
  db.updateTable('schools').set(patch).where('id', '=', id).execute();
