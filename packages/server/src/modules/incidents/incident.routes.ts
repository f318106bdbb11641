import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  IncidentDetailSchema,
  IncidentHistorySchema,
  IncidentInputSchema,
  IncidentListQuerySchema,
  IncidentPageSchema,
  IncidentTransitionSchema,
  ReclassifyInputSchema,
  ReviewInputSchema,
  RoleDriftQuerySchema,
  RoleDriftSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { readRoleDrift } from './drift.service.js';
import * as service from './incident.service.js';
import * as workflow from './incident.workflow.js';

const tags = ['incidents'];

export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/districts/:id/incidents',
      {
        config: { policy: 'incident.create' },
        schema: { tags, params: IdParamsSchema, body: IncidentInputSchema, response: { 201: IncidentDetailSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await service.createIncident(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/incidents',
      {
        config: { policy: 'incident.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: IncidentListQuerySchema,
          response: { 200: IncidentPageSchema },
        },
      },
      (req) => service.listIncidents(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/incidents/:id',
      {
        config: { policy: 'incident.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: IncidentDetailSchema } },
      },
      (req) => service.readIncident(ctx, req.actor!, req.params.id),
    );
    app.put(
      '/api/incidents/:id',
      {
        config: { policy: 'incident.update' },
        schema: { tags, params: IdParamsSchema, body: IncidentInputSchema, response: { 200: IncidentDetailSchema } },
      },
      (req) => service.updateIncident(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/incidents/:id/versions',
      {
        config: { policy: 'incident.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: IncidentHistorySchema } },
      },
      (req) => service.readIncidentHistory(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/incidents/:id/transition',
      {
        config: { policy: 'incident.update' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: IncidentTransitionSchema,
          response: { 200: IncidentDetailSchema },
        },
      },
      (req) => workflow.transitionIncident(ctx, req.actor!, req.params.id, req.body.to),
    );
    app.post(
      '/api/incidents/:id/reviews',
      {
        config: { policy: 'incident.review' },
        schema: { tags, params: IdParamsSchema, body: ReviewInputSchema, response: { 201: IncidentDetailSchema } },
      },
      async (req, reply) => reply.code(201).send(await workflow.addReview(ctx, req.actor!, req.params.id, req.body)),
    );
    app.post(
      '/api/incidents/:id/reclassify',
      {
        config: { policy: 'incident.reclassify' },
        schema: { tags, params: IdParamsSchema, body: ReclassifyInputSchema, response: { 200: IncidentDetailSchema } },
      },
      (req) => workflow.reclassifyIncident(ctx, req.actor!, req.params.id, req.body.recordClass, req.body.reason),
    );
    app.get(
      '/api/districts/:id/role-drift',
      {
        config: { policy: 'drift.read' },
        schema: {
          tags: ['role drift'],
          params: IdParamsSchema,
          querystring: RoleDriftQuerySchema,
          response: { 200: RoleDriftSchema },
        },
      },
      (req) => readRoleDrift(ctx, req.actor!, req.params.id, req.query),
    );
  };
}
