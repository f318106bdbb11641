import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EquityAuditSchema, EquityQuerySchema, IdParamsSchema, PublicEquitySchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { readPublicEquity } from './equity.public.js';
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
    // The public equity table: the stored row, as the last publication made it (null when the district keeps it off).
    app.get(
      '/api/public/districts/:id/equity',
      {
        config: { policy: 'public' },
        schema: { tags: ['public'], params: IdParamsSchema, response: { 200: PublicEquitySchema } },
      },
      (req) => readPublicEquity(ctx.db, req.params.id),
    );
  };
}
