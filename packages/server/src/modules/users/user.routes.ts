import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationInputSchema,
  IdParamsSchema,
  IdSchema,
  InvitationCreatedSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InviteUserInputSchema,
  OkSchema,
  PageQuerySchema,
  SignInResultSchema,
  UpdateUserInputSchema,
  UserSchema,
  pageOf,
} from '@forefront/contract';
import { setSessionCookie } from '../../plugins/auth.js';
import { authRateLimit } from '../../plugins/security.js';
import type { AppContext } from '../../shared/context.js';
import * as service from './user.service.js';

const TokenParams = z.object({ token: z.string().min(10).max(100) });

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id/users',
      {
        config: { policy: 'user.list' },
        schema: {
          tags: ['people'],
          params: IdParamsSchema,
          querystring: PageQuerySchema,
          response: { 200: pageOf(UserSchema) },
        },
      },
      (req) => service.listUsers(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/users/:id',
      {
        config: { policy: 'user.read' },
        schema: { tags: ['people'], params: IdParamsSchema, response: { 200: UserSchema } },
      },
      (req) => service.readUser(ctx, req.actor!, req.params.id),
    );
    app.patch(
      '/api/users/:id',
      {
        config: { policy: 'user.update' },
        schema: {
          tags: ['people'],
          params: IdParamsSchema,
          body: UpdateUserInputSchema,
          response: { 200: UserSchema },
        },
      },
      (req) => service.updateUser(ctx, req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/districts/:id/invitations',
      {
        config: { policy: 'user.invite' },
        schema: {
          tags: ['people'],
          params: IdParamsSchema,
          body: InviteUserInputSchema,
          response: { 201: InvitationCreatedSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await service.inviteUser(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/invitations',
      {
        config: { policy: 'invitation.list' },
        schema: {
          tags: ['people'],
          params: IdParamsSchema,
          querystring: PageQuerySchema,
          response: { 200: pageOf(InvitationSchema) },
        },
      },
      (req) => service.listInvitations(ctx, req.actor!, req.params.id, req.query),
    );
    app.post(
      '/api/districts/:id/invitations/:invitationId/revoke',
      {
        config: { policy: 'invitation.revoke' },
        schema: {
          tags: ['people'],
          params: z.object({ id: IdSchema, invitationId: IdSchema }),
          response: { 200: OkSchema },
        },
      },
      (req) => service.revokeInvitation(ctx, req.actor!, req.params.id, req.params.invitationId),
    );
    // The invitation token is the credential here, so these two are public (and rate-limited).
    app.get(
      '/api/invitations/:token',
      {
        config: { policy: 'public', rateLimit: authRateLimit(ctx.config) },
        schema: { tags: ['auth'], params: TokenParams, response: { 200: InvitationPreviewSchema } },
      },
      (req) => service.previewInvitation(ctx, req.params.token),
    );
    app.post(
      '/api/invitations/:token/accept',
      {
        config: { policy: 'public', rateLimit: authRateLimit(ctx.config) },
        schema: {
          tags: ['auth'],
          params: TokenParams,
          body: AcceptInvitationInputSchema,
          response: { 200: SignInResultSchema },
        },
      },
      async (req, reply) => {
        const { token, result } = await service.acceptInvitation(ctx, req.params.token, req.body.password);
        setSessionCookie(ctx, req, reply, token);
        return result;
      },
    );
  };
}
