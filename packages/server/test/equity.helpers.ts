import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';

/**
 * Rows for the equity audit's tests and bench, written with plain inserts (the case and referral
 * services belong to other modules; the audit reads the tables as they are). Sealed columns hold
 * any `v1:` text: the audit never opens them.
 */
export interface Groups {
  race?: string;
  sex?: string;
  idea?: boolean;
  section504?: boolean;
  englishLearner?: boolean;
}

const flags = (g: Groups) => ({
  race: g.race ?? 'WH',
  sex: g.sex ?? 'F',
  idea: g.idea ? 1 : 0,
  section504: g.section504 ? 1 : 0,
  englishLearner: g.englishLearner ? 1 : 0,
});

export async function insertStudent(ctx: AppContext, districtId: string, schoolId: string, g: Groups = {}) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('students')
    .values({
      id,
      districtId,
      schoolId,
      localId: `S${id.slice(0, 10)}`,
      sourceId: null,
      givenName: 'Sam',
      familyName: 'Student',
      grade: '10',
      ...flags(g),
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function insertTeam(ctx: AppContext, districtId: string, schoolId: string | null) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('threatTeams')
    .values({ id, districtId, schoolId, name: 'Team', createdAt: now, updatedAt: now })
    .execute();
  return id;
}

export interface CaseRow extends Groups {
  districtId: string;
  schoolId: string;
  teamId: string;
  studentId: string;
  openedAt: string;
  severity?: 'low' | 'serious' | 'very_serious' | null;
  leInvolved?: boolean;
  outcome?: string | null;
}

let caseNo = 0;
export async function insertCase(ctx: AppContext, c: CaseRow) {
  const id = newId();
  const now = nowIso();
  caseNo++;
  await ctx.db
    .insertInto('threatCases')
    .values({
      id,
      districtId: c.districtId,
      number: `TA-2026-${String(caseNo).padStart(6, '0')}-${id.slice(0, 6)}`,
      schoolId: c.schoolId,
      teamId: c.teamId,
      studentId: c.studentId,
      protocol: 'cstag',
      source: 'staff_report',
      incidentId: null,
      tipId: null,
      status: c.outcome ? 'closed' : 'open',
      reportedBy: null,
      concernSealed: 'v1:x',
      openedAt: c.openedAt,
      ...flags(c),
      iepCheckedAt: null,
      iepCheckedBy: null,
      iepNoteSealed: null,
      classification: null,
      severity: c.severity ?? null,
      rationaleSealed: null,
      classifiedAt: null,
      classifiedBy: null,
      screeningAt: null,
      screeningBy: null,
      screeningSealed: null,
      leInvolved: c.leInvolved ? 1 : 0,
      leReasonSealed: null,
      safetyPlanSealed: null,
      safetyPlanAt: null,
      outcome: c.outcome ?? null,
      closureSealed: null,
      closedAt: c.outcome ? c.openedAt : null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export interface ReferralRow extends Groups {
  districtId: string;
  schoolId: string;
  studentId: string;
  madeAt: string;
  status: string;
}

export async function insertReferral(ctx: AppContext, r: ReferralRow) {
  const id = newId();
  const now = nowIso();
  await ctx.db
    .insertInto('supportReferrals')
    .values({
      id,
      districtId: r.districtId,
      schoolId: r.schoolId,
      studentId: r.studentId,
      providerId: null,
      kind: 'counselor',
      source: 'direct',
      caseId: null,
      incidentId: null,
      reasonSealed: 'v1:x',
      status: r.status,
      madeAt: r.madeAt,
      madeBy: null,
      acceptedAt: null,
      firstContactAt: null,
      ongoingAt: null,
      completedAt: r.status === 'completed' ? r.madeAt : null,
      declinedAt: null,
      followUpDueOn: r.madeAt.slice(0, 10),
      ...flags(r),
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/** The district's threat assessment settings with this equity threshold and public switch. */
export async function setEquitySettings(ctx: AppContext, districtId: string, threshold: number, isPublic = false) {
  await ctx.db.deleteFrom('threatSettings').where('districtId', '=', districtId).execute();
  await ctx.db
    .insertInto('threatSettings')
    .values({
      districtId,
      protocol: 'cstag',
      leThreshold: 'A weapon or a specific plan',
      equityThreshold: threshold,
      equityPublic: isPublic ? 1 : 0,
      updatedBy: null,
      updatedAt: nowIso(),
    })
    .execute();
}
