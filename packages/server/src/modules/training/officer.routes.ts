import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignmentCreateInputSchema,
  AssignmentEndInputSchema,
  ExceptionCreateInputSchema,
  ExceptionListQuerySchema,
  ExceptionPageSchema,
  IdParamsSchema,
  LinkableAccountsSchema,
  MyOfficerSchema,
  OfficerCreateInputSchema,
  OfficerDetailSchema,
  OfficerListQuerySchema,
  OfficerPageSchema,
  OfficerPatchInputSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { UnauthorizedError } from '../../shared/errors.js';
import * as assignments from './assignment.service.js';
import * as exceptions from './exception.service.js';
import * as service from './officer.service.js';

/** The SRO roster, assignments with the training gate, and the gate's exceptions (issue 14 items 1 and 3). */
export function officerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['officers'];
    app.get(
      '/api/districts/:id/officers',
      {
        config: { policy: 'officer.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: OfficerListQuerySchema,
          response: { 200: OfficerPageSchema },
        },
      },
      (req) => service.listOfficers(ctx, req.actor!, req.params.id, req.query),
    );
    app.post(
      '/api/districts/:id/officers',
      {
        config: { policy: 'officer.write' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: OfficerCreateInputSchema,
          response: { 201: OfficerDetailSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createOfficer(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/officers/linkable-accounts',
      {
        config: { policy: 'officer.write' },
        schema: { tags, params: IdParamsSchema, response: { 200: LinkableAccountsSchema } },
      },
      (req) => service.linkableAccounts(ctx, req.actor!, req.params.id),
    );
    app.get(
      '/api/officers/:id',
      {
        config: { policy: 'officer.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: OfficerDetailSchema } },
      },
      (req) => service.readOfficer(ctx, req.actor!, req.params.id),
    );
    app.patch(
      '/api/officers/:id',
      {
        config: { policy: 'officer.write' },
        schema: { tags, params: IdParamsSchema, body: OfficerPatchInputSchema, response: { 200: OfficerDetailSchema } },
      },
      (req) => service.patchOfficer(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/me/officer',
      { config: { policy: 'session' }, schema: { tags, response: { 200: MyOfficerSchema } } },
      (req) => {
        // A session policy lets a half-signed-in account through (to finish MFA); training status waits for it.
        if (req.mfaPending) throw new UnauthorizedError('Finish two-step verification to continue', 'mfa_required');
        return service.myOfficer(ctx, req.actor!);
      },
    );
    // 201 with the officer's page; 409 `training_gate` / `training_warning` with the reasons as issues.
    app.post(
      '/api/officers/:id/assignments',
      {
        config: { policy: 'officer.assign' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: AssignmentCreateInputSchema,
          response: { 201: OfficerDetailSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await assignments.createAssignment(ctx, req.actor!, req.params.id, req.body)),
    );
    app.post(
      '/api/assignments/:id/end',
      {
        config: { policy: 'officer.assign' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: AssignmentEndInputSchema,
          response: { 200: OfficerDetailSchema },
        },
      },
      (req) => assignments.endAssignment(ctx, req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/officers/:id/exceptions',
      {
        config: { policy: 'assignment.exception' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: ExceptionCreateInputSchema,
          response: { 201: OfficerDetailSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await exceptions.approveException(ctx, req.actor!, req.params.id, req.body)),
    );
    app.post(
      '/api/exceptions/:id/revoke',
      {
        config: { policy: 'assignment.exception' },
        schema: { tags, params: IdParamsSchema, response: { 200: OfficerDetailSchema } },
      },
      (req) => exceptions.revokeException(ctx, req.actor!, req.params.id),
    );
    app.get(
      '/api/districts/:id/assignment-exceptions',
      {
        config: { policy: 'officer.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: ExceptionListQuerySchema,
          response: { 200: ExceptionPageSchema },
        },
      },
      (req) => exceptions.listExceptions(ctx, req.actor!, req.params.id, req.query),
    );
  };
}
