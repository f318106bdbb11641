import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, JobListQuerySchema, JobListSchema, JobSchema, StartJobInputSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { JobRunner } from './job.runner.js';
import * as service from './job.service.js';

/** An import's CSV (50 MB) inside the JSON body, with room for escaping. */
const START_BODY_LIMIT = 64 * 1024 * 1024;

/** Each app's runner, for tests and the benchmark (to wait until its jobs have ended). */
export const runners = new WeakMap<AppContext, JobRunner>();

export function jobRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    const runner = new JobRunner(ctx.config, ctx.db, ctx.log);
    app.addHook('onClose', () => runner.close());
    runners.set(ctx, runner);

    // 202: the job is queued; its id is followed with GET /api/jobs/:id.
    app.post(
      '/api/districts/:id/jobs',
      {
        bodyLimit: START_BODY_LIMIT,
        config: { policy: 'job.start' },
        schema: {
          tags: ['jobs'],
          summary: 'Start a job: an import, export, publish or rebuild (docs/ARCHITECTURE.md, "Jobs")',
          params: IdParamsSchema,
          body: StartJobInputSchema,
          response: { 202: JobSchema },
        },
      },
      async (req, reply) =>
        reply
          .code(202)
          .send(await service.startJob(ctx, runner, req.actor!, req.params.id, req.body.kind, req.body.input)),
    );
    // Issue 13: a state's job, for the signed-in state viewer's own state (CRDC files); followed the same way.
    app.post(
      '/api/state/jobs',
      {
        bodyLimit: START_BODY_LIMIT,
        config: { policy: 'crdc.import.state' },
        schema: {
          tags: ['jobs'],
          summary: "Start a job of the viewer's own state: loading a CRDC public-use file (crdc.import.state)",
          body: StartJobInputSchema,
          response: { 202: JobSchema },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await service.startStateJob(ctx, runner, req.actor!, req.body.kind, req.body.input)),
    );
    app.get(
      '/api/districts/:id/jobs',
      {
        config: { policy: 'job.list' },
        schema: {
          tags: ['jobs'],
          params: IdParamsSchema,
          querystring: JobListQuerySchema,
          response: { 200: JobListSchema },
        },
      },
      (req) => service.listJobsOf(ctx, runner, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/jobs/:id',
      {
        config: { policy: 'job.list' },
        schema: { tags: ['jobs'], params: IdParamsSchema, response: { 200: JobSchema } },
      },
      (req) => service.readJob(ctx, runner, req.actor!, req.params.id),
    );
    app.post(
      '/api/jobs/:id/cancel',
      {
        config: { policy: 'job.cancel' },
        schema: { tags: ['jobs'], params: IdParamsSchema, response: { 200: JobSchema } },
      },
      (req) => service.cancelJob(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/jobs/:id/rerun',
      {
        config: { policy: 'job.cancel' },
        schema: { tags: ['jobs'], params: IdParamsSchema, response: { 202: JobSchema } },
      },
      async (req, reply) => reply.code(202).send(await service.rerunJob(ctx, runner, req.actor!, req.params.id)),
    );
    app.get(
      '/api/jobs/:id/result',
      {
        config: { policy: 'job.list' },
        schema: {
          tags: ['jobs'],
          params: IdParamsSchema,
          response: { 200: z.string().describe("The job's file (an export), with its own content type") },
        },
      },
      async (req, reply) => {
        const file = await service.downloadJobResult(ctx, req.actor!, req.params.id);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.name}"`)
          .send(file.content);
      },
    );
    return Promise.resolve();
  };
}
