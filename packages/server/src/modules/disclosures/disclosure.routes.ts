import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema, PageQuerySchema, pageOf } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { listDisclosures } from './disclosure.service.js';

export const DisclosureSchema = z.object({
  id: IdSchema,
  districtId: IdSchema,
  party: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  format: z.string(),
  recordCount: z.number().int(),
  studentCount: z.number().int(),
  emergencyThreat: z.string().nullable(),
  disclosedBy: IdSchema.nullable(),
  disclosedAt: z.string(),
});

export function disclosureRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id/disclosures',
      {
        config: { policy: 'audit.list' },
        schema: {
          tags: ['exports'],
          params: IdParamsSchema,
          querystring: PageQuerySchema.extend({ studentId: IdSchema.optional() }),
          response: { 200: pageOf(DisclosureSchema) },
        },
      },
      (req) => listDisclosures(ctx, req.actor!, req.params.id, req.query),
    );
  };
}
