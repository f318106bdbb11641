import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import {
  type MouDetail,
  type PaperSignatureFields,
  SIGNATURE_SCAN_MAX_BYTES,
  SIGNATURE_SCAN_TYPES,
} from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { auditCtx, loadMou, readMou } from './mou.service.js';
import * as links from './mou.signing.repository.js';
import { loadSignatory, signVersionIn } from './mou.signing.service.js';

/**
 * A wet-ink signature, recorded by a staff member with the scanned page. The scan's type is read
 * from its content (magic bytes, `file-type`), never from its name or the declared content type.
 */

export const scanTooLarge = () =>
  new AppError(
    413,
    'scan_too_large',
    `The scan is larger than ${SIGNATURE_SCAN_MAX_BYTES / 1024 / 1024} MB. Scan at a lower resolution, or only the signature page.`,
  );

export async function recordPaperSignature(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  signatoryId: string,
  /** Reads the upload: called only once the actor may record, so nobody else's upload is read. */
  readUpload: () => Promise<{ fields: PaperSignatureFields; scan: Buffer | null }>,
): Promise<MouDetail> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.sign', resource, 'MOU');
  const signatory = await loadSignatory(ctx.db, mou.id, signatoryId);
  const { fields, scan } = await readUpload();
  if (!scan || scan.length === 0)
    throw new AppError(400, 'scan_missing', 'Attach the scanned signature page (PDF, PNG or JPEG).', [
      { path: 'scan', message: 'Attach the scanned page', code: 'scan_missing' },
    ]);
  if (scan.length > SIGNATURE_SCAN_MAX_BYTES) throw scanTooLarge();
  const type = await fileTypeFromBuffer(scan);
  if (!type || !(SIGNATURE_SCAN_TYPES as readonly string[]).includes(type.mime))
    throw new AppError(
      415,
      'scan_type_not_allowed',
      'The scan must be a PDF, PNG or JPEG file; this file is something else, whatever its name says.',
      [{ path: 'scan', message: 'PDF, PNG or JPEG only', code: 'file_type' }],
    );
  const sha256 = createHash('sha256').update(scan).digest('hex');
  await ctx.db.transaction().execute(async (trx) => {
    const sig = await signVersionIn(
      trx,
      ctx,
      actor,
      mou,
      signatory.id,
      // The paper carries the signatory's own signature: the record names them as listed.
      { version: fields.version, signedName: signatory.name },
      { method: 'paper', recordedBy: actor.userId, scanSha256: sha256 },
    );
    await links.insertScan(trx, {
      id: newId(),
      districtId: mou.districtId,
      signatureId: sig.id,
      mediaType: type.mime,
      byteSize: scan.length,
      sha256,
      contentBase64: scan.toString('base64'),
      createdAt: nowIso(),
    });
  });
  return readMou(ctx, actor, mouId);
}

export async function readSignatureScan(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  signatureId: string,
): Promise<{ bytes: Buffer; mediaType: string; filename: string }> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.read', resource, 'MOU');
  const sig = await ctx.db
    .selectFrom('mouSignatures')
    .innerJoin('mouVersions', 'mouVersions.id', 'mouSignatures.mouVersionId')
    .select(['mouSignatures.id'])
    .where('mouSignatures.id', '=', signatureId)
    .where('mouVersions.mouId', '=', mou.id)
    .executeTakeFirst();
  const scan = sig && (await links.findScan(ctx.db, sig.id));
  if (!scan) throw new NotFoundError('Signature scan');
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
      kind: 'mou.signature_scan_viewed',
      mouId: mou.id,
      signatureId: scan.signatureId,
    }),
  );
  const ext = scan.mediaType === 'application/pdf' ? 'pdf' : scan.mediaType === 'image/png' ? 'png' : 'jpg';
  return {
    bytes: Buffer.from(scan.contentBase64, 'base64'),
    mediaType: scan.mediaType,
    filename: `signature-${scan.signatureId}.${ext}`,
  };
}
