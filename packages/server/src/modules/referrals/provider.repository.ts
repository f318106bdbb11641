import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SupportProviderTable } from './referral.table.js';

/** Statuses that still hold a place in a provider's caseload (not completed, not declined). */
export const OPEN_STATUSES = ['made', 'accepted', 'first_contact', 'ongoing'] as const;

/** The district's providers with their open referrals, active ones first, by name. */
export async function findProviders(db: Db, districtId: string) {
  const rows = await db
    .selectFrom('supportProviders as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('supportReferrals')
          .select(['providerId', (e) => e.fn.countAll<number | string>().as('n')])
          .where('districtId', '=', districtId)
          .where('status', 'in', [...OPEN_STATUSES])
          .groupBy('providerId')
          .as('o'),
      (join) => join.onRef('o.providerId', '=', 'p.id'),
    )
    .selectAll('p')
    .select((eb) => eb.fn.coalesce('o.n', sql<number>`0`).as('openReferrals'))
    .where('p.districtId', '=', districtId)
    .orderBy('p.active', 'desc')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, openReferrals: Number(r.openReferrals) }));
}

export const findProvider = (db: Db, id: string) =>
  db.selectFrom('supportProviders').selectAll().where('id', '=', id).executeTakeFirst();

export async function openReferralsOf(db: Db, providerId: string): Promise<number> {
  const row = await db
    .selectFrom('supportReferrals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('providerId', '=', providerId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const insertProvider = (db: Db, row: Insertable<SupportProviderTable>) =>
  db.insertInto('supportProviders').values(row).execute();

export const updateProvider = (db: Db, id: string, patch: Updateable<SupportProviderTable>) =>
  db.updateTable('supportProviders').set(patch).where('id', '=', id).execute();

/** A support staff account of the district, which a provider entry may be linked to. */
export const findSupportStaff = (db: Db, districtId: string, userId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('id', '=', userId)
    .where('districtId', '=', districtId)
    .where('role', '=', 'support_staff')
    .executeTakeFirst();
