import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdSchema,
  LinkSignInputSchema,
  LinkSignedSchema,
  MouDetailSchema,
  PaperSignatureFieldsSchema,
  SIGNATURE_SCAN_MAX_BYTES,
  SigningCodeInputSchema,
  SigningCodeSentSchema,
  SigningDocumentSchema,
  SigningLinkSentSchema,
  SigningLinkViewSchema,
  SigningTokenParamsSchema,
  pickLang,
} from '@forefront/contract';
import { authRateLimit } from '../../plugins/security.js';
import type { AppContext } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { readSignatureScan, recordPaperSignature, scanTooLarge } from './mou.paper.service.js';
import * as link from './mou.signing-link.service.js';

const SignatoryParams = z.object({ id: IdSchema, signatoryId: IdSchema });
const SignatureParams = z.object({ id: IdSchema, signatureId: IdSchema });

/**
 * Signing links (staff sends; the public routes take the token as their only credential) and
 * paper signatures with their scans. Registered inside mouRoutes, so the multipart parser applies
 * to these routes only.
 */
export function mouSigningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      // One file, one short field: the limit answers 413 before a large upload is read into memory.
      limits: { fileSize: SIGNATURE_SCAN_MAX_BYTES, files: 1, fields: 4, fieldSize: 100, parts: 6 },
    });
    const tags = ['mous'];
    app.post(
      '/api/mous/:id/signatories/:signatoryId/signing-link',
      {
        config: { policy: 'mou.write' },
        schema: { tags, params: SignatoryParams, response: { 201: SigningLinkSentSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await link.sendSigningLink(ctx, req.actor!, req.params.id, req.params.signatoryId)),
    );
    app.post(
      '/api/mous/:id/signatories/:signatoryId/paper-signature',
      {
        config: { policy: 'mou.sign' },
        schema: {
          tags,
          params: SignatoryParams,
          consumes: ['multipart/form-data'],
          response: { 201: MouDetailSchema },
        },
      },
      async (req, reply) => {
        const readUpload = async () => {
          if (!req.isMultipart())
            throw new ValidationError('Send the scan as multipart/form-data with the fields version and scan');
          const fields: Record<string, string> = {};
          let scan: Buffer | null = null;
          try {
            for await (const part of req.parts()) {
              if (part.type === 'file') {
                const bytes = await part.toBuffer(); // an unexpected file is read (to its limit) and dropped
                if (part.fieldname === 'scan') scan = bytes;
              } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
            }
          } catch (err) {
            if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw scanTooLarge();
            throw err;
          }
          const parsed = PaperSignatureFieldsSchema.safeParse(fields);
          if (!parsed.success)
            throw new ValidationError('Say which version the paper signature is on', [
              { path: 'version', message: 'The version number of the signed text', code: 'version_required' },
            ]);
          return { fields: parsed.data, scan };
        };
        const mou = await recordPaperSignature(ctx, req.actor!, req.params.id, req.params.signatoryId, readUpload);
        return reply.code(201).send(mou);
      },
    );
    app.get(
      '/api/mous/:id/signatures/:signatureId/scan',
      { config: { policy: 'mou.read' }, schema: { tags, params: SignatureParams } },
      async (req, reply) => {
        const s = await readSignatureScan(ctx, req.actor!, req.params.id, req.params.signatureId);
        return reply
          .type(s.mediaType)
          .header('content-disposition', `attachment; filename="${s.filename}"`)
          .send(s.bytes);
      },
    );

    // Public: the token is the credential, and the mailed code proves the address (see the service).
    // Rate-limited per client like the invitation routes, on top of the per-link limits on codes and tries.
    const ptags = ['public'];
    const rateLimit = authRateLimit(ctx.config);
    app.get(
      '/api/public/mou-signing/:token',
      {
        config: { policy: 'public', rateLimit },
        schema: { tags: ptags, params: SigningTokenParamsSchema, response: { 200: SigningLinkViewSchema } },
      },
      (req) => link.viewSigningLink(ctx, req.params.token),
    );
    app.post(
      '/api/public/mou-signing/:token/code',
      {
        config: { policy: 'public', rateLimit },
        schema: { tags: ptags, params: SigningTokenParamsSchema, response: { 200: SigningCodeSentSchema } },
      },
      (req) => link.sendSigningCode(ctx, req.params.token),
    );
    app.post(
      '/api/public/mou-signing/:token/verify',
      {
        config: { policy: 'public', rateLimit },
        schema: {
          tags: ptags,
          params: SigningTokenParamsSchema,
          body: SigningCodeInputSchema,
          response: { 200: SigningDocumentSchema },
        },
      },
      (req) => link.verifySigningCode(ctx, req.params.token, req.body.code, pickLang(req.headers['accept-language'])),
    );
    app.post(
      '/api/public/mou-signing/:token/sign',
      {
        config: { policy: 'public', rateLimit },
        schema: {
          tags: ptags,
          params: SigningTokenParamsSchema,
          body: LinkSignInputSchema,
          response: { 201: LinkSignedSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await link.signByLink(ctx, req.params.token, req.body)),
    );
  };
}
