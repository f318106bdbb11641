import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DisclosurePageSchema,
  DisclosurePdfQuerySchema,
  IdParamsSchema,
  IdSchema,
  PageQuerySchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { disclosurePdfForStudent, listDisclosures } from './disclosure.service.js';

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
          response: { 200: DisclosurePageSchema },
        },
      },
      (req) => listDisclosures(ctx, req.actor!, req.params.id, req.query),
    );
    // A parent's request (FERPA 99.32(c)): one student's record of disclosures, printable, en or es.
    app.get(
      '/api/students/:id/disclosures.pdf',
      {
        config: { policy: 'audit.list' },
        schema: {
          tags: ['exports'],
          summary: "One student's record of disclosures as a PDF (lang=en|es)",
          params: IdParamsSchema,
          querystring: DisclosurePdfQuerySchema,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const { pdf, filename } = await disclosurePdfForStudent(ctx, req.actor!, req.params.id, req.query.lang);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(pdf);
      },
    );
  };
}
