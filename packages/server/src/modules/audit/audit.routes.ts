import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditEntrySchema,
  AuditPeopleSchema,
  AuditQuerySchema,
  AuditVerifyResultSchema,
  IdParamsSchema,
  pageOf,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { browseAuditLog, listAuditPeople, verifyDistrictChain } from './audit.service.js';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id/audit',
      {
        config: { policy: 'audit.list' },
        schema: {
          tags: ['audit'],
          params: IdParamsSchema,
          querystring: AuditQuerySchema,
          response: { 200: pageOf(AuditEntrySchema) },
        },
      },
      (req) => browseAuditLog(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/districts/:id/audit/people',
      {
        config: { policy: 'audit.list' },
        schema: { tags: ['audit'], params: IdParamsSchema, response: { 200: AuditPeopleSchema } },
      },
      (req) => listAuditPeople(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/districts/:id/audit/verify',
      {
        config: { policy: 'audit.verify' },
        schema: { tags: ['audit'], params: IdParamsSchema, response: { 200: AuditVerifyResultSchema } },
      },
      (req) => verifyDistrictChain(ctx, req.actor!, req.params.id),
    );
  };
}
