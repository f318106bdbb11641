import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateMouInputSchema,
  CreateMouVersionInputSchema,
  IdParamsSchema,
  IdSchema,
  MouDetailSchema,
  pickLang,
  MouDiffQuerySchema,
  MouDiffSchema,
  MouLanguageSchema,
  MouListSchema,
  PublicMouSchema,
  SignInputSchema,
  SignatoryInputSchema,
  UpdateSignatoryInputSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { readPublicMou } from './mou.public.js';
import * as service from './mou.service.js';
import * as signing from './mou.signing.service.js';
import { mouSigningRoutes } from './mou.signing.routes.js';

const SignatoryParams = z.object({ id: IdSchema, signatoryId: IdSchema });
// The version stays text here: a version that does not exist answers 404 from the service, the
// same as an MOU the caller may not see.
const VersionParams = z.object({ id: IdSchema, version: z.string().min(1).max(64) });
/** The PDF's language: `lang` when given (the web passes the UI language), else the Accept-Language header. */
const PdfQuery = z.object({ lang: MouLanguageSchema.optional() });

export function mouRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['mous'];
    await app.register(mouSigningRoutes(ctx));
    app.get(
      '/api/districts/:id/mous',
      { config: { policy: 'mou.list' }, schema: { tags, params: IdParamsSchema, response: { 200: MouListSchema } } },
      (req) => service.listMous(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/districts/:id/mous',
      {
        config: { policy: 'mou.write' },
        schema: { tags, params: IdParamsSchema, body: CreateMouInputSchema, response: { 201: MouDetailSchema } },
      },
      async (req, reply) => reply.code(201).send(await service.createMou(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/mous/:id',
      { config: { policy: 'mou.read' }, schema: { tags, params: IdParamsSchema, response: { 200: MouDetailSchema } } },
      (req) => service.readMou(ctx, req.actor!, req.params.id),
    );
    app.post(
      '/api/mous/:id/versions',
      {
        config: { policy: 'mou.write' },
        schema: { tags, params: IdParamsSchema, body: CreateMouVersionInputSchema, response: { 201: MouDetailSchema } },
      },
      async (req, reply) => reply.code(201).send(await service.createVersion(ctx, req.actor!, req.params.id, req.body)),
    );
    app.get(
      '/api/mous/:id/diff',
      {
        config: { policy: 'mou.read' },
        schema: { tags, params: IdParamsSchema, querystring: MouDiffQuerySchema, response: { 200: MouDiffSchema } },
      },
      (req) => service.diffMou(ctx, req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/mous/:id/versions/:version/pdf',
      {
        config: { policy: 'mou.read' },
        schema: { tags, params: VersionParams, querystring: PdfQuery, produces: ['application/pdf'] },
      },
      async (req, reply) => {
        const lang = pickLang(req.query.lang, req.headers['accept-language']);
        const { pdf, filename } = await service.versionPdf(ctx, req.actor!, req.params.id, req.params.version, lang);
        return reply
          .type('application/pdf')
          .header('content-language', lang)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(pdf);
      },
    );
    app.post(
      '/api/mous/:id/signatories',
      {
        config: { policy: 'mou.write' },
        schema: { tags, params: IdParamsSchema, body: SignatoryInputSchema, response: { 201: MouDetailSchema } },
      },
      async (req, reply) => reply.code(201).send(await signing.addSignatory(ctx, req.actor!, req.params.id, req.body)),
    );
    app.patch(
      '/api/mous/:id/signatories/:signatoryId',
      {
        config: { policy: 'mou.write' },
        schema: { tags, params: SignatoryParams, body: UpdateSignatoryInputSchema, response: { 200: MouDetailSchema } },
      },
      (req) => signing.updateSignatory(ctx, req.actor!, req.params.id, req.params.signatoryId, req.body),
    );
    app.post(
      '/api/mous/:id/signatories/:signatoryId/sign',
      {
        config: { policy: 'mou.sign' },
        schema: { tags, params: SignatoryParams, body: SignInputSchema, response: { 201: MouDetailSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await signing.signVersion(ctx, req.actor!, req.params.id, req.params.signatoryId, req.body)),
    );
    // Public: the signed agreement in force is a public document (the district's transparency page).
    app.get(
      '/api/public/districts/:id/mou',
      {
        config: { policy: 'public' },
        schema: { tags: ['public'], params: IdParamsSchema, response: { 200: PublicMouSchema } },
      },
      (req) => readPublicMou(ctx, req.params.id),
    );
  };
}
