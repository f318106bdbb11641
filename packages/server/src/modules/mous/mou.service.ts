import {
  type ConflictReason,
  type CreateMouInput,
  CreateMouInputSchema,
  type CreateMouVersionInput,
  CreateMouVersionInputSchema,
  type MouDetail,
  type Lang,
  type MouDiff,
  type IssueParams,
  defaultRoleRules,
} from '@forefront/contract';
import { type Db, nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { districtOrNotFound, loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { templateClauses } from './mou.clauses.js';
import { diffClauses, diffRoleRules } from './mou.diff.js';
import { renderMouPdf } from './mou.pdf.js';
import * as repo from './mou.repository.js';
import { oneYearAfter, todayIso } from './mou.status.js';
import { contentHash, loadBundle, loadBundles, toDetail, toSummary } from './mou.view.js';

export const auditCtx = (ctx: AppContext, actor: Actor | null, districtId: string): AuditContext => ({
  dialect: ctx.dialect,
  actor,
  districtId,
});

/** Loads an MOU and its district, answering 404 for an MOU the actor may not know exists. */
export async function loadMou(db: Db, id: string) {
  const mou = await repo.findMou(db, id);
  const district = mou && (await findDistrict(db, mou.districtId));
  if (!mou || !district) throw new NotFoundError('MOU');
  return { mou, district, resource: { districtId: district.id, state: district.state } };
}

export async function listMous(ctx: AppContext, actor: Actor, districtId: string) {
  const { district: d } = await loadDistrictForList(ctx.db, actor, 'mou.list', districtId);
  const today = todayIso();
  const bundles = await loadBundles(ctx.db, await repo.findMousOfDistrict(ctx.db, d.id), today);
  return { items: bundles.map((b) => toSummary(b, today)) };
}

export async function readMou(ctx: AppContext, actor: Actor, id: string): Promise<MouDetail> {
  const { mou, district, resource } = await loadMou(ctx.db, id);
  authorize(actor, 'mou.read', resource, 'MOU');
  const today = todayIso();
  return toDetail(await loadBundle(ctx.db, mou, today), today, district.name);
}

export async function createMou(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: CreateMouInput,
): Promise<MouDetail> {
  const d = await loadDistrictFor(ctx.db, actor, 'mou.write', districtId);
  const { mouId } = await ctx.db.transaction().execute((trx) => createMouIn(trx, ctx, actor, d.id, input));
  return readMou(ctx, actor, mouId);
}

/**
 * Creates an MOU with version 1 from the template's clauses and the evidence-based default role
 * rules, inside the caller's transaction. For the demo and other callers without a request:
 * `recordedBy` names the user recorded as the version's author when there is no actor.
 */
export async function createMouIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  districtId: string,
  raw: CreateMouInput,
  recordedBy = actor?.userId,
) {
  if (!recordedBy) throw new Error('createMouIn needs an actor or a recordedBy user id');
  const input = CreateMouInputSchema.parse(raw);
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted operator path.
  const district = actor
    ? await loadDistrictFor(trx, actor, 'mou.write', districtId)
    : await districtOrNotFound(trx, districtId);
  const now = nowIso();
  const mou = {
    id: newId(),
    districtId,
    title: input.title,
    agencyName: input.agencyName,
    template: input.template,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertMou(trx, mou);
  await appendAudit(trx, auditCtx(ctx, actor, districtId), { kind: 'mou.created', mouId: mou.id });
  const version = await createVersionIn(
    trx,
    ctx,
    actor,
    mou,
    {
      clauses: templateClauses(
        input.template,
        { district: district.name, agency: input.agencyName },
        input.language ?? 'en',
      ),
      language: input.language ?? 'en',
      roleRules: defaultRoleRules(),
      effectiveDate: input.effectiveDate,
      reviewDate: input.reviewDate ?? oneYearAfter(input.effectiveDate),
      changeNote: 'First version, from the clause library',
    },
    recordedBy,
  );
  return { mouId: mou.id, versionId: version.id, version: version.version };
}

export async function createVersion(
  ctx: AppContext,
  actor: Actor,
  mouId: string,
  input: CreateMouVersionInput,
): Promise<MouDetail> {
  const { mou, resource } = await loadMou(ctx.db, mouId);
  authorize(actor, 'mou.write', resource, 'MOU');
  await ctx.db.transaction().execute((trx) => createVersionIn(trx, ctx, actor, mou, input));
  return readMou(ctx, actor, mouId);
}

/** Writes the next version (immutable from here on) and its content hash, inside the caller's transaction. */
export async function createVersionIn(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  mou: { id: string; districtId: string },
  raw: CreateMouVersionInput,
  recordedBy = actor?.userId,
) {
  if (!recordedBy) throw new Error('createVersionIn needs an actor or a recordedBy user id');
  // The ...In rule (docs/ARCHITECTURE.md): a given actor is authorized here; null is a trusted operator path.
  if (actor) await loadDistrictFor(trx, actor, 'mou.write', mou.districtId);
  const input = CreateMouVersionInputSchema.parse(raw);
  const now = nowIso();
  await repo.touchMou(trx, mou.id, now);
  const version = (await repo.latestVersionNumber(trx, mou.id)) + 1;
  // A new version is written in the language of the one before it unless it says otherwise.
  const language = input.language ?? (await repo.versionLanguage(trx, mou.id, version - 1)) ?? 'en';
  const row = {
    id: newId(),
    districtId: mou.districtId,
    mouId: mou.id,
    version,
    clauses: JSON.stringify(input.clauses),
    roleRules: JSON.stringify(input.roleRules),
    effectiveDate: input.effectiveDate,
    reviewDate: input.reviewDate,
    changeNote: input.changeNote,
    contentHash: contentHash({ ...input, language }),
    language,
    createdBy: recordedBy,
    createdAt: now,
  };
  await repo.insertVersion(trx, row);
  await appendAudit(trx, auditCtx(ctx, actor, mou.districtId), {
    kind: 'mou.version_created',
    mouId: mou.id,
    mouVersionId: row.id,
    version,
  });
  return row;
}

/** A version number from the URL: anything but an existing version answers 404 like a missing MOU would. */
function pickVersion<T extends { version: number }>(
  versions: readonly T[],
  wanted: number | string | undefined,
  fallback: T,
): T {
  if (wanted === undefined) return fallback;
  const n = typeof wanted === 'number' ? wanted : /^\d{1,9}$/.test(wanted) ? Number(wanted) : NaN;
  const v = versions.find((x) => x.version === n);
  if (!v) throw new NotFoundError('MOU version');
  return v;
}

export async function diffMou(
  ctx: AppContext,
  actor: Actor,
  id: string,
  q: { from?: number | undefined; to?: number | undefined },
): Promise<MouDiff> {
  const { mou, resource } = await loadMou(ctx.db, id);
  authorize(actor, 'mou.read', resource, 'MOU');
  const b = await loadBundle(ctx.db, mou, todayIso());
  const byNumber = [...b.versions].sort((x, y) => x.version - y.version);
  const to = pickVersion(byNumber, q.to, byNumber[byNumber.length - 1]!);
  const from = pickVersion(byNumber, q.from, byNumber.filter((v) => v.version < to.version).pop() ?? to);
  const dateChanges = (['effectiveDate', 'reviewDate'] as const)
    .filter((k) => from[k] !== to[k])
    .map((k) => ({ rule: k, from: from[k], to: to[k] }));
  return {
    id: mou.id,
    from: from.version,
    to: to.version,
    clauses: diffClauses(from.clauses, to.clauses),
    ruleChanges: diffRoleRules(from.roleRules, to.roleRules),
    dateChanges,
  };
}

export async function versionPdf(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: string,
  lang: Lang = 'en',
): Promise<{ pdf: Buffer; filename: string }> {
  const { mou, district, resource } = await loadMou(ctx.db, id);
  authorize(actor, 'mou.read', resource, 'MOU');
  const today = todayIso();
  const b = await loadBundle(ctx.db, mou, today);
  const v = pickVersion(b.versions, version, b.versions[0]!);
  const pdf = await renderMouPdf({
    bundle: b,
    version: v,
    districtName: district.name,
    status: b.standing.statuses.get(v.id)!,
    lang,
  });
  const slug =
    mou.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'mou';
  return { pdf, filename: `${slug}-v${v.version}${lang === 'en' ? '' : `-${lang}`}.pdf` };
}

/** A unique-key race that slipped past the checks: answer 409, never 500. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? '')
  );
}
export const conflict = (message: string, reason: ConflictReason, params?: IssueParams) =>
  new ConflictError(message, reason, params);
