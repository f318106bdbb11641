import { sql, type SqlBool } from 'kysely';
import { type Todo, type TodoList, can, localDate, schoolYearAt, scopeOf } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { clockOf } from '../districts/district.clock.js';
import { needToKnowFilter } from '../incidents/incident.access.js';
import { JOB_KINDS } from '../jobs/job.kinds.js';
import * as mouRepo from '../mous/mou.repository.js';
import { reminderKind, todayIso } from '../mous/mou.status.js';
import { loadBundles } from '../mous/mou.view.js';
import { trainingTodos } from './todo.training.js';
import { threatTodos } from './todo.threat.js';
import { yearsWithCounts } from '../transparency/transparency.repository.js';

/** The job kinds that load data into the district: a failed one is a to-do until it is run again. */
const IMPORT_ACTIONS = new Set(['incident.import', 'student.import', 'crdc.import']);
/** A failed import older than this is no longer a to-do (its job stays on the jobs page). */
const FAILED_IMPORT_DAYS = 30;

const countOf = (r: { n: string | number | bigint } | undefined) => Number(r?.n ?? 0);

type Resource = { districtId: string; state: string };

/**
 * Incidents in the actor's view (the incident list's scope: the actor's schools when school-scoped,
 * narrowed by need-to-know) in the given states, optionally only those the role-clarity engine flagged.
 */
async function countIncidents(
  db: Db,
  actor: Actor,
  districtId: string,
  opts: { states: string[]; flagged?: boolean; scope: 'school' | 'district' },
) {
  let q = db
    .selectFrom('incidents as i')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('i.districtId', '=', districtId)
    .where('i.state', 'in', opts.states);
  if (opts.scope === 'school')
    q = actor.schoolIds.length ? q.where('i.schoolId', 'in', actor.schoolIds) : q.where(sql<SqlBool>`1 = 0`);
  if (opts.flagged) q = q.where('i.flagCount', '>', 0);
  const needToKnow = await needToKnowFilter(db, actor, districtId);
  if (needToKnow) q = q.where(needToKnow);
  return countOf(await q.executeTakeFirst());
}

const incidentScope = (actor: Actor, action: 'incident.review' | 'incident.list') =>
  scopeOf(actor.role, action) === 'school' ? 'school' : 'district';

async function mouReviews(db: Db, districtId: string, today: string): Promise<Todo[]> {
  const bundles = await loadBundles(db, await mouRepo.findMousOfDistrict(db, districtId), today);
  const out: Todo[] = [];
  for (const b of bundles) {
    const v = b.standing.inForce;
    const due = v && reminderKind(v.reviewDate, today);
    if (!v || !due) continue;
    out.push({
      kind: 'mou_review',
      count: 1,
      mouId: b.mou.id,
      title: b.mou.title,
      dueDate: v.reviewDate,
      overdue: due === 'review_overdue',
    });
  }
  return out;
}

async function pendingInvitations(db: Db, districtId: string, now: string) {
  return countOf(
    await db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('districtId', '=', districtId)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', now)
      .executeTakeFirst(),
  );
}

/** The school year that ended last, when it has figures from incidents and no published report. */
async function unpublishedEndedYear(db: Db, d: Resource & { timeZone: string; schoolYearStart: string }) {
  const current = schoolYearAt(new Date(), clockOf(d));
  const start = Number(current.slice(0, 4)) - 1;
  const ended = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  if (!(await yearsWithCounts(db, d.districtId)).includes(ended)) return null;
  const page = await db
    .selectFrom('transparencyPages')
    .select('schoolYear')
    .where('scopeId', '=', d.districtId)
    .where('schoolYear', '=', ended)
    .executeTakeFirst();
  return page ? null : ended;
}

async function failedImports(db: Db, actor: Actor, resource: Resource, now: Date) {
  const kinds = Object.entries(JOB_KINDS)
    .filter(([, k]) => IMPORT_ACTIONS.has(k.action) && can(actor, k.action, resource))
    .map(([name]) => name);
  if (kinds.length === 0) return 0;
  const since = new Date(now.getTime() - FAILED_IMPORT_DAYS * 86_400_000).toISOString();
  return countOf(
    await db
      .selectFrom('jobs as j')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('j.districtId', '=', resource.districtId)
      .where('j.kind', 'in', kinds)
      // Failed, or ended refusing its file (an import is all or nothing: a wrong value imports nothing).
      .where((eb) =>
        eb.or([
          eb('j.status', '=', 'failed'),
          eb.and([eb('j.status', '=', 'done'), eb('j.result', 'like', '%"accepted":false%')]),
        ]),
      )
      .where('j.createdAt', '>=', since)
      // Run again (whatever became of the rerun): no longer waiting for anyone.
      .where((eb) => eb.not(eb.exists(eb.selectFrom('jobs as r').select('r.id').whereRef('r.rerunOf', '=', 'j.id'))))
      .executeTakeFirst(),
  );
}

