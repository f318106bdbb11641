import type { TeamRole } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { districtSealer } from '../src/keys/district-key.js';
import type { AppContext } from '../src/shared/context.js';
import { newId } from '../src/shared/ids.js';

/**
 * Rows for the records tests (reminders, to-dos, the PDF), written directly as the demo does:
 * these tests check what is done with a case, not how a case is made (threat-cases.test.ts).
 * Sealed columns are sealed with the district key, with the same contexts as the services.
 */
export async function addStudent(
  ctx: AppContext,
  districtId: string,
  schoolId: string,
  over: { idea?: boolean; givenName?: string } = {},
) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('students')
    .values({
      id,
      districtId,
      schoolId,
      localId: `S${id.slice(0, 8)}`,
      sourceId: null,
      givenName: over.givenName ?? 'Jordan',
      familyName: `Rivera ${id.slice(0, 4)}`,
      grade: '10',
      race: 'HI',
      sex: 'M',
      idea: over.idea ? 1 : 0,
      section504: 0,
      englishLearner: 1,
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function addTeam(
  ctx: AppContext,
  districtId: string,
  schoolId: string | null,
  members: [userId: string, role: TeamRole][],
) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('threatTeams')
    .values({ id, districtId, schoolId, name: 'Test team', createdAt: now, updatedAt: now })
    .execute();
  await ctx.db
    .insertInto('threatTeamMembers')
    .values(members.map(([userId, teamRole]) => ({ teamId: id, userId, districtId, teamRole, addedAt: now })))
    .execute();
  return id;
}

export async function addCase(
  ctx: AppContext,
  c: {
    districtId: string;
    schoolId: string;
    teamId: string;
    studentId: string;
    number: string;
    openedAt: string;
    concern?: string;
    status?: 'open' | 'closed';
    classification?: string | null;
    severity?: string | null;
  },
) {
  const id = newId();
  const sealer = await districtSealer(ctx.db, ctx.config, c.districtId);
  await ctx.db
    .insertInto('threatCases')
    .values({
      id,
      districtId: c.districtId,
      number: c.number,
      schoolId: c.schoolId,
      teamId: c.teamId,
      studentId: c.studentId,
      protocol: 'cstag',
      source: 'staff_report',
      incidentId: null,
      tipId: null,
      status: c.status ?? 'open',
      reportedBy: null,
      concernSealed: sealer.seal(c.concern ?? 'A concern', `threat_cases.concern:${id}`),
      openedAt: c.openedAt,
      race: 'HI',
      sex: 'M',
      idea: 0,
      section504: 0,
      englishLearner: 1,
      iepCheckedAt: null,
      iepCheckedBy: null,
      iepNoteSealed: null,
      classification: c.classification ?? null,
      severity: c.severity ?? null,
      rationaleSealed: null,
      classifiedAt: c.classification ? c.openedAt : null,
      classifiedBy: null,
      screeningAt: null,
      screeningBy: null,
      screeningSealed: null,
      leInvolved: 0,
      leReasonSealed: null,
      safetyPlanSealed: null,
      safetyPlanAt: null,
      outcome: null,
      closureSealed: null,
      closedAt: c.status === 'closed' ? c.openedAt : null,
      version: 1,
      createdAt: c.openedAt,
      updatedAt: c.openedAt,
    })
    .execute();
  return id;
}

export async function addTask(
  ctx: AppContext,
  t: { districtId: string; caseId: string; ownerId: string; dueOn: string; status?: string; title?: string },
) {
  const id = newId();
  const sealer = await districtSealer(ctx.db, ctx.config, t.districtId);
  await ctx.db
    .insertInto('threatSafetyTasks')
    .values({
      id,
      districtId: t.districtId,
      caseId: t.caseId,
      titleSealed: sealer.seal(t.title ?? 'A task', `threat_safety_tasks.title:${id}`),
      ownerId: t.ownerId,
      dueOn: t.dueOn,
      status: t.status ?? 'open',
      doneAt: t.status === 'done' ? nowIso() : null,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

export async function addCheckin(
  ctx: AppContext,
  k: { districtId: string; caseId: string; ownerId: string; dueOn: string; done?: boolean },
) {
  const id = newId();
  await ctx.db
    .insertInto('threatCheckins')
    .values({
      id,
      districtId: k.districtId,
      caseId: k.caseId,
      dueOn: k.dueOn,
      ownerId: k.ownerId,
      doneAt: k.done ? nowIso() : null,
      noteSealed: null,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

export async function addProvider(ctx: AppContext, districtId: string, userId: string | null, name = 'Provider') {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('supportProviders')
    .values({
      id,
      districtId,
      kind: 'counselor',
      name,
      organization: null,
      userId,
      phone: null,
      email: null,
      languages: '["en"]',
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function addReferral(
  ctx: AppContext,
  r: {
    districtId: string;
    schoolId: string;
    studentId: string;
    providerId: string | null;
    madeBy: string | null;
    status: string;
    followUpDueOn: string;
    caseId?: string;
  },
) {
  const id = newId();
  const sealer = await districtSealer(ctx.db, ctx.config, r.districtId);
  const now = nowIso();
  await ctx.db
    .insertInto('supportReferrals')
    .values({
      id,
      districtId: r.districtId,
      schoolId: r.schoolId,
      studentId: r.studentId,
      providerId: r.providerId,
      kind: 'counselor',
      source: r.caseId ? 'case' : 'direct',
      caseId: r.caseId ?? null,
      incidentId: null,
      reasonSealed: sealer.seal('A reason', `support_referrals.reason:${id}`),
      status: r.status,
      madeAt: now,
      madeBy: r.madeBy,
      acceptedAt: null,
      firstContactAt: null,
      ongoingAt: null,
      completedAt: null,
      declinedAt: null,
      followUpDueOn: r.followUpDueOn,
      race: 'HI',
      sex: 'M',
      idea: 0,
      section504: 0,
      englishLearner: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}
