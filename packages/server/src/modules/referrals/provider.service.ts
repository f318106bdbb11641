import type { Provider, ProviderInput, ProviderKind } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { districtOrNotFound, loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Db } from '../../db/database.js';
import * as repo from './provider.repository.js';
import type { SupportProviderTable } from './referral.table.js';

/**
 * The district's directory of counselors, social workers, psychologists and community providers
 * (issue 15 item 3). Staff contact details, not student data: writes are audited, reads are not.
 */
export function toProvider(r: SupportProviderTable, openReferrals: number): Provider {
  return {
    id: r.id,
    districtId: r.districtId,
    kind: r.kind as ProviderKind,
    name: r.name,
    organization: r.organization,
    userId: r.userId,
    phone: r.phone,
    email: r.email,
    languages: JSON.parse(r.languages) as string[],
    active: Number(r.active) === 1,
    openReferrals,
  };
}

export async function listProviders(ctx: AppContext, actor: Actor, districtId: string) {
  const { district } = await loadDistrictForList(ctx.db, actor, 'provider.list', districtId);
  const rows = await repo.findProviders(ctx.db, district.id);
  return { items: rows.map((r) => toProvider(r, r.openReferrals)) };
}

/** A linked account must be one of the district's support staff (their caseload is this provider's). */
async function checkLinkedUser(db: Db, districtId: string, userId: string | null | undefined) {
  if (!userId) return;
  if (!(await repo.findSupportStaff(db, districtId, userId)))
    throw new ValidationError('The linked account is not a support staff account of the district', [
      { path: 'userId', message: 'Not a support staff account of this district', code: 'not_support_staff' },
    ]);
}

export async function createProvider(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: ProviderInput,
): Promise<Provider> {
  const district = await loadDistrictFor(ctx.db, actor, 'provider.write', districtId);
  await checkLinkedUser(ctx.db, district.id, input.userId);
  const now = nowIso();
  const row: SupportProviderTable = {
    id: newId(),
    districtId: district.id,
    kind: input.kind,
    name: input.name,
    organization: input.organization || null,
    userId: input.userId ?? null,
    phone: input.phone || null,
    email: input.email ?? null,
    languages: JSON.stringify([...new Set(input.languages)]),
    active: input.active ? 1 : 0,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertProvider(trx, row);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'provider.created', providerId: row.id },
    );
  });
  return toProvider(row, 0);
}

/** PATCH replaces the entry with the form's values (the form always sends every field). */
export async function updateProvider(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ProviderInput,
): Promise<Provider> {
  const before = await repo.findProvider(ctx.db, id);
  if (!before) throw new NotFoundError('Provider');
  const district = await districtOrNotFound(ctx.db, before.districtId);
  authorize(actor, 'provider.write', { districtId: district.id, state: district.state }, 'Provider');
  await checkLinkedUser(ctx.db, district.id, input.userId);
  const patch = {
    kind: input.kind,
    name: input.name,
    organization: input.organization || null,
    userId: input.userId ?? null,
    phone: input.phone || null,
    email: input.email ?? null,
    languages: JSON.stringify([...new Set(input.languages)]),
    active: input.active ? 1 : 0,
  };
  const fields = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== before[k]);
  const after = { ...before, ...patch, updatedAt: nowIso() };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateProvider(trx, id, { ...patch, updatedAt: after.updatedAt });
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'provider.updated', providerId: id, fields },
    );
  });
  return toProvider(after, await repo.openReferralsOf(ctx.db, id));
}
