import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseIdParamsSchema, CasePdfQuerySchema, CaseRecordsRequestBodySchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { casePdf, parseRecordsRequest } from './case.export.js';

/** Issue 15 item 2: a case's record as a PDF, for the team's meeting or for a records request. */
export function caseExportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['threat assessment'];
    const send = (reply: { header: (k: string, v: string) => unknown }, out: { filename: string }) => {
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename="${out.filename}"`);
      // The most sensitive record in the product: no cache keeps a copy.
      reply.header('cache-control', 'no-store');
    };
    app.get(
      '/api/threat-cases/:id/pdf',
      {
        config: { policy: 'case.export' },
        schema: {
          tags,
          summary: "The case's record as it stands, as a PDF in the reader's language (lang=en|es)",
          params: CaseIdParamsSchema,
          querystring: CasePdfQuerySchema,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const out = await casePdf(
          ctx,
          req.actor!,
          req.params.id,
          req.query.lang,
          null,
          'GET /api/threat-cases/:id/pdf',
        );
        send(reply, out);
        return reply.send(out.pdf);
      },
    );
    app.post(
      '/api/threat-cases/:id/disclosures',
      {
        config: { policy: 'case.export' },
        schema: {
          tags,
          summary: 'A records request: records a FERPA 99.32 disclosure and answers the PDF released',
          params: CaseIdParamsSchema,
          querystring: CasePdfQuerySchema,
          body: CaseRecordsRequestBodySchema,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const request = parseRecordsRequest(req.body);
        const route = 'POST /api/threat-cases/:id/disclosures';
        const out = await casePdf(ctx, req.actor!, req.params.id, req.query.lang, request, route);
        send(reply, out);
        return reply.code(201).send(out.pdf);
      },
    );
  };
}
