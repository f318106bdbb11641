import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, PublicTrainingSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { readPublicTraining } from './transparency.training.js';

/** The public "Officer training and time" section: the stored row, as the last publication made it. */
export function transparencyTrainingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/public/districts/:id/training',
      {
        config: { policy: 'public' },
        schema: { tags: ['public'], params: IdParamsSchema, response: { 200: PublicTrainingSchema } },
      },
      (req) => readPublicTraining(ctx.db, req.params.id),
    );
  };
}
