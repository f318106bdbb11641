import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HealthSchema, SetupInputSchema, SetupStatusSchema } from '@forefront/contract';
import { isReachable } from '../../db/database.js';
import { authRateLimit } from '../../plugins/security.js';
import type { AppContext } from '../../shared/context.js';
import { completeSetup, isSetupNeeded } from './setup.service.js';

export function setupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const rateLimit = authRateLimit(ctx.config);
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { policy: 'public' },
        schema: { tags: ['system'], response: { 200: HealthSchema, 503: HealthSchema } },
      },
      async (_req, reply) => {
        const reachable = await isReachable(ctx.db);
        return reply.code(reachable ? 200 : 503).send({
          status: reachable ? 'ok' : 'degraded',
          database: { reachable, dialect: ctx.dialect },
          version: '0.1.0',
        });
      },
    );
    app.get(
      '/api/setup/status',
      { config: { policy: 'public' }, schema: { tags: ['system'], response: { 200: SetupStatusSchema } } },
      async () => ({ needed: await isSetupNeeded(ctx) }),
    );
    app.post(
      '/api/setup',
      {
        config: { policy: 'public', rateLimit },
        schema: {
          tags: ['system'],
          body: SetupInputSchema,
          response: { 201: z.object({ districtId: z.string(), mfaRequired: z.boolean() }) },
        },
      },
      async (req, reply) => reply.code(201).send(await completeSetup(ctx, req.body)),
    );
  };
}
