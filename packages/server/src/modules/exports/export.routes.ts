import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CrdcReportSchema, IdParamsSchema, SchoolYearSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { crdcExport, startIncidentExport } from './export.service.js';

const ExportQuerySchema = z.object({
  year: SchoolYearSchema.optional(),
  /** FERPA 99.32: who receives the records, why, and under which exception; defaults: internal use. */
  party: z.string().trim().min(1).max(200).optional(),
  purpose: z.string().trim().min(1).max(500).optional(),
  legalBasis: z.string().trim().min(1).max(300).optional(),
});

export function exportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const incidentExport =
      (format: 'csv' | 'edfi') =>
      async (req: { actor?: unknown; params: { id: string }; query: z.infer<typeof ExportQuerySchema> }) =>
        startIncidentExport(
          ctx,
          { actor: req.actor as never },
          {
            districtId: req.params.id,
            schoolYear: req.query.year ?? null,
            party: req.query.party,
            purpose: req.query.purpose,
            legalBasis: req.query.legalBasis,
          },
          format,
        );

    // Streamed: Fastify sends a stream as it is (the declared schema documents the body).
    app.get(
      '/api/districts/:id/exports/incidents.csv',
      {
        config: { policy: 'incident.export' },
        schema: {
          tags: ['exports'],
          params: IdParamsSchema,
          querystring: ExportQuerySchema,
          response: { 200: z.string().describe('CSV, docs/incident-csv.md') },
        },
      },
      async (req, reply) => {
        const out = await incidentExport('csv')(req);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="incidents${req.query.year ? `-${req.query.year}` : ''}.csv"`,
          )
          .header('x-disclosure-id', out.disclosureId)
          .send(Readable.from(out.text) as unknown as string); // typed as the schema's string; sent as a stream
      },
    );
    app.get(
      '/api/districts/:id/exports/incidents.edfi.json',
      {
        config: { policy: 'incident.export' },
        schema: {
          tags: ['exports'],
          params: IdParamsSchema,
          querystring: ExportQuerySchema,
          response: { 200: z.string().describe('Ed-Fi JSON document') },
        },
      },
      async (req, reply) => {
        const out = await incidentExport('edfi')(req);
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="incidents${req.query.year ? `-${req.query.year}` : ''}.edfi.json"`,
          )
          .header('x-disclosure-id', out.disclosureId)
          .send(Readable.from(out.text) as unknown as string); // typed as the schema's string; sent as a stream
      },
    );
    app.get(
      '/api/districts/:id/exports/crdc',
      {
        config: { policy: 'crdc.export' },
        schema: {
          tags: ['exports'],
          params: IdParamsSchema,
          querystring: z.object({ year: SchoolYearSchema.optional() }),
          response: { 200: CrdcReportSchema },
        },
      },
      // Without ?year: the current school year.
      (req) => crdcExport(ctx, { actor: req.actor! }, req.params.id, req.query.year),
    );
  };
}
