import { type DistrictClock, type FlagKind, type IncidentInput, localMonth, schoolYearAt } from '@forefront/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit.service.js';
import { DriftAccumulator } from '../incident-import/import.aggregates.js';
import { driftContribution } from '../incidents/incident.derive.js';
import { publishedYears } from '../transparency/transparency.repository.js';
import { publishTransparency } from '../transparency/transparency.publish.js';
import { rebuildTransparency } from '../transparency/transparency.rebuild.js';
import { appliedKey, clockKey, clockOf } from './district.clock.js';
import { findDistrict } from './district.repository.js';

/** Incidents read per page: bounded memory whatever the district's size. */
const PAGE = 2000;

export interface ClockRecompute {
  districtId: string;
  clock: DistrictClock;
  /** Incidents whose school year changed. */
  incidentsMoved: number;
  republished: boolean;
}

/**
 * Everything a district's clock decides, recomputed after the zone or the school-year start
 * changed (issue 12.1): each incident's school year (incidents, incident_students: CRDC counts and
 * exports filter on it), each flag's month, the monthly role-drift aggregates (from the same
 * `driftContribution` every save uses), then the transparency figures (`rebuildTransparency`),
 * in one transaction that also records `clock_applied`; then, if the district had published, the
 * public figures go through the release ledger again (publishTransparency, its own transaction).
 *
 * Called by the settings change (district.service.ts updateDistrict) and at start for districts
 * whose stored figures were computed on another clock (`recomputePendingClocks`: the migration's
 * stated defaults, or a recompute a crash interrupted). Safe to run again: it derives everything
 * from the raw rows. Meant to run as a background job (issue 12.6) once the jobs module exists.
 */
export async function recomputeDistrictClock(
  ctx: AppContext,
  districtId: string,
  opts: { now?: Date } = {},
): Promise<ClockRecompute> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    // Two recomputes (or a recompute and a settings change) of one district must not interleave.
    if (ctx.dialect === 'postgres')
      await sql`select id from districts where id = ${districtId} for update`.execute(trx);
    const d = await trx.selectFrom('districts').selectAll().where('id', '=', districtId).executeTakeFirst();
    if (!d) throw new NotFoundError('District');
    const clock = clockOf(d);
    const incidentsMoved = await recomputeIncidentDates(trx, districtId, clock);
    await rebuildTransparency(trx, districtId);
    await trx
      .updateTable('districts')
      .set({ clockApplied: clockKey(clock) })
      .where('id', '=', districtId)
      .execute();
    const republish = (await publishedYears(trx, districtId)).length > 0;
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor: null, districtId },
      {
        kind: 'district.clock_recomputed',
        districtId,
        timeZone: clock.timeZone,
        schoolYearStart: clock.schoolYearStart,
        incidentsMoved,
        republished: republish,
      },
    );
    return { districtId, clock, incidentsMoved, republished: republish };
  });
  if (result.republished)
    await publishTransparency(ctx, null, districtId, { republishReleased: true, ...(opts.now && { now: opts.now }) });
  return result;
}

/** Districts whose stored figures were computed on another clock than their own, recomputed one by one. */
export async function recomputePendingClocks(ctx: AppContext): Promise<ClockRecompute[]> {
  const districts = await ctx.db
    .selectFrom('districts')
    .select(['id', 'timeZone', 'schoolYearStart', 'clockApplied'])
    .execute();
  const done: ClockRecompute[] = [];
  for (const d of districts)
    if (appliedKey(d) !== clockKey(clockOf(d))) done.push(await recomputeDistrictClock(ctx, d.id));
  return done;
}

/** Whether the district's stored figures are on its current clock (false while a recompute is due). */
export async function isClockApplied(db: Db, districtId: string): Promise<boolean> {
  const d = await findDistrict(db, districtId);
  return !!d && appliedKey(d) === clockKey(clockOf(d));
}

async function recomputeIncidentDates(trx: Db, districtId: string, clock: DistrictClock): Promise<number> {
  await trx.deleteFrom('roleDriftMonthly').where('districtId', '=', districtId).execute();
  await trx.deleteFrom('roleDriftFlagsMonthly').where('districtId', '=', districtId).execute();
  const drift = new DriftAccumulator();
  let moved = 0;
  let after = '';
  for (;;) {
    const incidents = await trx
      .selectFrom('incidents')
      .select(['id', 'schoolId', 'occurredAt', 'schoolYear', 'location'])
      .where('districtId', '=', districtId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (incidents.length === 0) break;
    after = incidents[incidents.length - 1]!.id;
    const ids = incidents.map((i) => i.id);
    const [contacts, actions, flags] = await Promise.all([
      trx
        .selectFrom('sroContacts')
        .select(['id', 'incidentId', 'officerId', 'purpose'])
        .where('incidentId', 'in', ids)
        .execute(),
      trx.selectFrom('sroActions').select(['contactId', 'action']).where('incidentId', 'in', ids).execute(),
      trx
        .selectFrom('incidentFlags')
        .select(['id', 'incidentId', 'officerId', 'kind', 'month'])
        .where('incidentId', 'in', ids)
        .execute(),
    ]);
    const actionsOf = groupBy(actions, (a) => a.contactId);
    const contactsOf = groupBy(contacts, (c) => c.incidentId);
    const flagsOf = groupBy(flags, (f) => f.incidentId);
    const newYear = new Map<string, string[]>();
    const newMonth = new Map<string, string[]>();
    for (const i of incidents) {
      const year = schoolYearAt(i.occurredAt, clock);
      if (year !== i.schoolYear) {
        moved += 1;
        push(newYear, year, i.id);
      }
      const month = localMonth(i.occurredAt, clock.timeZone);
      const ownFlags = flagsOf.get(i.id) ?? [];
      for (const f of ownFlags) if (f.month !== month) push(newMonth, month, f.id);
      const input = {
        schoolId: i.schoolId,
        occurredAt: i.occurredAt,
        location: i.location as IncidentInput['location'],
        contacts: (contactsOf.get(i.id) ?? []).map((c) => ({
          officerId: c.officerId,
          purpose: c.purpose as IncidentInput['contacts'][number]['purpose'],
          actions: (actionsOf.get(c.id) ?? []).map((a) => ({
            action: a.action as IncidentInput['contacts'][number]['actions'][number]['action'],
          })),
        })),
      } as Pick<IncidentInput, 'schoolId' | 'occurredAt' | 'location' | 'contacts'>;
      drift.add(
        driftContribution(
          input,
          ownFlags.map((f) => ({ officerId: f.officerId, kind: f.kind as FlagKind })),
          clock,
        ),
      );
    }
    for (const [year, yearIds] of newYear) {
      await trx.updateTable('incidents').set({ schoolYear: year }).where('id', 'in', yearIds).execute();
      await trx.updateTable('incidentStudents').set({ schoolYear: year }).where('incidentId', 'in', yearIds).execute();
    }
    for (const [month, flagIds] of newMonth)
      await trx.updateTable('incidentFlags').set({ month }).where('id', 'in', flagIds).execute();
  }
  await drift.write(trx, districtId);
  return moved;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) push(out, key(t), t);
  return out;
}
function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