async function exists(q: Promise<unknown>) {
  return (await q) !== undefined;
}

/** The getting-started checklist: each step is done when the data says so. */
async function gettingStarted(db: Db, districtId: string, today: string): Promise<TodoList['gettingStarted']> {
  const first = (table: 'schools' | 'students' | 'trainingStandards' | 'transparencyPages') =>
    db.selectFrom(table).select('districtId').where('districtId', '=', districtId).limit(1).executeTakeFirst();
  const bundles = await loadBundles(db, await mouRepo.findMousOfDistrict(db, districtId), today);
  const others = db
    .selectFrom('users')
    .select('id')
    .where('districtId', '=', districtId)
    .where('role', '<>', 'district_admin')
    .limit(1)
    .executeTakeFirst();
  return [
    { step: 'schools', done: await exists(first('schools')) },
    { step: 'people', done: await exists(others) },
    { step: 'mou', done: bundles.some((b) => b.standing.inForce !== null) },
    { step: 'roster', done: await exists(first('students')) },
    { step: 'training', done: await exists(first('trainingStandards')) },
    { step: 'publication', done: await exists(first('transparencyPages')) },
  ];
}

/**
 * The dashboard's to-dos for this person: each kind only for people whose policy lets them do it,
 * counted within what they may see (their schools, their incidents). Counts only: no student record
 * is read, so nothing is audited.
 */
export async function listTodos(ctx: AppContext, actor: Actor, districtId: string): Promise<TodoList> {
  const d = await loadDistrictFor(ctx.db, actor, 'district.read', districtId);
  const resource: Resource = { districtId: d.id, state: d.state };
  const db = ctx.db;
  const now = new Date();
  const today = todayIso(now);
  // A state viewer reads the district from outside: no district work is theirs.
  const inDistrict = actor.districtId === d.id;
  const items: Todo[] = [];
  if (!inDistrict) return { id: d.id, items, gettingStarted: null };

  if (can(actor, 'mou.write', resource)) items.push(...(await mouReviews(db, d.id, today)));
  if (scopeOf(actor.role, 'incident.review') !== 'none') {
    const count = await countIncidents(db, actor, d.id, {
      states: ['submitted'],
      scope: incidentScope(actor, 'incident.review'),
    });
    if (count) items.push({ kind: 'incidents_to_review', count });
  }
  // Flags on incidents still open (drafts and those waiting for review): to look at before they are closed.
  if (scopeOf(actor.role, 'incident.list') !== 'none' && scopeOf(actor.role, 'incident.update') !== 'none') {
    const count = await countIncidents(db, actor, d.id, {
      states: ['draft', 'submitted'],
      flagged: true,
      scope: incidentScope(actor, 'incident.list'),
    });
    if (count) items.push({ kind: 'flagged_incidents', count });
  }
  if (can(actor, 'invitation.list', resource)) {
    const count = await pendingInvitations(db, d.id, now.toISOString());
    if (count) items.push({ kind: 'pending_invitations', count });
  }
  if (can(actor, 'transparency.publish', resource)) {
    const year = await unpublishedEndedYear(db, {
      ...resource,
      timeZone: d.timeZone,
      schoolYearStart: d.schoolYearStart,
    });
    if (year) items.push({ kind: 'unpublished_year', count: 1, schoolYear: year });
  }
  if (can(actor, 'job.list', resource)) {
    const count = await failedImports(db, actor, resource, now);
    if (count) items.push({ kind: 'failed_imports', count });
  }
  items.push(...(await trainingTodos(db, actor, d, localDate(now, d.timeZone))));
  items.push(...(await threatTodos(db, actor, d.id, localDate(now, d.timeZone))));
  return {
    id: d.id,
    items,
    gettingStarted: can(actor, 'district.update', resource) ? await gettingStarted(db, d.id, today) : null,
  };
}
