import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CourseIdParamsSchema,
  CourseListQuerySchema,
  CoursePageSchema,
  CourseSchema,
  CreateCourseInputSchema,
  CredentialKeyParamsSchema,
  CredentialTypeInputSchema,
  CredentialTypeListSchema,
  IdParamsSchema,
  TrainingPresetListSchema,
  TrainingStandardSchema,
  TrainingStandardViewSchema,
  UpdateCourseInputSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import * as catalog from './training.catalog.service.js';
import * as standard from './training.standard.service.js';

/** Issue 14 item 2: the training standard, its presets, and the catalog (credential types, courses). */
export function trainingStandardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['training'];
    app.get(
      '/api/districts/:id/training/standard',
      {
        config: { policy: 'training.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: TrainingStandardViewSchema } },
      },
      (req) => standard.readStandard(ctx, req.actor!, req.params.id),
    );
    app.put(
      '/api/districts/:id/training/standard',
      {
        config: { policy: 'training.standard' },
        schema: {
          tags,
          params: IdParamsSchema,
          body: TrainingStandardSchema,
          response: { 200: TrainingStandardViewSchema },
        },
      },
      (req) => standard.saveStandard(ctx, req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/districts/:id/training/presets',
      {
        config: { policy: 'training.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: TrainingPresetListSchema } },
      },
      (req) => standard.listPresets(ctx, req.actor!, req.params.id),
    );
    app.get(
      '/api/districts/:id/training/credential-types',
      {
        config: { policy: 'training.read' },
        schema: { tags, params: IdParamsSchema, response: { 200: CredentialTypeListSchema } },
      },
      (req) => catalog.listCredentialTypes(ctx, req.actor!, req.params.id),
    );
    app.put(
      '/api/districts/:id/training/credential-types/:key',
      {
        config: { policy: 'training.standard' },
        schema: {
          tags,
          params: CredentialKeyParamsSchema,
          body: CredentialTypeInputSchema,
          response: { 200: CredentialTypeListSchema },
        },
      },
      (req) => catalog.saveCredentialType(ctx, req.actor!, req.params.id, req.params.key, req.body),
    );
    app.get(
      '/api/districts/:id/training/courses',
      {
        config: { policy: 'training.read' },
        schema: {
          tags,
          params: IdParamsSchema,
          querystring: CourseListQuerySchema,
          response: { 200: CoursePageSchema },
        },
      },
      (req) => catalog.listCourses(ctx, req.actor!, req.params.id, req.query),
    );
    app.post(
      '/api/districts/:id/training/courses',
      {
        config: { policy: 'training.standard' },
        schema: { tags, params: IdParamsSchema, body: CreateCourseInputSchema, response: { 201: CourseSchema } },
      },
      async (req, reply) => reply.code(201).send(await catalog.createCourse(ctx, req.actor!, req.params.id, req.body)),
    );
    app.patch(
      '/api/training/courses/:courseId',
      {
        config: { policy: 'training.standard' },
        schema: { tags, params: CourseIdParamsSchema, body: UpdateCourseInputSchema, response: { 200: CourseSchema } },
      },
      (req) => catalog.updateCourse(ctx, req.actor!, req.params.courseId, req.body),
    );
  };
}
