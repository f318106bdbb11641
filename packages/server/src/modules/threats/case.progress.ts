import { type CaseStep, PROTOCOL_DEFS, type Protocol, classificationOf } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { CaseRow } from './case.access.js';

/**
 * Where each case stands in its protocol, computed for a page of cases in a few grouped queries
 * (never one query per case): steps done, the current step, the steps closure still needs, and
 * what is overdue (tasks and check-ins past due and not done, in the district's calendar).
 */
export interface CaseProgress {
  stepsDone: CaseStep[];
  step: CaseStep;
  stepsRequired: CaseStep[];
  overdue: number;
  nextDueOn: string | null;
}

type ProgressRow = Pick<
  CaseRow,
  | 'id'
  | 'protocol'
  | 'status'
  | 'idea'
  | 'section504'
  | 'iepCheckedAt'
  | 'classification'
  | 'severity'
  | 'screeningAt'
  | 'safetyPlanAt'
  | 'closedAt'
>;

async function countBy(db: Db, table: 'threatInterviews' | 'threatParentContacts', ids: string[]) {
  const rows = await db
    .selectFrom(table)
    .select((eb) => ['caseId', eb.fn.countAll().as('n')])
    .where('caseId', 'in', ids)
    .groupBy('caseId')
    .execute();
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}

export async function caseProgress(
  db: Db,
  rows: readonly ProgressRow[],
  today: string,
): Promise<Map<string, CaseProgress>> {
  const out = new Map<string, CaseProgress>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.id);
  const interviews = await countBy(db, 'threatInterviews', ids);
  const contacts = await countBy(db, 'threatParentContacts', ids);
  const tasks = await db
    .selectFrom('threatSafetyTasks')
    .select(['caseId', 'dueOn'])
    .where('caseId', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  const checkins = await db
    .selectFrom('threatCheckins')
    .select(['caseId', 'dueOn', 'doneAt'])
    .where('caseId', 'in', ids)
    .execute();
  for (const c of rows) {
    const pending = [
      ...tasks.filter((t) => t.caseId === c.id).map((t) => t.dueOn),
      ...checkins.filter((k) => k.caseId === c.id && k.doneAt === null).map((k) => k.dueOn),
    ].sort();
    const checkinsDone = checkins.some((k) => k.caseId === c.id && k.doneAt !== null);
    const def = c.classification ? classificationOf(c.protocol as Protocol, c.classification) : undefined;
    const hasPlan = Number(c.idea) === 1 || Number(c.section504) === 1;
    const done: Record<CaseStep, boolean> = {
      intake: true,
      interviews: (interviews.get(c.id) ?? 0) > 0,
      iep_check: c.iepCheckedAt !== null,
      classification: c.classification !== null,
      safety_evaluation: c.screeningAt !== null,
      safety_plan: c.safetyPlanAt !== null,
      monitoring: checkinsDone,
      parent_contact: (contacts.get(c.id) ?? 0) > 0,
      closure: c.closedAt !== null,
    };
    // A step applies unless the student has no IEP/504 (the check) or the classification does not require it.
    const applies = (s: CaseStep) => {
      if (s === 'iep_check') return hasPlan;
      if (s === 'safety_evaluation' || s === 'safety_plan' || s === 'monitoring')
        return def ? def.requires.includes(s) : true;
      return true;
    };
    const steps = PROTOCOL_DEFS[c.protocol as Protocol].steps;
    out.set(c.id, {
      stepsDone: steps.filter((s) => done[s]),
      step: steps.find((s) => applies(s) && !done[s]) ?? 'closure',
      stepsRequired: def ? def.requires.filter((s) => !done[s]) : [],
      overdue: c.status === 'open' ? pending.filter((d) => d < today).length : 0,
      nextDueOn: c.status === 'open' ? (pending[0] ?? null) : null,
    });
  }
  return out;
}
