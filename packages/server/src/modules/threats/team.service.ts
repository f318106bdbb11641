import {
  DEFAULT_EQUITY_THRESHOLD,
  REQUIRED_TEAM_ROLES,
  type Team,
  type TeamInput,
  type TeamMembersInput,
  type TeamRole,
  type ThreatSettings,
  type ThreatSettingsInput,
  type Protocol,
  type Role,
} from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { authorize } from '../../shared/authorize.js';
import type { AppContext } from '../../shared/context.js';
import { ConflictError, type Issue, NotFoundError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { loadDistrictFor, loadDistrictForList } from '../../shared/load-district.js';
import { appendAudit } from '../audit/audit.service.js';
import { findSchool } from '../districts/district.repository.js';
import * as repo from './team.repository.js';

/** Issue 15 item 1: the district's threat assessment settings and its teams. */

/** The settings as stored, or the defaults: CSTAG, no law-enforcement threshold yet (the page asks for it). */
export async function settingsOf(db: Db, districtId: string): Promise<ThreatSettings> {
  const row = await repo.findSettings(db, districtId);
  return {
    id: districtId,
    districtId,
    protocol: (row?.protocol ?? 'cstag') as Protocol,
    leThreshold: row?.leThreshold ?? '',
    equityThreshold: row ? Number(row.equityThreshold) : DEFAULT_EQUITY_THRESHOLD,
    equityPublic: row ? Number(row.equityPublic) === 1 : false,
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function getSettings(ctx: AppContext, actor: Actor, districtId: string): Promise<ThreatSettings> {
  const district = await loadDistrictFor(ctx.db, actor, 'threat.settings', districtId);
  return settingsOf(ctx.db, district.id);
}

export async function putSettings(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  input: ThreatSettingsInput,
): Promise<ThreatSettings> {
  const district = await loadDistrictFor(ctx.db, actor, 'threat.settings', districtId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await settingsOf(trx, district.id);
    const row = {
      districtId: district.id,
      protocol: input.protocol,
      leThreshold: input.leThreshold,
      equityThreshold: input.equityThreshold,
      equityPublic: input.equityPublic ? 1 : 0,
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    };
    await trx
      .insertInto('threatSettings')
      .values(row)
      .onConflict((oc) => oc.column('districtId').doUpdateSet({ ...row, districtId: undefined }))
      .execute();
    const fields = (['protocol', 'leThreshold', 'equityThreshold', 'equityPublic'] as const).filter(
      (f) => before[f] !== input[f],
    );
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'threat_settings.updated', protocol: input.protocol, fields },
    );
  });
  return settingsOf(ctx.db, district.id);
}

/** Teams with their members, missing roles and open cases: two queries for any number of teams. */
async function teamsOut(db: Db, rows: Awaited<ReturnType<typeof repo.findTeams>>): Promise<Team[]> {
  const ids = rows.map((r) => r.id);
  const members = await repo.findMembers(db, ids);
  const open = await repo.openCaseCounts(db, ids);
  return rows.map((t) => {
    const mine = members.filter((m) => m.teamId === t.id);
    const roles = new Set(mine.map((m) => m.teamRole));
    return {
      id: t.id,
      districtId: t.districtId,
      schoolId: t.schoolId,
      schoolName: t.schoolName ?? null,
      name: t.name,
      members: mine.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        role: m.role as Role,
        teamRole: m.teamRole as TeamRole,
      })),
      missingRoles: REQUIRED_TEAM_ROLES.filter((r) => !roles.has(r)),
      openCases: open.get(t.id) ?? 0,
    };
  });
}

export async function listTeams(ctx: AppContext, actor: Actor, districtId: string): Promise<{ items: Team[] }> {
  const { district, scope } = await loadDistrictForList(ctx.db, actor, 'team.list', districtId);
  const rows = await repo.findTeams(ctx.db, district.id, scope === 'school' ? actor.schoolIds : undefined);
  return { items: await teamsOut(ctx.db, rows) };
}

async function teamOut(db: Db, id: string): Promise<Team> {
  const team = await repo.findTeam(db, id);
  const rows = (await repo.findTeams(db, team!.districtId)).filter((t) => t.id === id);
  return (await teamsOut(db, rows))[0]!;
}

export async function createTeam(ctx: AppContext, actor: Actor, districtId: string, input: TeamInput): Promise<Team> {
  const district = await loadDistrictFor(ctx.db, actor, 'team.write', districtId);
  if (input.schoolId) {
    const school = await findSchool(ctx.db, input.schoolId);
    if (!school || school.districtId !== district.id)
      throw new ValidationError('Unknown school', [
        { path: 'schoolId', message: 'This school is not in the district', code: 'unknown_school' },
      ]);
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    // One team per school and one district team: checked inside the transaction that adds it.
    if (await repo.findTeamOf(trx, district.id, input.schoolId))
      throw new ConflictError('This school or district already has a team', 'team_exists');
    const now = nowIso();
    await trx
      .insertInto('threatTeams')
      .values({
        id,
        districtId: district.id,
        schoolId: input.schoolId,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'threat_team.created', teamId: id, schoolId: input.schoolId },
    );
  });
  return teamOut(ctx.db, id);
}

export async function setMembers(
  ctx: AppContext,
  actor: Actor,
  teamId: string,
  input: TeamMembersInput,
): Promise<Team> {
  const team = await repo.findTeam(ctx.db, teamId);
  if (!team) throw new NotFoundError('Team');
  const district = await ctx.db
    .selectFrom('districts')
    .select(['id', 'state'])
    .where('id', '=', team.districtId)
    .executeTakeFirstOrThrow();
  authorize(actor, 'team.write', { districtId: district.id, state: district.state }, 'Team');
  const ids = input.members.map((m) => m.userId);
  const issues: Issue[] = ids.flatMap((id, i): Issue[] =>
    ids.indexOf(id) !== i
      ? [{ path: `members.${i}.userId`, message: 'This person is listed twice', code: 'listed_twice' as const }]
      : [],
  );
  const ok = new Set((await repo.findCandidates(ctx.db, district.id, nowIso(), ids)).map((c) => c.id));
  ids.forEach((id, i) => {
    if (!ok.has(id))
      issues.push({
        path: `members.${i}.userId`,
        message: 'Only active staff accounts of the district can join a team',
        code: 'not_team_candidate' as const,
      });
  });
  if (issues.length) throw new ValidationError('Some members cannot join this team', issues);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('threatTeamMembers').where('teamId', '=', team.id).execute();
    const now = nowIso();
    if (input.members.length)
      await trx
        .insertInto('threatTeamMembers')
        .values(
          input.members.map((m) => ({
            teamId: team.id,
            userId: m.userId,
            districtId: district.id,
            teamRole: m.teamRole,
            addedAt: now,
          })),
        )
        .execute();
    await trx.updateTable('threatTeams').set({ updatedAt: now }).where('id', '=', team.id).execute();
    await appendAudit(
      trx,
      { dialect: ctx.dialect, actor, districtId: district.id },
      { kind: 'threat_team.members_set', teamId: team.id, memberIds: ids },
    );
  });
  return teamOut(ctx.db, team.id);
}

export async function listCandidates(ctx: AppContext, actor: Actor, districtId: string) {
  const district = await loadDistrictFor(ctx.db, actor, 'team.write', districtId);
  const items = await repo.findCandidates(ctx.db, district.id, nowIso());
  return {
    items: items.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role as Role, schoolIds: u.schoolIds })),
  };
}
