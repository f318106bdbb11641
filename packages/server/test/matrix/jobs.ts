import { nowIso } from '../../src/db/database.js';
import type { MatrixModule, Target } from './types.js';

/**
 * The job routes (see policy-matrix.test.ts). Each district gets a finished CRDC export job with
 * its file, a queued one (cancelled by an allowed request) and a failed one (run again by an
 * allowed request). CRDC export is a kind every role with `job.*` may run, so the kind's own
 * policy narrows the table's answer only for the training coordinator (issue 14: it runs transcript
 * imports, not exports), said by `alsoNeeds`; jobs.test.ts checks kinds beyond an actor. A done
 * transcript import per district gives the coordinator's list something to show.
 */
const jobTargets = (w: { extra: Record<string, Target[]> }, name: string) => w.extra[name]!;

export const jobsMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    const at = nowIso();
    for (const status of ['done', 'queued', 'failed'] as const) {
      w.extra[`job-${status}`] = [];
      for (const t of w.districtTargets) {
        const id = `matrix-job-${status}-${t.resource.districtId}`;
        await ctx.db
          .insertInto('jobs')
          .values({
            id,
            kind: 'crdc.export',
            districtId: t.resource.districtId,
            requestedBy: null,
            status,
            percent: status === 'done' ? 100 : 0,
            cancelRequested: 0,
            result: status === 'done' ? '{}' : null,
            errorCode: status === 'failed' ? 'job_interrupted' : null,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        await ctx.db.insertInto('jobInputs').values({ jobId: id, input: '{}' }).execute();
        if (status === 'done')
          await ctx.db
            .insertInto('jobFiles')
            .values({ jobId: id, name: 'crdc.json', contentType: 'application/json', bytes: 2, content: '{}' })
            .execute();
        w.extra[`job-${status}`]!.push({ label: t.label, resource: t.resource, ids: { id } });
      }
    }
    for (const t of w.districtTargets)
      await ctx.db
        .insertInto('jobs')
        .values({
          id: `matrix-job-training-${t.resource.districtId}`,
          kind: 'training.import',
          districtId: t.resource.districtId,
          requestedBy: null,
          status: 'done',
          percent: 100,
          cancelRequested: 0,
          result: '{}',
          errorCode: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
  },
  specs: {
    'POST /api/districts/:id/jobs': {
      action: 'job.start',
      kind: 'item',
      targets: (w) => w.districtTargets,
      payload: () => ({ kind: 'crdc.export', input: {} }),
      alsoNeeds: 'crdc.export',
      success: 202,
    },
    // Issue 13: a state's job, in the actor's own state (the file's rows are checked when it runs).
    'POST /api/state/jobs': {
      action: 'crdc.import.state',
      kind: 'state-item',
      targets: () => [],
      payload: () => ({ kind: 'crdc.import.state', input: { csv: 'x', fileName: 'CRDC_2020-21_VA.csv' } }),
      success: 202,
    },
    'GET /api/districts/:id/jobs': {
      action: 'job.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, target) => item.districtId === target!.resource.districtId,
    },
    'GET /api/jobs/:id': {
      action: 'job.list',
      kind: 'item',
      targets: (w) => jobTargets(w, 'job-done'),
      alsoNeeds: 'crdc.export',
      success: 200,
    },
    'GET /api/jobs/:id/result': {
      action: 'job.list',
      kind: 'item',
      targets: (w) => jobTargets(w, 'job-done'),
      alsoNeeds: 'crdc.export',
      success: 200,
      contentType: 'application/json',
    },
    'POST /api/jobs/:id/cancel': {
      action: 'job.cancel',
      kind: 'item',
      targets: (w) => jobTargets(w, 'job-queued'),
      success: 200,
    },
    'POST /api/jobs/:id/rerun': {
      action: 'job.cancel',
      kind: 'item',
      targets: (w) => jobTargets(w, 'job-failed'),
      success: 202,
    },
  },
};
