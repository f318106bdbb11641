import { NTAC_THEMES, ROLES, scopeOf } from '@forefront/contract';
import { nowIso } from '../../src/db/database.js';
import { districtSealer } from '../../src/keys/district-key.js';
import { sealCtx } from '../../src/modules/threats/case.rules.js';
import { newId } from '../../src/shared/ids.js';
import type { ActionSpec, Item, MatrixModule, Target, World } from './types.js';
import { type ThreatTeamRef, matrixCase, matrixCtx, poolTarget, threatTeams } from './threat-world.js';

/**
 * Threat assessment cases (modules/threats). Need-to-know: off the case's team, a team-scoped
 * actor gets 404 in its own district (the expectations read NEED_TO_KNOW_ACTIONS). Steps that can
 * run once (close, a check-in done) take a fresh case or check-in from a pool at every request;
 * sign-offs are asked of the team the actors sit on (a sign-off comes from a member).
 */
const POOL = 30;
const refs: ThreatTeamRef[] = [];
const targets: Record<'cases' | 'ntac' | 'tasks' | 'checkinsDone' | 'close' | 'signoffs' | 'reports', Target[]> = {
  cases: [],
  ntac: [],
  tasks: [],
  checkinsDone: [],
  close: [],
  signoffs: [],
  reports: [],
};

async function childRows(kind: 'task' | 'checkin', t: ThreatTeamRef, caseId: string, n: number) {
  const ctx = matrixCtx!;
  const sealer = await districtSealer(ctx.db, ctx.config, t.districtId);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    const base = {
      id,
      districtId: t.districtId,
      caseId,
      ownerId: t.owner,
      dueOn: '2099-01-01',
      doneAt: null,
      createdAt: nowIso(),
    };
    if (kind === 'task') {
      const titleSealed = sealer.seal('Matrix task', sealCtx('threat_safety_tasks', 'title', id));
      await ctx.db
        .insertInto('threatSafetyTasks')
        .values({ ...base, titleSealed, status: 'open' })
        .execute();
    } else
      await ctx.db
        .insertInto('threatCheckins')
        .values({ ...base, noteSealed: null })
        .execute();
    ids.push(id);
  }
  return ids;
}

async function isMember(userId: string | undefined, caseId: unknown) {
  const ctx = matrixCtx!;
  const row = await ctx.db
    .selectFrom('threatCases as c')
    .innerJoin('threatTeamMembers as m', 'm.teamId', 'c.teamId')
    .select('c.id')
    .where('c.id', '=', String(caseId))
    .where('m.userId', '=', userId ?? '')
    .executeTakeFirst();
  return row !== undefined;
}

const step = (payload: (t: Target | null) => unknown, which: keyof typeof targets = 'cases'): ActionSpec => ({
  action: 'case.write',
  kind: 'item',
  targets: () => targets[which],
  payload,
  success: 200,
});

