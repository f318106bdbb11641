import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ComplianceDashboardSchema,
  ComplianceOfficerParamsSchema,
  ComplianceOfficerQuerySchema,
  ComplianceQuerySchema,
  IdParamsSchema,
  OfficerComplianceSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { complianceDashboard, officerCompliance } from './compliance.service.js';

export function complianceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return (app) => {
    app.get(
      '/api/districts/:id/training/compliance',
      {
        config: { policy: 'compliance.read' },
        schema: {
          tags: ['training'],
          summary: "Officers' training compliance: counts by status and a page of officers with the reasons",
          params: IdParamsSchema,
          querystring: ComplianceQuerySchema,
          response: { 200: ComplianceDashboardSchema },
        },
      },
      (req) => complianceDashboard(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/officers/:officerId/compliance',
      {
        config: { policy: 'compliance.read' },
        schema: {
          tags: ['training'],
          summary: "One officer's compliance: each rule, each approved record and the day it lapses",
          params: ComplianceOfficerParamsSchema,
          querystring: ComplianceOfficerQuerySchema,
          response: { 200: OfficerComplianceSchema },
        },
      },
      (req) => officerCompliance(ctx, req.actor!, req.params.officerId, req.query),
    );
    return Promise.resolve();
  };
}
