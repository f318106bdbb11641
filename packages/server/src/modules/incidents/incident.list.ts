import { type IncidentListQuerySchema, REFERRAL_ACTIONS, addDays, startOfLocalDay } from '@forefront/contract';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

type IncidentListQuery = z.infer<typeof IncidentListQuerySchema>;
export type IncidentFilter = (
  eb: ExpressionBuilder<Database & { i: Database['incidents'] }, 'i'>,
) => Expression<SqlBool>;

/**
 * One page of a district's incidents with the list's filters. `schoolIds` narrows a school-scoped
 * actor to their schools; `needToKnow` applies the MOU's information-sharing clause and FERPA 99.8.
 */
export async function findIncidentPage(
  db: Db,
  districtId: string,
  q: IncidentListQuery,
  opts: { schoolIds?: readonly string[]; needToKnow: IncidentFilter | null; timeZone: string },
) {
  let base = db.selectFrom('incidents as i').where('i.districtId', '=', districtId);
  if (opts.schoolIds)
    base = opts.schoolIds.length ? base.where('i.schoolId', 'in', opts.schoolIds) : base.where(sql<SqlBool>`1 = 0`);
  if (q.schoolId) base = base.where('i.schoolId', '=', q.schoolId);
  if (q.state) base = base.where('i.state', '=', q.state);
  // From and to are the district's calendar days: from its midnight to the midnight after `to`.
  if (q.from) base = base.where('i.occurredAt', '>=', startOfLocalDay(q.from, opts.timeZone));
  if (q.to) base = base.where('i.occurredAt', '<', startOfLocalDay(addDays(q.to, 1), opts.timeZone));
  if (q.behavior) base = base.where('i.behaviors', 'like', `%"${q.behavior}"%`);
  if (q.flagged) base = base.where('i.flagCount', q.flagged === 'true' ? '>' : '=', 0);
  const officerId = q.officerId;
  if (officerId)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sroContacts as oc')
          .select('oc.id')
          .whereRef('oc.incidentId', '=', 'i.id')
          .where('oc.officerId', '=', officerId),
      ),
    );
  if (opts.needToKnow) base = base.where(opts.needToKnow);
  const [items, total] = await Promise.all([
    base
      .innerJoin('schools as s', 's.id', 'i.schoolId')
      .selectAll('i')
      .select((eb) => [
        's.name as schoolName',
        eb
          .selectFrom('incidentStudents as cs')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('cs.incidentId', '=', 'i.id')
          .as('studentCount'),
        eb
          .exists(
            eb
              .selectFrom('sroActions as xa')
              .select('xa.id')
              .whereRef('xa.incidentId', '=', 'i.id')
              .where('xa.action', '=', 'arrested'),
          )
          .or(
            eb.exists(
              eb
                .selectFrom('outsideReferrals as xo')
                .select('xo.id')
                .whereRef('xo.incidentId', '=', 'i.id')
                .where('xo.kind', '=', 'arrest'),
            ),
          )
          .as('arrest'),
        eb
          .exists(
            eb
              .selectFrom('sroActions as xr')
              .select('xr.id')
              .whereRef('xr.incidentId', '=', 'i.id')
              .where('xr.action', 'in', [...REFERRAL_ACTIONS]),
          )
          .or(eb.exists(eb.selectFrom('outsideReferrals as xp').select('xp.id').whereRef('xp.incidentId', '=', 'i.id')))
          .as('referral'),
      ])
      .orderBy('i.occurredAt', 'desc')
      .orderBy('i.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
