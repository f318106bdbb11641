import { type PolicyResource, type Role, ROLES } from '@forefront/contract';
import { nowIso } from '../../src/db/database.js';
import { districtSealer } from '../../src/keys/district-key.js';
import { newId } from '../../src/shared/ids.js';
import type { AppContext } from '../../src/shared/context.js';
import { openCaseIn } from '../../src/modules/threats/case.intake.js';
import { sealCtx } from '../../src/modules/threats/case.rules.js';
import { buildUser } from '../builders.js';
import { buildStudent } from '../incident.helpers.js';
import type { Target, World } from './types.js';

/**
 * The threat assessment part of the matrix world (shared by threat-teams.ts and threat-cases.ts):
 * in the own district, a team at a1 on which every actor of the district sits (so a team-scoped
 * actor sees its cases) and a team at a2 on which none does (off the team: 404); a team in each
 * other district. Cases are opened through `openCaseIn`, as the tip line will, then brought to a
 * state where each step can run again and again.
 */
export interface ThreatTeamRef {
  label: string;
  districtId: string;
  resource: PolicyResource;
  teamId: string;
  schoolId: string;
  studentId: string;
  memberIds: string[];
  /** A member who may own a task; one per team role used by sign-offs. */
  owner: string;
  mentalHealth: string;
  administrator: string;
}

export let matrixCtx: AppContext | null = null;
const TEAM_ROLE_OF: Partial<Record<Role, string>> = {
  district_admin: 'administrator',
  support_staff: 'mental_health',
  sro: 'law_enforcement',
};

async function team(
  ctx: AppContext,
  label: string,
  d: PolicyResource,
  schoolId: string,
  members: { userId: string; teamRole: string }[],
): Promise<ThreatTeamRef> {
  const teamId = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('threatTeams')
    .values({ id: teamId, districtId: d.districtId, schoolId, name: `Team ${label}`, createdAt: now, updatedAt: now })
    .execute();
  await ctx.db
    .insertInto('threatTeamMembers')
    .values(members.map((m) => ({ teamId, districtId: d.districtId, addedAt: now, ...m })))
    .execute();
  const memberIds = members.map((m) => m.userId);
  const by = (r: string) => members.find((m) => m.teamRole === r)!.userId;
  return {
    label,
    districtId: d.districtId,
    resource: { ...d, schoolIds: [schoolId], memberIds },
    teamId,
    schoolId,
    studentId: await studentAt(ctx, d.districtId, schoolId),
    memberIds,
    owner: memberIds[0]!,
    mentalHealth: by('mental_health'),
    administrator: by('administrator'),
  };
}

/**
 * A student of the school: one another module already put there when there is one. A new student
 * changes the enrolment figures the matrix's transparency report publishes (and its suppression).
 */
async function studentAt(ctx: AppContext, districtId: string, schoolId: string): Promise<string> {
  const existing = await ctx.db
    .selectFrom('students')
    .select('id')
    .where('schoolId', '=', schoolId)
    .where('active', '=', 1)
    // No IEP or 504 plan: classifying the matrix's cases needs no IEP/504 check.
    .where('idea', '=', 0)
    .where('section504', '=', 0)
    .orderBy('id')
    .executeTakeFirst();
  return existing?.id ?? (await buildStudent(ctx, districtId, schoolId)).id;
}

/** Three fresh accounts playing the required roles. */
async function strangers(ctx: AppContext, districtId: string) {
  const out = [];
  for (const teamRole of ['administrator', 'mental_health', 'law_enforcement'])
    out.push({ userId: (await buildUser(ctx, { role: 'support_staff', districtId })).id, teamRole });
  return out;
}

let built: ThreatTeamRef[] | null = null;

/** The teams, built once whichever module's `extend` runs first. */
export async function threatTeams(ctx: AppContext, w: World): Promise<ThreatTeamRef[]> {
  if (built) return built;
  matrixCtx = ctx;
  const [dA, dB, dC] = w.districtTargets.map((t) => t.resource) as [PolicyResource, PolicyResource, PolicyResource];
  const own = ROLES.filter((r) => r !== 'state_viewer' && r !== 'auditor').map((r) => ({
    userId: w.actors[r].user.id,
    teamRole: TEAM_ROLE_OF[r] ?? 'other',
  }));
  built = [
    await team(ctx, 'with the actor on it', dA, w.schools.a1, own),
    await team(ctx, 'the actor is not on', dA, w.schools.a2, await strangers(ctx, dA.districtId)),
    await team(ctx, 'of another district in the same state', dB, w.schools.b1, await strangers(ctx, dB.districtId)),
    await team(ctx, 'in another state', dC, w.schools.c1, await strangers(ctx, dC.districtId)),
  ];
  return built;
}

export interface CaseOptions {
  protocol?: 'cstag' | 'ntac';
  /** Classified transient with an interview, a parent contact and both sign-offs: ready to close. */
  closable?: boolean;
}

/** A case of the team, classified very serious (or closable), with one interview. */
export async function matrixCase(ctx: AppContext, t: ThreatTeamRef, opts: CaseOptions = {}): Promise<string> {
  const db = ctx.db;
  const { id } = await db.transaction().execute((trx) =>
    openCaseIn(trx, ctx, null, {
      source: 'staff_report',
      schoolId: t.schoolId,
      studentId: t.studentId,
      concern: 'Matrix concern',
    }),
  );
  const sealer = await districtSealer(db, ctx.config, t.districtId);
  const ntac = opts.protocol === 'ntac';
  const classification = opts.closable ? 'transient' : ntac ? 'high_concern' : 'very_serious_substantive';
  const now = nowIso();
  await db
    .updateTable('threatCases')
    .set({
      protocol: ntac ? 'ntac' : 'cstag',
      classification,
      severity: opts.closable ? 'low' : 'very_serious',
      rationaleSealed: sealer.seal('Matrix rationale', sealCtx('threat_cases', 'rationale', id)),
      classifiedAt: now,
    })
    .where('id', '=', id)
    .execute();
  const interview = newId();
  await db
    .insertInto('threatInterviews')
    .values({
      id: interview,
      districtId: t.districtId,
      caseId: id,
      intervieweeKind: 'student',
      intervieweeSealed: sealer.seal('Student', sealCtx('threat_interviews', 'interviewee', interview)),
      interviewedAt: now,
      interviewerId: null,
      summarySealed: sealer.seal('Summary', sealCtx('threat_interviews', 'summary', interview)),
      createdAt: now,
    })
    .execute();
  if (opts.closable) {
    const base = { districtId: t.districtId, caseId: id };
    await db
      .insertInto('threatParentContacts')
      .values({
        id: newId(),
        ...base,
        contactedAt: now,
        method: 'phone',
        byUserId: null,
        noteSealed: null,
        createdAt: now,
      })
      .execute();
    await db
      .insertInto('threatCaseSignoffs')
      .values([
        { id: newId(), ...base, userId: t.mentalHealth, teamRole: 'mental_health', signedAt: now },
        { id: newId(), ...base, userId: t.administrator, teamRole: 'administrator', signedAt: now },
      ])
      .execute();
  }
  return id;
}

/** A target whose `id` (and `childId`, when given) is taken fresh from a pool at every request. */
export function poolTarget(
  label: string,
  resource: PolicyResource,
  ids: Record<string, string>,
  pools: Record<string, string[]>,
): Target {
  const out = { ...ids };
  for (const [k, pool] of Object.entries(pools))
    Object.defineProperty(out, k, { enumerable: true, get: () => pool.shift() ?? 'exhausted-pool' });
  return { label, resource, ids: out };
}
