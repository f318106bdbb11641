import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { importIncidentsAs } from './import.service.js';

/** A CSV of a few hundred thousand rows; bigger files go through `forefront import incidents`. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export const ImportBodySchema = z.object({
  csv: z.string().min(1).max(IMPORT_BODY_LIMIT),
  fileName: z.string().trim().max(200).optional(),
});

export const ImportReportSchema = z.object({
  accepted: z.boolean(),
  file: z.string(),
  rows: z.number().int(),
  incidents: z.number().int(),
  studentLinks: z.number().int(),
  flags: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), reason: z.string() })),
  numbers: z.object({ first: z.string(), last: z.string() }).nullable(),
});

export function incidentImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // 422 with the per-row report when the file is rejected (nothing was written).
    app.post(
      '/api/districts/:id/incidents/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { policy: 'incident.import' },
        schema: {
          tags: ['incidents'],
          params: IdParamsSchema,
          body: ImportBodySchema,
          response: { 200: ImportReportSchema, 422: ImportReportSchema },
        },
      },
      async (req, reply) => {
        const report = await importIncidentsAs(ctx, req.actor!, req.params.id, {
          stream: Readable.from([req.body.csv]),
          file: req.body.fileName ?? 'upload.csv',
        });
        return reply.code(report.accepted ? 200 : 422).send(report);
      },
    );
  };
}
