import { nowIso } from '../src/db/database.js';
import { insertReferralIn } from '../src/modules/referrals/referral.service.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';

/** A provider of the district's directory, written directly (the API is tested in referrals.test.ts). */
export async function insertProvider(
  ctx: AppContext,
  districtId: string,
  over: { name?: string; userId?: string | null; kind?: string } = {},
) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('supportProviders')
    .values({
      id,
      districtId,
      kind: over.kind ?? 'counselor',
      name: over.name ?? `Provider ${id.slice(0, 4)}`,
      organization: null,
      userId: over.userId ?? null,
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

/** A referral made `daysAgo` days ago with its follow-up due `dueInDays` from today (negative: passed). */
export function insertReferral(
  ctx: AppContext,
  r: {
    districtId: string;
    schoolId: string;
    studentId: string;
    providerId?: string | null;
    caseId?: string | null;
    daysAgo?: number;
    dueInDays?: number;
    reason?: string;
  },
) {
  const day = 86_400_000;
  const madeAt = new Date(Date.now() - (r.daysAgo ?? 0) * day).toISOString();
  const due = new Date(Date.now() + (r.dueInDays ?? 14) * day).toISOString().slice(0, 10);
  return ctx.db.transaction().execute((trx) =>
    insertReferralIn(trx, ctx, null, r.districtId, {
      studentId: r.studentId,
      schoolId: r.schoolId,
      kind: 'counselor',
      providerId: r.providerId ?? null,
      reason: r.reason ?? 'Needs someone to talk to',
      followUpDueOn: due,
      source: r.caseId ? 'case' : 'direct',
      caseId: r.caseId ?? null,
      incidentId: null,
      madeAt,
    }),
  );
}

/** A threat assessment case of a school team with these members (H2 builds the real intake). */
export async function insertCase(
  ctx: AppContext,
  d: { districtId: string; schoolId: string; studentId: string; memberIds: string[] },
) {
  const now = nowIso();
  const teamId = newId();
  const caseId = newId();
  await ctx.db
    .insertInto('threatTeams')
    .values({
      id: teamId,
      districtId: d.districtId,
      schoolId: d.schoolId,
      name: 'Team',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const userId of d.memberIds)
    await ctx.db
      .insertInto('threatTeamMembers')
      .values({ teamId, userId, districtId: d.districtId, teamRole: 'mental_health', addedAt: now })
      .execute();
  await ctx.db
    .insertInto('threatCases')
    .values({
      id: caseId,
      districtId: d.districtId,
      number: `TA-${caseId.slice(0, 8)}`,
      schoolId: d.schoolId,
      teamId,
      studentId: d.studentId,
      protocol: 'cstag',
      source: 'staff_report',
      incidentId: null,
      tipId: null,
      status: 'open',
      reportedBy: null,
      concernSealed: 'x',
      openedAt: now,
      race: 'WH',
      sex: 'F',
      idea: 0,
      section504: 0,
      englishLearner: 0,
      iepCheckedAt: null,
      iepCheckedBy: null,
      iepNoteSealed: null,
      classification: null,
      severity: null,
      rationaleSealed: null,
      classifiedAt: null,
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
      closedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return caseId;
}
