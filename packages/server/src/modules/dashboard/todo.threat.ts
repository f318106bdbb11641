import { sql, type SqlBool } from 'kysely';
import { type Todo, addDays, scopeOf } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';

/** The coordinator is told about cases still unclassified this many days after they opened. */
export const UNCLASSIFIED_NOTICE_DAYS = 2;

const countOf = (r: { n: string | number | bigint } | undefined) => Number(r?.n ?? 0);

/**
 * Issue 15's to-dos. Team members: their own overdue safety-plan tasks, their check-ins due today or
 * earlier, and their teams' open cases waiting for classification or ready to close. The
 * coordinator: cases unclassified more than two days after they opened. Providers (support staff
 * linked to a provider of the directory): referrals waiting for follow-up. Counts only, within the
 * need-to-know (a member's own teams): no case is read, so nothing is audited.
 */
export async function threatTodos(db: Db, actor: Actor, districtId: string, today: string): Promise<Todo[]> {
  const items: Todo[] = [];
  const push = (kind: Todo['kind'], count: number, overdue?: boolean) => {
    if (count) items.push({ kind, count, ...(overdue !== undefined && { overdue }) });
  };
  if (scopeOf(actor.role, 'case.write') !== 'none') {
    const tasks = await db
      .selectFrom('threatSafetyTasks as t')
      .innerJoin('threatCases as c', 'c.id', 't.caseId')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('t.districtId', '=', districtId)
      .where('t.ownerId', '=', actor.userId)
      .where('t.status', '=', 'open')
      .where('t.dueOn', '<', today)
      .where('c.status', '=', 'open')
      .executeTakeFirst();
    push('threat_tasks_overdue', countOf(tasks));
    const checkins = await db
      .selectFrom('threatCheckins as k')
      .innerJoin('threatCases as c', 'c.id', 'k.caseId')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('k.dueOn').as('first')])
      .where('k.districtId', '=', districtId)
      .where('k.ownerId', '=', actor.userId)
      .where('k.doneAt', 'is', null)
      .where('k.dueOn', '<=', today)
      .where('c.status', '=', 'open')
      .executeTakeFirst();
    push('threat_checkins_due', countOf(checkins), !!checkins?.first && String(checkins.first) < today);
    items.push(...(await teamCases(db, actor, districtId)));
  }
  if (scopeOf(actor.role, 'case.write') === 'district') {
    const old = await db
      .selectFrom('threatCases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('districtId', '=', districtId)
      .where('status', '=', 'open')
      .where('classification', 'is', null)
      .where('openedAt', '<', `${addDays(today, -UNCLASSIFIED_NOTICE_DAYS)}T00:00:00.000Z`)
      .executeTakeFirst();
    push('threat_cases_unclassified', countOf(old), true);
  }
  // Whoever the directory links to a provider (support staff, usually): their caseload's waiting referrals.
  {
    const waiting = await db
      .selectFrom('supportReferrals as r')
      .innerJoin('supportProviders as p', 'p.id', 'r.providerId')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('r.followUpDueOn').as('first')])
      .where('r.districtId', '=', districtId)
      .where('p.userId', '=', actor.userId)
      .where('r.status', 'in', ['made', 'accepted'])
      .executeTakeFirst();
    push('referrals_awaiting_follow_up', countOf(waiting), !!waiting?.first && String(waiting.first) < today);
  }
  return items;
}

/**
 * Open cases of the teams the actor sits on: unclassified, and ready to close (every step the
 * classification requires is recorded: interviews and parent contact; for serious and very
 * serious cases the safety plan and a check-in done; for very serious ones the safety evaluation).
 */
async function teamCases(db: Db, actor: Actor, districtId: string): Promise<Todo[]> {
  const mine = db
    .selectFrom('threatTeamMembers')
    .select('teamId')
    .where('districtId', '=', districtId)
    .where('userId', '=', actor.userId);
  const base = db
    .selectFrom('threatCases as c')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.districtId', '=', districtId)
    .where('c.status', '=', 'open')
    .where('c.teamId', 'in', mine);
  const toClassify = await base.where('c.classification', 'is', null).executeTakeFirst();
  const has = (table: string, done = false) =>
    sql<SqlBool>`exists (select 1 from ${sql.table(table)} x where x.case_id = c.id${done ? sql` and x.done_at is not null` : sql``})`;
  const toClose = await base
    .where('c.classification', 'is not', null)
    .where(has('threat_interviews'))
    .where(has('threat_parent_contacts'))
    .where((eb) =>
      eb.or([
        eb('c.severity', '=', 'low'),
        eb.and([eb('c.safetyPlanAt', 'is not', null), has('threat_checkins', true)]),
      ]),
    )
    .where((eb) => eb.or([eb('c.severity', '<>', 'very_serious'), eb('c.screeningAt', 'is not', null)]))
    .executeTakeFirst();
  const out: Todo[] = [];
  if (countOf(toClassify)) out.push({ kind: 'threat_cases_to_classify', count: countOf(toClassify) });
  if (countOf(toClose)) out.push({ kind: 'threat_cases_to_close', count: countOf(toClose) });
  return out;
}
