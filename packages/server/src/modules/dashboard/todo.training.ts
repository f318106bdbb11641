import { type Todo, addDays, can, scopeOf } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { cachedCompliance } from '../training/compliance.cache.js';
import { complianceOf } from '../training/compliance.compute.js';

/** An exception to the assignment gate is a to-do this many days before it ends. */
const EXCEPTION_NOTICE_DAYS = 30;

const countOf = (r: { n: string | number | bigint } | undefined) => Number(r?.n ?? 0);

interface District {
  id: string;
  state: string;
  schoolYearStart: string;
}

/**
 * Issue 14's to-dos: training records waiting for approval, assigned officers not compliant or about
 * to lapse (within what the reader may see: a principal's own schools), exceptions to the assignment
 * gate ending soon, and an officer's own training. Counts and the officer's own record only.
 */
export async function trainingTodos(db: Db, actor: Actor, d: District, today: string): Promise<Todo[]> {
  const resource = { districtId: d.id, state: d.state };
  const items: Todo[] = [];
  if (can(actor, 'training.approve', resource)) {
    const pending = await db
      .selectFrom('trainingRecords')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('districtId', '=', d.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (countOf(pending)) items.push({ kind: 'training_records_to_approve', count: countOf(pending) });
  }
  const scope = scopeOf(actor.role, 'compliance.read');
  if (scope !== 'none') {
    // The dashboard's cached results (validated against the tables on every read): the same numbers.
    const all = await cachedCompliance(db, d.id, { asOf: today, yearStart: d.schoolYearStart });
    const mine = all.filter(
      (o) =>
        o.officerStatus === 'active' &&
        o.schoolIds.length > 0 &&
        (scope !== 'school' || o.schoolIds.some((s) => actor.schoolIds.includes(s))),
    );
    const notCompliant = mine.filter((o) => o.result.status === 'not_compliant').length;
    const expiring = mine.filter((o) => o.result.status === 'expiring').length;
    if (notCompliant) items.push({ kind: 'officers_not_compliant', count: notCompliant });
    if (expiring) items.push({ kind: 'officers_expiring', count: expiring });
  }
  if (can(actor, 'assignment.exception', resource)) {
    const ending = await db
      .selectFrom('assignmentExceptions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('districtId', '=', d.id)
      .where('revokedAt', 'is', null)
      .where('expiresOn', '>=', today)
      .where('expiresOn', '<=', addDays(today, EXCEPTION_NOTICE_DAYS))
      .executeTakeFirst();
    if (countOf(ending)) items.push({ kind: 'exceptions_ending', count: countOf(ending) });
  }
  if (actor.role === 'sro') items.push(...(await ownTraining(db, actor, d, today)));
  return items;
}

/** An officer's own standing: what lapses or is due first, when it is not simply compliant. */
async function ownTraining(db: Db, actor: Actor, d: District, today: string): Promise<Todo[]> {
  const entry = await db
    .selectFrom('officers')
    .select('id')
    .where('districtId', '=', d.id)
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  if (!entry) return [];
  const [me] = await complianceOf(db, d.id, { asOf: today, yearStart: d.schoolYearStart, officerIds: [entry.id] });
  if (!me || me.result.status === 'compliant') return [];
  const first = me.result.reasons.find((r) => r.overdue) ?? me.result.reasons[0];
  return [
    {
      kind: 'own_training',
      count: me.result.reasons.length,
      overdue: me.result.status === 'not_compliant',
      ...(first?.params.date ? { dueDate: first.params.date } : {}),
    },
  ];
}
