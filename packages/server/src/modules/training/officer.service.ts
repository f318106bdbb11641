import type {
  LinkableAccounts,
  Action,
  Assignment,
  MyOfficer,
  OfficerCreateInput,
  OfficerDetail,
  OfficerListQuery,
  OfficerPatchInput,
} from '@forefront/contract';
import { nowIso, type Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictFor, loadDistrictForList, type LoadedDistrict } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { findExceptions } from './exception.repository.js';
import * as repo from './officer.repository.js';
import { credentialNames, officersWithCompliance, todayOf } from './officer.view.js';
import type { OfficerTable } from './training.table.js';
import { findStandard } from './training.standard.repository.js';

/** The SRO roster (issue 14 item 1): officers with or without an account, each judged against the standard. */

/** The officer and its district, authorized for `action` (a principal: only officers serving their schools today). */
export async function loadOfficerFor(db: Db, actor: Actor, action: Action, id: string) {
  const officer = await repo.findOfficer(db, id);
  const district = officer ? await findDistrict(db, officer.districtId) : undefined;
  if (!officer || !district) throw new NotFoundError('Officer');
  const schoolIds = await repo.currentSchoolIds(db, officer.id, todayOf(district));
  authorize(actor, action, { districtId: district.id, state: district.state, schoolIds }, 'Officer');
  return { officer, district };
}

export async function listOfficers(ctx: AppContext, actor: Actor, districtId: string, q: OfficerListQuery) {
  const { district: d, scope } = await loadDistrictForList(ctx.db, actor, 'officer.list', districtId);
  return ctx.db.transaction().execute(async (trx) => {
    const ids = await repo.findRosterIds(trx, d.id, {
      q: q.q,
      status: q.status,
      schoolId: q.schoolId,
      onlySchoolIds: scope === 'school' ? actor.schoolIds : undefined,
      day: todayOf(d),
    });
    const rows = await rowsById(trx, ids);
    let officers = await officersWithCompliance(trx, d, ids, rows, await repo.schoolNames(trx, d.id));
    if (q.compliance) officers = officers.filter((o) => o.compliance.status === q.compliance);
    const items = officers.slice(q.offset, q.offset + q.limit);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: d.id },
      { kind: 'officer.listed', count: items.length, officerIds: items.map((o) => o.id) },
    );
    return { items, total: officers.length, limit: q.limit, offset: q.offset };
  });
}

async function rowsById(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, OfficerTable>();
  const rows = await db
    .selectFrom('officers')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** An account to link: an SRO of the district, not linked to another officer. */
async function checkAccount(db: Db, districtId: string, userId: string, officerId: string | null) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'districtId'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.districtId !== districtId || user.role !== 'sro')
    throw new ValidationError('Choose an SRO account of this district', [
      { path: 'userId', code: 'not_sro_account', message: 'Not an SRO account of this district' },
    ]);
  const linked = await repo.findOfficerOfUser(db, userId);
  if (linked && linked.id !== officerId)
    throw new ConflictError('This account is already linked to another officer', 'account_linked');
}

async function checkBadge(db: Db, districtId: string, agency: string, badge: string, officerId?: string) {
  if (await repo.findSameBadge(db, districtId, agency, badge, officerId))
    throw new ConflictError('An officer of this agency already has this badge number', 'officer_exists', {
      agency,
      badgeNumber: badge,
    });
}

/** Two saves at once that the checks could not see: the unique index answers, as a conflict. */
async function uniqueAsConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const onUser = /user_id/.test(e.message ?? '');
      throw new ConflictError(
        onUser ? 'This account is already linked to another officer' : 'An officer already has this badge',
        onUser ? 'account_linked' : 'officer_exists',
      );
    }
    throw err;
  }
}

export async function createOfficer(ctx: AppContext, actor: Actor, districtId: string, input: OfficerCreateInput) {
  const d = await loadDistrictFor(ctx.db, actor, 'officer.write', districtId);
  const id = await uniqueAsConflict(() =>
    ctx.db.transaction().execute(async (trx) => {
      await checkBadge(trx, d.id, input.agency, input.badgeNumber);
      if (input.userId) await checkAccount(trx, d.id, input.userId, null);
      const now = nowIso();
      const row: OfficerTable = {
        id: newId(),
        districtId: d.id,
        userId: input.userId ?? null,
        name: input.name,
        agency: input.agency,
        badgeNumber: input.badgeNumber,
        email: input.email ?? null,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      await repo.insertOfficer(trx, row);
      await appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: d.id },
        { kind: 'officer.created', officerId: row.id, userId: row.userId },
      );
      return row.id;
    }),
  );
  return detailOf(ctx.db, d, id);
}

