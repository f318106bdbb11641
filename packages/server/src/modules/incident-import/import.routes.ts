import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IncidentImportReportSchema } from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { importIncidentsAs } from './import.service.js';

/** A CSV of a few hundred thousand rows; bigger files go through `forefront import incidents`. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export const ImportBodySchema = z.object({
  csv: z.string().min(1).max(IMPORT_BODY_LIMIT),
  fileName: z.string().trim().max(200).optional(),
  /** Check every row and write nothing (issue 13): 200 with the report either way. */
  dryRun: z.boolean().optional(),
});

export const ImportReportSchema = IncidentImportReportSchema;

export function incidentImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // 422 with the per-row report when the file is rejected (nothing was written); a dry run answers 200.
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
          dryRun: req.body.dryRun === true,
        });
        return reply.code(report.accepted || report.dryRun ? 200 : 422).send(report);
      },
    );
  };
}
