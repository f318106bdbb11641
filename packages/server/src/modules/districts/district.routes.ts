import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateSchoolInputSchema,
  DistrictSchema,
  IdParamsSchema,
  PageQuerySchema,
  PublicDistrictSchema,
  SchoolSchema,
  StateCodeSchema,
  UpdateDistrictInputSchema,
  UpdateSchoolInputSchema,
  pageOf,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as service from './district.service.js';

export function districtRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/districts/:id',
      {
        config: { policy: 'district.read' },
        schema: { tags: ['districts'], params: IdParamsSchema, response: { 200: DistrictSchema } },
      },
      (req) => service.readDistrict(ctx, req.actor!, req.params.id),
    );
    app.patch(
      '/api/districts/:id',
      {
        config: { policy: 'district.update' },
        schema: {
          tags: ['districts'],
          params: IdParamsSchema,
          body: UpdateDistrictInputSchema,
          response: { 200: DistrictSchema },
        },
      },
      (req) => service.updateDistrict(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/districts/:id/schools',
      {
        config: { policy: 'school.list' },
        schema: {
          tags: ['schools'],
          params: IdParamsSchema,
          querystring: PageQuerySchema,
          response: { 200: pageOf(SchoolSchema) },
        },
      },
      (req) => service.listSchools(ctx, req.actor!, req.params.id, req.query),
    );
    app.post(
      '/api/districts/:id/schools',
      {
        config: { policy: 'school.create' },
        schema: {
          tags: ['schools'],
          params: IdParamsSchema,
          body: CreateSchoolInputSchema,
          response: { 201: SchoolSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createSchool(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/schools/:id',
      {
        config: { policy: 'school.read' },
        schema: { tags: ['schools'], params: IdParamsSchema, response: { 200: SchoolSchema } },
      },
      (req) => service.readSchool(ctx, req.actor!, req.params.id),
    );
    app.patch(
      '/api/schools/:id',
      {
        config: { policy: 'school.update' },
        schema: {
          tags: ['schools'],
          params: IdParamsSchema,
          body: UpdateSchoolInputSchema,
          response: { 200: SchoolSchema },
        },
      },
      (req) => service.updateSchool(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/state/districts',
      {
        config: { policy: 'state.district.list' },
        schema: { tags: ['state'], querystring: PageQuerySchema, response: { 200: pageOf(DistrictSchema) } },
      },
      (req) => service.listStateDistricts(ctx, req.actor!, req.query),
    );
    // Public: anyone may see a district's name and schools, without signing in.
    app.get(
      '/api/public/districts',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['public'],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  state: StateCodeSchema.or(z.string()),
                  ncesLeaId: z.string(),
                }),
              ),
            }),
          },
        },
      },
      () => service.listPublicDistricts(ctx),
    );
    app.get(
      '/api/public/districts/:id',
      {
        config: { policy: 'public' },
        schema: { tags: ['public'], params: IdParamsSchema, response: { 200: PublicDistrictSchema } },
      },
      (req) => service.readPublicDistrict(ctx, req.params.id),
    );
  };
}