/** SRO accounts the roster may link (officer.write): staff names and addresses, not audited. */
export async function linkableAccounts(ctx: AppContext, actor: Actor, districtId: string): Promise<LinkableAccounts> {
  const district = await loadDistrictFor(ctx.db, actor, 'officer.write', districtId);
  return { id: district.id, items: await repo.findLinkableAccounts(ctx.db, district.id) };
}

export async function readOfficer(ctx: AppContext, actor: Actor, id: string): Promise<OfficerDetail> {
  const { district } = await loadOfficerFor(ctx.db, actor, 'officer.read', id);
  return ctx.db.transaction().execute(async (trx) => {
    const detail = await detailOf(trx, district, id);
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'officer.viewed', officerId: id },
    );
    return detail;
  });
}

export async function patchOfficer(ctx: AppContext, actor: Actor, id: string, input: OfficerPatchInput) {
  const { district } = await loadOfficerFor(ctx.db, actor, 'officer.write', id);
  await uniqueAsConflict(() =>
    ctx.db.transaction().execute(async (trx) => {
      const current = await repo.findOfficer(trx, id);
      if (!current) throw new NotFoundError('Officer');
      const agency = input.agency ?? current.agency;
      const badge = input.badgeNumber ?? current.badgeNumber;
      if (input.agency !== undefined || input.badgeNumber !== undefined)
        await checkBadge(trx, district.id, agency, badge, id);
      if (input.userId) await checkAccount(trx, district.id, input.userId, id);
      const fields = Object.keys(input).sort();
      await repo.updateOfficer(trx, id, { ...input, updatedAt: nowIso() });
      await appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: district.id },
        { kind: 'officer.updated', officerId: id, fields },
      );
    }),
  );
  return detailOf(ctx.db, district, id);
}

/** The officer's page: the entry, today's compliance, assignment history, exceptions, the gate mode. */
export async function detailOf(db: Db, d: LoadedDistrict, id: string): Promise<OfficerDetail> {
  const row = await repo.findOfficer(db, id);
  if (!row) throw new NotFoundError('Officer');
  const names = await repo.schoolNames(db, d.id);
  const [officer] = await officersWithCompliance(db, d, [id], new Map([[id, row]]), names);
  const assignments: Assignment[] = (await repo.findAssignments(db, id)).map((a) => ({
    id: a.id,
    officerId: a.officerId,
    schoolId: a.schoolId,
    schoolName: names.get(a.schoolId) ?? '',
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    gate: a.gate as Assignment['gate'],
    exceptionId: a.exceptionId,
    createdAt: a.createdAt,
  }));
  const { items: exceptions } = await findExceptions(db, d.id, { officerId: id, state: 'all', day: todayOf(d) });
  const account = row.userId
    ? await db
        .selectFrom('users')
        .select(['id', 'displayName', 'email'])
        .where('id', '=', row.userId)
        .executeTakeFirst()
    : undefined;
  return {
    ...officer!,
    linkedAccount: account ?? null,
    assignments,
    exceptions,
    gateMode: (await findStandard(db, d.id)).gateMode,
    credentialTypes: await credentialNames(db, d.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** An SRO's own roster entry and training status (their own data: not an audited read of someone else). */
export async function myOfficer(ctx: AppContext, actor: Actor): Promise<MyOfficer> {
  const row = await repo.findOfficerOfUser(ctx.db, actor.userId);
  const district = row ? await findDistrict(ctx.db, row.districtId) : undefined;
  if (!row || !district || district.id !== actor.districtId) return { officer: null };
  const names = await repo.schoolNames(ctx.db, district.id);
  const [officer] = await officersWithCompliance(ctx.db, district, [row.id], new Map([[row.id, row]]), names);
  return { officer: { ...officer!, credentialTypes: await credentialNames(ctx.db, district.id) } };
}
