import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { TRAINING_CERTIFICATE_MAX_BYTES, TRAINING_CERTIFICATE_TYPES, type TrainingRecord } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import * as repo from './training.record.repository.js';
import { loadRecord, ownOfficer } from './training.record.service.js';
import { toRecord } from './training.record.view.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Certificates (issue 14 item 3): a PDF or an image of one, kept in the database like MOU scans.
 * The type is read from the content (magic bytes); the name and the declared type must say the
 * same thing, so a PNG renamed `.pdf` is refused rather than stored under a false name.
 */
export interface CertificateUpload {
  fileName: string;
  /** The part's declared content type (browsers send it from the name). */
  declaredType: string;
  bytes: Buffer;
}

export const certificateTooLarge = () =>
  new AppError(
    413,
    'certificate_too_large',
    `The certificate is larger than ${TRAINING_CERTIFICATE_MAX_BYTES / 1024 / 1024} MB. Scan it at a lower resolution.`,
    undefined,
    { maxMegabytes: TRAINING_CERTIFICATE_MAX_BYTES / 1024 / 1024 },
  );

const TYPE_OF_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The certificate's real type, or a 400 that says what is wrong with it. */
export async function checkCertificate(upload: CertificateUpload | null): Promise<string> {
  if (!upload || upload.bytes.length === 0)
    throw new AppError(400, 'certificate_missing', 'Attach the certificate (PDF, PNG or JPEG).');
  if (upload.bytes.length > TRAINING_CERTIFICATE_MAX_BYTES) throw certificateTooLarge();
  const found = await fileTypeFromBuffer(upload.bytes);
  if (!found || !(TRAINING_CERTIFICATE_TYPES as readonly string[]).includes(found.mime))
    throw new AppError(
      400,
      'certificate_type_not_allowed',
      'The certificate must be a PDF, PNG or JPEG file; this file is something else, whatever its name says.',
    );
  const ext = /\.([a-z0-9]+)$/i.exec(upload.fileName)?.[1]?.toLowerCase() ?? '';
  const named = TYPE_OF_EXTENSION[ext];
  const declared = upload.declaredType.split(';')[0]!.trim().toLowerCase();
  const declaredKnown = (TRAINING_CERTIFICATE_TYPES as readonly string[]).includes(declared);
  if (named !== found.mime || (declaredKnown && declared !== found.mime))
    throw new AppError(
      400,
      'certificate_type_mismatch',
      `The file is a ${found.ext.toUpperCase()}, but its name or type says otherwise. Rename it or choose the right file.`,
      undefined,
      { actual: found.ext.toUpperCase(), named: ext.toUpperCase() },
    );
  return found.mime;
}

async function store(ctx: AppContext, actor: Actor, recordId: string, upload: CertificateUpload | null) {
  const mediaType = await checkCertificate(upload);
  const { row } = await loadRecord(ctx.db, recordId);
  const bytes = upload!.bytes;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.putCertificate(trx, {
      id: newId(),
      districtId: row.districtId,
      recordId: row.id,
      fileName: upload!.fileName.slice(0, 200),
      mediaType,
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentBase64: bytes.toString('base64'),
      createdAt: nowIso(),
    });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: row.districtId },
      { kind: 'training.certificate_uploaded', officerId: row.officerId, recordId: row.id },
    );
  });
  const [fresh, standard] = await Promise.all([repo.findRecord(ctx.db, row.id), findStandard(ctx.db, row.districtId)]);
  return toRecord(fresh!, standard.rules);
}

/**
 * A coordinator attaches or replaces a record's certificate. `readUpload` is called only once the
 * actor may write, so nobody else's upload is read into memory.
 */
export async function putCertificate(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  readUpload: () => Promise<CertificateUpload | null>,
): Promise<TrainingRecord> {
  const { resource } = await loadRecord(ctx.db, recordId);
  authorize(actor, 'training.record', resource, 'Training record');
  return store(ctx, actor, recordId, await readUpload());
}

/** An officer attaches a certificate to their own record while it waits for review. */
export async function putMyCertificate(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
  readUpload: () => Promise<CertificateUpload | null>,
): Promise<TrainingRecord> {
  const officer = await ownOfficer(ctx, actor);
  const { row } = await loadRecord(ctx.db, recordId).catch(() => {
    throw new NotFoundError('Training record');
  });
  if (row.officerId !== officer.id) throw new NotFoundError('Training record');
  if (row.status !== 'pending') throw new ForbiddenError('A reviewed record is changed by the training coordinator');
  return store(ctx, actor, recordId, await readUpload());
}

/** The certificate's bytes, for the coordinator, the administrator, or anyone who may read the officer. */
export async function readCertificate(ctx: AppContext, actor: Actor, recordId: string) {
  const { row, resource } = await loadRecord(ctx.db, recordId);
  authorize(actor, 'training.record', resource, 'Training record');
  const cert = await repo.findCertificate(ctx.db, row.id);
  if (!cert) throw new NotFoundError('Certificate');
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: row.districtId },
        { kind: 'training.certificate_read', officerId: row.officerId, recordId: row.id },
      ),
    );
  const ext = cert.mediaType === 'application/pdf' ? 'pdf' : cert.mediaType === 'image/png' ? 'png' : 'jpg';
  return {
    bytes: Buffer.from(cert.contentBase64, 'base64'),
    mediaType: cert.mediaType,
    filename: `certificate-${row.id}.${ext}`,
  };
}
