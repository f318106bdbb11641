import {
  type MouDetail,
  type SignInput,
  SignInputSchema,
  type SignatoryInput,
  SignatoryInputSchema,
  type UpdateSignatoryInput,
  type MouSignatureMethod,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { loadDistrictFor } from '../../shared/load-district.js';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import * as repo from './mou.repository.js';
import { auditCtx, conflict, isUniqueViolation, loadMou, readMou } from './mou.service.js';

/**
 * Signatories and signatures. A signature covers one version's content hash, so a changed
 * version (a new version, new hash) needs every signatory to sign again. Every active signatory
 * must sign a version before it can be in force, so adding a signatory also asks for their
 * signature on the version in force.
 */

export async function addSignatory(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  input: SignatoryInput,
): Promise<MouDetail> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.write', resource, 'MOU');
  await ctx.db.transaction().execute((trx) => addSignatoryIn(trx, ctx, actor, mou, input));
  return readMou(ctx, actor, mouId);
}

export async function addSignatoryIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  mou: { id: string; districtId: string },
  raw: SignatoryInput,
) {
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted operator path.
  if (actor) await loadDistrictFor(trx, actor, 'mou.write', mou.districtId);
  const input = SignatoryInputSchema.parse(raw);
  const now = nowIso();
  await repo.touchMou(trx, mou.id, now);
  const row = {
    id: newId(),
    districtId: mou.districtId,
    mouId: mou.id,
    party: input.party,
    name: input.name,
    title: input.title,
    email: input.email,
    active: 1,
    createdAt: now,
  };
  await repo.insertSignatory(trx, row);
  await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
    kind: 'mou.signatory_changed',
    mouId: mou.id,
    signatoryId: row.id,
  });
  return row;
}

export async function loadSignatory(db: Db, mouId: string, signatoryId: string) {
  const s = await repo.findSignatory(db, signatoryId);
  // A signatory of another MOU answers like one that does not exist.
  if (!s || s.mouId !== mouId) throw new NotFoundError('Signatory');
  return s;
}

export async function updateSignatory(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  signatoryId: string,
  input: UpdateSignatoryInput,
): Promise<MouDetail> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.write', resource, 'MOU');
  await loadSignatory(ctx.db, mou.id, signatoryId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.touchMou(trx, mou.id, nowIso());
    const { active, ...rest } = input;
    await repo.updateSignatory(trx, signatoryId, { ...rest, ...(active !== undefined && { active: active ? 1 : 0 }) });
    await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
      kind: 'mou.signatory_changed',
      mouId: mou.id,
      signatoryId,
    });
  });
  return readMou(ctx, actor, mouId);
}

/**
 * A staff member signs as themselves: only as the signatory whose address is their own account's.
 * Before issue 12 a district administrator could type any signatory's name and sign for them; an
 * outside signatory now signs by link (mou.signing-link.service.ts) and a paper signature is
 * recorded with its scan (mou.paper.service.ts).
 */
export async function signVersion(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  signatoryId: string,
  input: SignInput,
): Promise<MouDetail> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.sign', resource, 'MOU');
  const signatory = await loadSignatory(ctx.db, mou.id, signatoryId);
  const me = await ctx.db
    .selectFrom('users')
    .select(['email', 'displayName'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  // Both the address and the name: an administrator who may edit a signatory's address must not
  // be able to point it at their own account and sign under someone else's name.
  if (
    !me ||
    !signatory.email ||
    signatory.email.toLowerCase() !== me.email.toLowerCase() ||
    normalName(signatory.name) !== normalName(me.displayName)
  )
    throw new AppError(
      403,
      'sign_as_yourself',
      "You can sign only as yourself (a signatory with your account's name and email address). Send this signatory a signing link, or record their paper signature with its scan.",
    );
  await ctx.db.transaction().execute((trx) =>
    signVersionIn(trx, ctx, actor, mou, signatoryId, input, {
      method: 'electronic_account',
      recordedBy: actor.userId,
      signerEmail: me.email,
    }),
  );
  return readMou(ctx, actor, mouId);
}

const normalName = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** How a signature was made and who is answerable for the record (see the 20261207T04 migration). */
export interface SignatureOrigin {
  method: MouSignatureMethod;
  recordedBy: string;
  signerEmail?: string | null;
  /** For a paper signature: the scan's SHA-256, so the audit trail pins the page that was uploaded. */
  scanSha256?: string | null;
}

/**
 * Records one signatory's signature on one version (the latest: an older version can no longer
 * be signed), with the content hash it covers. The typed name must be the signatory's name.
 * Callers prove who signs before calling: this function only records.
 */
export async function signVersionIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  mou: { id: string; districtId: string },
  signatoryId: string,
  raw: SignInput,
  origin: SignatureOrigin,
) {
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted path
  // (a signing link whose token and address code were checked, or the demo).
  if (actor) await loadDistrictFor(trx, actor, 'mou.sign', mou.districtId);
  const input = SignInputSchema.parse(raw);
  const now = nowIso();
  await repo.touchMou(trx, mou.id, now);
  const signatory = await loadSignatory(trx, mou.id, signatoryId);
  if (!signatory.active) throw conflict('This signatory is no longer active on this MOU', 'signatory_inactive');
  if (normalName(input.signedName) !== normalName(signatory.name))
    throw new ValidationError("Type the signatory's full name exactly as listed to sign", [
      { path: 'signedName', message: `Type "${signatory.name}"`, code: 'type_name', params: { value: signatory.name } },
    ]);
  const latest = await repo.latestVersionNumber(trx, mou.id);
  if (input.version !== latest) {
    if (input.version > latest || input.version < 1) throw new NotFoundError('MOU version');
    throw conflict(
      `Version ${input.version} has been replaced by version ${latest}; sign the latest version`,
      'version_replaced',
      {
        version: input.version,
        latest,
      },
    );
  }
  const version = await trx
    .selectFrom('mouVersions')
    .select(['id', 'contentHash'])
    .where('mouId', '=', mou.id)
    .where('version', '=', latest)
    .executeTakeFirstOrThrow();
  if (await repo.findSignature(trx, version.id, signatoryId))
    throw conflict('This signatory has already signed this version', 'already_signed');
  const row = {
    id: newId(),
    districtId: mou.districtId,
    mouVersionId: version.id,
    signatoryId,
    signedName: input.signedName,
    signedAt: now,
    contentHash: version.contentHash,
    recordedBy: origin.recordedBy,
    method: origin.method,
    signerEmail: origin.signerEmail ?? null,
  };
  try {
    await repo.insertSignature(trx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('This signatory has already signed this version', 'already_signed');
    throw err;
  }
  await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
    kind: 'mou.signed',
    mouId: mou.id,
    mouVersionId: version.id,
    signatoryId,
  });
  await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
    kind: 'mou.signature_method',
    mouId: mou.id,
    signatureId: row.id,
    method: origin.method,
    scanSha256: origin.scanSha256 ?? null,
  });
  return row;
}
