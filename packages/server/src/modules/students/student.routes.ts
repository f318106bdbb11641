import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  StudentImportInputSchema,
  StudentImportRejectedSchema,
  StudentImportReportSchema,
  StudentListQuerySchema,
  StudentPageSchema,
  StudentSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as service from './student.service.js';

/** A large district's users.csv and demographics.csv, as text in one JSON body. */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export function studentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id/students',
      {
        config: { policy: 'student.list' },
        schema: {
          tags: ['students'],
          params: IdParamsSchema,
          querystring: StudentListQuerySchema,
          response: { 200: StudentPageSchema },
        },
      },
      (req) => service.listStudents(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/students/:id',
      {
        config: { policy: 'student.read' },
        schema: { tags: ['students'], params: IdParamsSchema, response: { 200: StudentSchema } },
      },
      (req) => service.readStudent(ctx, req.actor!, req.params.id),
    );
    // 200 with the counts when every row is valid; 422 with the per-row report (and nothing written) otherwise.
    app.post(
      '/api/districts/:id/students/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { policy: 'student.import' },
        schema: {
          tags: ['students'],
          params: IdParamsSchema,
          body: StudentImportInputSchema,
          response: { 200: StudentImportReportSchema, 422: StudentImportRejectedSchema },
        },
      },
      async (req, reply) => {
        const report = await service.importStudents(ctx, req.actor!, req.params.id, req.body);
        if (report.accepted) return reply.code(200).send(report);
        const message = `${report.errorCount} invalid ${report.errorCount === 1 ? 'value' : 'values'} found; nothing was imported`;
        return reply.code(422).send({ error: { code: 'import_rejected' as const, message }, report });
      },
    );
  };
}
