import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EquityAuditSchema, EquityQuerySchema, IdParamsSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { equityAudit } from './equity.service.js';

/** The equity audit of threat assessment cases and support referrals (issue 15 item 5). */
export function equityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id/equity',
      {
        config: { policy: 'equity.read' },
        schema: {
          tags: ['equity'],
          params: IdParamsSchema,
          querystring: EquityQuerySchema,
          response: { 200: EquityAuditSchema },
        },
      },
      (req) => equityAudit(ctx, req.actor!, req.params.id, req.query),
    );
  };
}
