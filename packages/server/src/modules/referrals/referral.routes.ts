import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  ProviderInputSchema,
  ProviderListSchema,
  ProviderSchema,
  ReferralInputSchema,
  ReferralListQuerySchema,
  ReferralPageSchema,
  ReferralSchema,
  ReferralStatusInputSchema,
  ReferralStudentListSchema,
  ReferralStudentQuerySchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as providers from './provider.service.js';
import * as referrals from './referral.service.js';

/** Referrals to support services and the district's provider directory (issue 15 item 3). */
export function referralRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['referrals'];
    app.get(
      '/api/districts/:id/providers',
      {
        config: { policy: 'provider.list' },
        schema: { tags, params: IdParamsSchema, response: { 200: ProviderListSchema } },
      },
      (req) => providers.listProviders(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/districts/:id/providers',
      {
        config: { policy: 'provider.write' },
        schema: { tags, params: IdParamsSchema, body: ProviderInputSchema, response: { 201: ProviderSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await providers.createProvider(ctx, req.actor!, req.params.id, req.body)),
    );
    app.patch(
      '/api/providers/:id',
      {
        config: { policy: 'provider.write' },
        schema: { tags, params: IdParamsSchema, body: ProviderInputSchema, response: { 200: ProviderSchema } },
      },
      (req) => providers.updateProvider(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/districts/:id/referrals',
      {
        config: { policy: 'referral.list' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: ReferralListQuerySchema,
          response: { 200: ReferralPageSchema },
        },
      },
      (req) => referrals.listReferrals(ctx, req.actor!, req.params.id, req.query),
    );
    app.post(
      '/api/districts/:id/referrals',
      {
        config: { policy: 'referral.write' },
        schema: { tags, params: IdParamsSchema, body: ReferralInputSchema, response: { 201: ReferralSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await referrals.makeReferral(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/districts/:id/referral-students',
      {
        config: { policy: 'referral.write' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: ReferralStudentQuerySchema,
          response: { 200: ReferralStudentListSchema },
        },
      },
      (req) => referrals.searchReferralStudents(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/referrals/:id',
      {
        config: { policy: 'referral.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: ReferralSchema } },
      },
      (req) => referrals.readReferral(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/referrals/:id/status',
      {
        config: { policy: 'referral.write' },
        schema: { tags, params: IdParamsSchema, body: ReferralStatusInputSchema, response: { 200: ReferralSchema } },
      },
      (req) => referrals.moveReferral(ctx, req.actor!, req.params.id, req.body),
    );
  };
}
