import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActivityInputSchema,
  ActivityListQuerySchema,
  ActivityLoggedSchema,
  ActivityPageSchema,
  ActivitySummaryQuerySchema,
  ActivitySummarySchema,
  IdParamsSchema,
  OfficerIdParamsSchema,
  OkSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as service from './activity.service.js';
import { activitySummary } from './activity.summary.js';

/** Officers' time outside incidents (issue 14 item 4). */
export function activityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['activities'];
    app.post(
      '/api/officers/:officerId/activities',
      {
        config: { policy: 'activity.write' },
        schema: {
          tags,
          params: OfficerIdParamsSchema,
          body: ActivityInputSchema,
          response: { 201: ActivityLoggedSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.logActivity(ctx, req.actor!, req.params.officerId, req.body)),
    );
    app.get(
      '/api/districts/:id/activities',
      {
        config: { policy: 'activity.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: ActivityListQuerySchema,
          response: { 200: ActivityPageSchema },
        },
      },
      (req) => service.listActivities(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/districts/:id/activities/summary',
      {
        config: { policy: 'activity.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: ActivitySummaryQuerySchema,
          response: { 200: ActivitySummarySchema },
        },
      },
      (req) => activitySummary(ctx, req.actor!, req.params.id, req.query),
    );
    app.delete(
      '/api/activities/:id',
      { config: { policy: 'activity.write' }, schema: { tags, params: IdParamsSchema, response: { 200: OkSchema } } },
      (req) => service.deleteActivity(ctx, req.actor!, req.params.id),
    );
  };
}