export const threatCasesMatrix: MatrixModule = {
  extend: async (_app, ctx, w: World) => {
    refs.push(...(await threatTeams(ctx, w)));
    for (const t of refs) {
      const res = t.resource;
      const id = await matrixCase(ctx, t);
      targets.cases.push({ label: `a case of a team ${t.label}`, resource: res, ids: { id, owner: t.owner } });
      const ntac = await matrixCase(ctx, t, { protocol: 'ntac' });
      targets.ntac.push({
        label: `an NTAC case of a team ${t.label}`,
        resource: res,
        ids: { id: ntac, theme: NTAC_THEMES[0] },
      });
      const [task] = await childRows('task', t, id, 1);
      targets.tasks.push({ label: `a task of a team ${t.label}`, resource: res, ids: { id, childId: task! } });
      targets.checkinsDone.push(
        poolTarget(
          `a check-in of a team ${t.label}`,
          res,
          { id },
          { childId: await childRows('checkin', t, id, POOL) },
        ),
      );
      const closable: string[] = [];
      for (let i = 0; i < ROLES.length + 2; i++) closable.push(await matrixCase(ctx, t, { closable: true }));
      targets.close.push(poolTarget(`a closable case of a team ${t.label}`, res, {}, { id: closable }));
      // A sign-off comes from a member: the team the actors sit on, and the other districts' (404 anyway).
      if (t.label !== 'the actor is not on')
        targets.signoffs.push({
          label: `a case of a team ${t.label}`,
          resource: res,
          ids: { id: await matrixCase(ctx, t) },
        });
      targets.reports.push({
        label: `a report at the school of a team ${t.label}`,
        resource: { districtId: res.districtId, state: res.state, schoolIds: res.schoolIds },
        ids: { id: t.districtId, school: t.schoolId, student: t.studentId },
      });
    }
  },
  specs: {
    'POST /api/districts/:id/threat-reports': {
      action: 'case.report',
      kind: 'item',
      targets: () => targets.reports,
      payload: (t) => ({ schoolId: t?.ids.school, studentId: t?.ids.student, concern: 'Matrix report' }),
      success: 201,
    },
    'GET /api/districts/:id/threat-cases': {
      action: 'case.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: async (item: Item, t, actor) => {
        const row = await matrixCtx!.db
          .selectFrom('threatCases')
          .select('districtId')
          .where('id', '=', String(item.id))
          .executeTakeFirst();
        if (row?.districtId !== t!.resource.districtId) return false;
        return scopeOf(actor.role, 'case.list') !== 'team' || isMember(actor.userId, item.id);
      },
    },
    // Counts, no case: the answer is an object of numbers (threat-cases.test.ts checks them).
    'GET /api/districts/:id/threat-cases/counts': {
      action: 'case.counts',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      contentType: 'application/json',
    },
    'GET /api/threat-cases/:id': { action: 'case.read', kind: 'item', targets: () => targets.cases, success: 200 },
    'POST /api/threat-cases/:id/interviews': step(() => ({
      intervieweeKind: 'witness',
      interviewee: 'A witness',
      interviewedAt: new Date().toISOString(),
      summary: 'Matrix summary',
    })),
    'POST /api/threat-cases/:id/iep-check': step(() => ({ note: 'Checked' })),
    'POST /api/threat-cases/:id/classification': step(() => ({
      classification: 'very_serious_substantive',
      rationale: 'Matrix rationale',
    })),
    'POST /api/threat-cases/:id/safety-evaluation': step(() => ({ screening: 'Screened', lawEnforcement: false })),
    'POST /api/threat-cases/:id/safety-plan': step(() => ({ plan: 'Matrix plan' })),
    'POST /api/threat-cases/:id/tasks': step((t) => ({
      title: 'Matrix task',
      ownerId: t?.ids.owner,
      dueOn: '2099-01-01',
    })),
    'PATCH /api/threat-cases/:id/tasks/:childId': step(() => ({ status: 'done' }), 'tasks'),
    'POST /api/threat-cases/:id/checkins': step((t) => ({ ownerId: t?.ids.owner, dueOn: '2099-01-01' })),
    'POST /api/threat-cases/:id/checkins/:childId/done': step(() => ({ note: 'Seen' }), 'checkinsDone'),
    'POST /api/threat-cases/:id/parent-contacts': step(() => ({
      contactedAt: new Date().toISOString(),
      method: 'phone',
    })),
    'POST /api/threat-cases/:id/notes': step(() => ({ body: 'Matrix note' })),
    'PUT /api/threat-cases/:id/themes/:theme': step(() => ({ finding: 'Matrix finding' }), 'ntac'),
    'POST /api/threat-cases/:id/signoffs': step(() => ({}), 'signoffs'),
    'POST /api/threat-cases/:id/close': step(() => ({ outcome: 'support_only', summary: 'Matrix closure' }), 'close'),
  },
};
