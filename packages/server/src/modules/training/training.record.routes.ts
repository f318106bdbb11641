import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateTrainingRecordInputSchema,
  IdSchema,
  OfficerTrainingRecordsSchema,
  ReviewTrainingRecordInputSchema,
  TRAINING_CERTIFICATE_MAX_BYTES,
  TrainingRecordQueueQuerySchema,
  TrainingRecordQueueSchema,
  TrainingRecordSchema,
} from '@forefront/contract';
import type { AppContext } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import {
  type CertificateUpload,
  certificateTooLarge,
  putCertificate,
  putMyCertificate,
  readCertificate,
} from './training.certificate.service.js';
import * as service from './training.record.service.js';

const OfficerParams = z.object({ officerId: IdSchema });
const RecordParams = z.object({ recordId: IdSchema });
const DistrictParams = z.object({ id: IdSchema });

/** The multipart upload's `certificate` file (any other part is read to its limit and dropped). */
async function readCertificatePart(req: FastifyRequest): Promise<CertificateUpload | null> {
  if (!req.isMultipart())
    throw new ValidationError('Send the certificate as multipart/form-data with the file field "certificate"');
  let upload: CertificateUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname === 'certificate') upload = { fileName: part.filename, declaredType: part.mimetype, bytes };
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw certificateTooLarge();
    throw err;
  }
  return upload;
}

/**
 * Completion records, the review queue and certificates (issue 14 item 3). Registered on its own so
 * the multipart parser applies to these routes only.
 */
export function trainingRecordRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, {
      // One file: the limit answers 413 before a large upload is read into memory.
      limits: { fileSize: TRAINING_CERTIFICATE_MAX_BYTES, files: 1, fields: 2, fieldSize: 100, parts: 3 },
    });
    const tags = ['training'];
    app.get(
      '/api/officers/:officerId/training-records',
      {
        config: { policy: 'officer.read' },
        schema: { tags, params: OfficerParams, response: { 200: OfficerTrainingRecordsSchema } },
      },
      (req) => service.listOfficerRecords(ctx, req.actor!, req.params.officerId),
    );
    app.post(
      '/api/officers/:officerId/training-records',
      {
        config: { policy: 'training.record' },
        schema: {
          tags,
          params: OfficerParams,
          body: CreateTrainingRecordInputSchema,
          response: { 201: TrainingRecordSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.addRecord(ctx, req.actor!, req.params.officerId, req.body)),
    );
    app.get(
      '/api/me/training-records',
      { config: { policy: 'session' }, schema: { tags, response: { 200: OfficerTrainingRecordsSchema } } },
      (req) => service.listMyRecords(ctx, req.actor!),
    );
    app.post(
      '/api/me/training-records',
      {
        config: { policy: 'session' },
        schema: { tags, body: CreateTrainingRecordInputSchema, response: { 201: TrainingRecordSchema } },
      },
      async (req, reply) => reply.code(201).send(await service.submitMyRecord(ctx, req.actor!, req.body)),
    );
    app.put(
      '/api/me/training-records/:recordId/certificate',
      {
        config: { policy: 'session' },
        schema: {
          tags,
          params: RecordParams,
          consumes: ['multipart/form-data'],
          response: { 200: TrainingRecordSchema },
        },
      },
      (req) => putMyCertificate(ctx, req.actor!, req.params.recordId, () => readCertificatePart(req)),
    );
    app.get(
      '/api/districts/:id/training-records',
      {
        config: { policy: 'training.approve' },
        schema: {
          tags,
          params: DistrictParams,
          querystring: TrainingRecordQueueQuerySchema,
          response: { 200: TrainingRecordQueueSchema },
        },
      },
      (req) => service.listQueue(ctx, req.actor!, req.params.id, req.query),
    );
    for (const [path, decision] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const)
      app.post(
        `/api/training-records/:recordId/${path}`,
        {
          config: { policy: 'training.approve' },
          schema: {
            tags,
            params: RecordParams,
            body: ReviewTrainingRecordInputSchema,
            response: { 200: TrainingRecordSchema },
          },
        },
        (req) => service.reviewRecord(ctx, req.actor!, req.params.recordId, decision, req.body.note),
      );
    app.put(
      '/api/training-records/:recordId/certificate',
      {
        config: { policy: 'training.record' },
        schema: {
          tags,
          params: RecordParams,
          consumes: ['multipart/form-data'],
          response: { 200: TrainingRecordSchema },
        },
      },
      (req) => putCertificate(ctx, req.actor!, req.params.recordId, () => readCertificatePart(req)),
    );
    app.get(
      '/api/training-records/:recordId/certificate',
      { config: { policy: 'training.record' }, schema: { tags, params: RecordParams } },
      async (req, reply) => {
        const c = await readCertificate(ctx, req.actor!, req.params.recordId);
        return reply
          .type(c.mediaType)
          .header('content-disposition', `attachment; filename="${c.filename}"`)
          .send(c.bytes);
      },
    );
  };
}
