import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  type Lang,
  type LinkSignInput,
  type LinkSigned,
  SIGNING_CODE_MAX_ATTEMPTS,
  SIGNING_CODE_TTL_MINUTES,
  SIGNING_CODES_PER_LINK,
  SIGNING_LINK_TTL_HOURS,
  type SigningCodeSent,
  type SigningDocument,
  type SigningLinkSent,
  type SigningLinkView,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { AppError, TooManyRequestsError, ValidationError } from '../../shared/errors.js';
import { newId, newToken, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { plainRoleRules } from './mou.plain.js';
import * as repo from './mou.repository.js';
import { auditCtx, conflict, loadMou } from './mou.service.js';
import * as links from './mou.signing.repository.js';
import { loadSignatory, signVersionIn } from './mou.signing.service.js';
import type { MouSigningLinkRow } from './mou.table.js';
import { parseVersion } from './mou.view.js';

/**
 * An outside signatory (a police chief, a sheriff) signs without a staff account: a district
 * administrator sends a one-time link to the signatory's address; the signatory asks for a code,
 * which goes to the same address (proving they read that mailbox, not just that they hold the
 * link), reads the exact version with its fingerprint and signs it. The link is stored only as a
 * hash, expires, works once, and a limited number of codes and tries bound the guessing. Every
 * step is an audit event in the district's chain (no actor: the signatory has no account).
 */

export const signingLinkUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/mou-signing/${token}`;

const linkInvalid = () =>
  new AppError(
    410,
    'signing_link_invalid',
    'This signing link is not valid any more (used, replaced, expired, or the agreement changed). Ask the district for a new one.',
  );

/** `c***@riverbend.example`: enough to recognise one's address, not enough to harvest it. */
export const emailHint = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
};

const codeHashOf = (linkId: string, code: string) => sha256Hex(`${linkId}:${code}`);

export async function sendSigningLink(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  signatoryId: string,
): Promise<SigningLinkSent> {
  const { mou, district, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.write', resource, 'MOU');
  const signatory = await loadSignatory(ctx.db, mou.id, signatoryId);
  if (!signatory.email)
    throw new AppError(
      400,
      'signatory_email_missing',
      "Add the signatory's email address first: the signing link and its code go to that address.",
    );
  const email = signatory.email;
  // Someone with a Forefront account in this district signs signed in, as themselves; a link to a
  // staff address would let whoever controls that account sign under the signatory's name.
  const staff = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('districtId', '=', mou.districtId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (staff)
    throw new AppError(
      409,
      'signatory_has_account',
      'This address belongs to a Forefront account in this district: that person signs signed in to their own account.',
    );
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SIGNING_LINK_TTL_HOURS * 3600_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.touchMou(trx, mou.id, now.toISOString());
    if (!signatory.active) throw conflict('This signatory is no longer active on this MOU', 'signatory_inactive');
    const latest = await latestVersion(trx, mou.id);
    if (await repo.findSignature(trx, latest.id, signatory.id))
      throw conflict('This signatory has already signed the latest version', 'already_signed');
    // One open link per signatory: a new one replaces any sent before.
    for (const old of await links.findOpenLinks(trx, signatory.id)) {
      await links.revokeLink(trx, old.id, now.toISOString());
      await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
        kind: 'mou.signing_link_revoked',
        mouId: mou.id,
        linkId: old.id,
      });
    }
    const id = newId();
    await links.insertLink(trx, {
      id,
      districtId: mou.districtId,
      mouId: mou.id,
      mouVersionId: latest.id,
      signatoryId: signatory.id,
      email,
      tokenHash: sha256Hex(token),
      codeHash: null,
      codeExpiresAt: null,
      verifiedAt: null,
      expiresAt,
      usedAt: null,
      revokedAt: null,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    });
    await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
      kind: 'mou.signing_link_sent',
      mouId: mou.id,
      signatoryId: signatory.id,
      linkId: id,
    });
  });
  const delivered = await ctx.mailer.send({
    to: email,
    districtId: mou.districtId,
    subject: `Please sign: ${mou.title} (${district.name})`,
    text:
      `Hello ${signatory.name},\n\n${district.name} asks you to sign "${mou.title}", the memorandum of understanding ` +
      `between ${district.name} and ${mou.agencyName}.\n\nOpen this link to read the agreement and sign it. ` +
      `The link works once and expires in ${SIGNING_LINK_TTL_HOURS} hours; to prove this address is yours, ` +
      `the page will send a code to it.\n\n${signingLinkUrl(ctx, token)}\n\nIf you did not expect this, ignore this message.`,
  });
  return { sentTo: email, expiresAt, delivered };
}

const latestVersion = async (db: Db, mouId: string) =>
  db
    .selectFrom('mouVersions')
    .selectAll()
    .where('mouId', '=', mouId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

/**
 * The link's row, if it can still be used: known, not used, not revoked, not expired, and still
 * naming the latest version (a newer version needs a new link: the signatory must read it).
 */
async function usableLink(db: Db, token: string): Promise<MouSigningLinkRow> {
  const link = await links.findLinkByTokenHash(db, sha256Hex(token));
  if (!link || link.usedAt || link.revokedAt || Date.parse(link.expiresAt) <= Date.now()) throw linkInvalid();
  const latest = await latestVersion(db, link.mouId);
  if (latest.id !== link.mouVersionId) throw linkInvalid();
  return link;
}

export async function viewSigningLink(ctx: AppContext, token: string): Promise<SigningLinkView> {
  return ctx.db.transaction().execute(async (trx) => {
    const link = await usableLink(trx, token);
    const mou = (await repo.findMou(trx, link.mouId))!;
    const district = (await findDistrict(trx, link.districtId))!;
    const signatory = (await repo.findSignatory(trx, link.signatoryId))!;
    const version = await latestVersion(trx, link.mouId);
    await appendAudit(trx, auditCtx(ctx, null, link.districtId), {
      kind: 'mou.signing_link_opened',
      mouId: link.mouId,
      linkId: link.id,
    });
    return {
      mouTitle: mou.title,
      agencyName: mou.agencyName,
      districtName: district.name,
      signatoryName: signatory.name,
      signatoryTitle: signatory.title,
      party: signatory.party,
      version: Number(version.version),
      emailHint: emailHint(link.email),
      expiresAt: link.expiresAt,
      codeSent: link.codeHash !== null && Date.parse(link.codeExpiresAt ?? '') > Date.now(),
    };
  });
}

export async function sendSigningCode(ctx: AppContext, token: string): Promise<SigningCodeSent> {
  const link = await usableLink(ctx.db, token);
  if (link.codesSent >= SIGNING_CODES_PER_LINK)
    throw new TooManyRequestsError(
      'This link has sent all the codes it may send. Ask the district for a new signing link.',
    );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeExpiresAt = new Date(Date.now() + SIGNING_CODE_TTL_MINUTES * 60_000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await links.setCode(trx, link.id, link.codesSent, { codeHash: codeHashOf(link.id, code), codeExpiresAt })))
      throw conflict('Another code was just sent for this link; use the newest one', 'code_just_sent');
    await appendAudit(trx, auditCtx(ctx, null, link.districtId), {
      kind: 'mou.signing_code_sent',
      mouId: link.mouId,
      linkId: link.id,
      codeNumber: link.codesSent + 1,
    });
  });
  const mou = (await repo.findMou(ctx.db, link.mouId))!;
  const delivered = await ctx.mailer.send({
    to: link.email,
    districtId: link.districtId,
    subject: `Your signing code: ${code}`,
    text: `Your code to sign "${mou.title}" is:\n\n${code}\n\nIt expires in ${SIGNING_CODE_TTL_MINUTES} minutes. If you did not ask for it, ignore this message.`,
  });
  if (!delivered)
    throw new AppError(503, 'mail_failed', 'The code could not be sent to your address. Try again in a few minutes.');
  return { codeExpiresAt, codesLeft: SIGNING_CODES_PER_LINK - link.codesSent - 1 };
}

/**
 * Checks the mailed code. A try is claimed (and committed) before the comparison, so wrong
 * guesses count even though the request then fails, and parallel guesses cannot pass the limit.
 */
async function checkCode(ctx: AppContext, link: MouSigningLinkRow, code: string) {
  if (!link.codeHash || Date.parse(link.codeExpiresAt ?? '') <= Date.now())
    throw new AppError(400, 'signing_code_expired', 'Ask for a code first, or a new one: the last one has expired.');
  if (!(await links.claimCodeAttempt(ctx.db, link.id, SIGNING_CODE_MAX_ATTEMPTS)))
    throw new TooManyRequestsError('Too many wrong codes. Ask for a new code.');
  const ok = timingSafeEqual(Buffer.from(codeHashOf(link.id, code)), Buffer.from(link.codeHash));
  if (ok) return;
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, auditCtx(ctx, null, link.districtId), {
      kind: 'mou.signing_code_failed',
      mouId: link.mouId,
      linkId: link.id,
      attempts: link.codeAttempts + 1,
    }),
  );
  throw new AppError(400, 'signing_code_wrong', 'That code is not right. Check the latest message we sent you.', [
    { path: 'code', message: 'That code is not right', code: 'not_correct' },
  ]);
}

/** After a right code: the exact version to sign, with its fingerprint. */
export async function verifySigningCode(
  ctx: AppContext,
  token: string,
  code: string,
  lang: Lang = 'en',
): Promise<SigningDocument> {
  const link = await usableLink(ctx.db, token);
  await checkCode(ctx, link, code);
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await usableLink(trx, token);
    await links.markVerified(trx, fresh.id, nowIso());
    await appendAudit(trx, auditCtx(ctx, null, fresh.districtId), {
      kind: 'mou.signing_code_verified',
      mouId: fresh.mouId,
      linkId: fresh.id,
    });
    const v = parseVersion(await latestVersion(trx, fresh.mouId));
    return {
      version: v.version,
      contentHash: v.contentHash,
      effectiveDate: v.effectiveDate,
      reviewDate: v.reviewDate,
      language: v.language,
      clauses: v.clauses,
      roleRulesPlain: plainRoleRules(v.roleRules, lang),
    };
  });
}

export async function signByLink(ctx: AppContext, token: string, input: LinkSignInput): Promise<LinkSigned> {
  const link = await usableLink(ctx.db, token);
  if (!link.verifiedAt)
    throw new AppError(400, 'signing_code_expired', 'Enter the code sent to your address before signing.');
  await checkCode(ctx, link, input.code);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.touchMou(trx, link.mouId, nowIso());
    const fresh = await usableLink(trx, token);
    const version = await latestVersion(trx, fresh.mouId);
    if (version.contentHash !== input.contentHash)
      throw new ValidationError('The fingerprint does not match the version you were asked to sign', [
        { path: 'contentHash', message: 'Reload the page and read the agreement again', code: 'text_changed' },
      ]);
    if (!(await links.markUsed(trx, fresh.id, nowIso()))) throw linkInvalid();
    const row = await signVersionIn(
      trx,
      ctx,
      null,
      { id: fresh.mouId, districtId: fresh.districtId },
      fresh.signatoryId,
      { version: Number(version.version), signedName: input.signedName },
      { method: 'electronic_link', recordedBy: fresh.createdBy, signerEmail: fresh.email },
    );
    return {
      version: Number(version.version),
      contentHash: row.contentHash,
      signedName: row.signedName,
      signedAt: row.signedAt,
      method: 'electronic_link' as const,
    };
  });
}
