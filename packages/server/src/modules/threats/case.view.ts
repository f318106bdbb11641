import {
  type CaseDetail,
  type CaseOutcome,
  type CaseSource,
  type CaseStatus,
  type Classification,
  type Protocol,
  type TeamRole,
  can,
  localDate,
  missingRolesToClassify,
  referralAwaitsFollowUp,
  type ReferralStatus,
} from '@forefront/contract';
import { districtSealer } from '../../keys/district-key.js';
import type { Actor } from '../../shared/actor.js';
import type { AppContext } from '../../shared/context.js';
import { appendAudit } from '../audit/audit.service.js';
import { type CaseRow, caseResource } from './case.access.js';
import { caseProgress } from './case.progress.js';
import { openCaseFor, sealCtx } from './case.rules.js';
import { settingsOf } from './team.service.js';

/** Issue 15 item 2: a case as its team reads it, every sealed text opened with the district's key. */

const byCreated = <T extends { createdAt: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt);

/** The case's record for a reader already authorized (no audit: callers record the read or the write). */
export async function buildDetail(ctx: AppContext, actor: Actor, c: CaseRow): Promise<CaseDetail> {
  const db = ctx.db;
  const sealer = await districtSealer(db, ctx.config, c.districtId);
  const open = (table: string, column: string, id: string, v: string | null) =>
    sealer.openOrNull(v, sealCtx(table, column, id));
  const district = await db
    .selectFrom('districts')
    .select('timeZone')
    .where('id', '=', c.districtId)
    .executeTakeFirstOrThrow();
  const today = localDate(new Date(), district.timeZone);
  const progress = (await caseProgress(db, [c], today)).get(c.id)!;
  const school = await db.selectFrom('schools').select('name').where('id', '=', c.schoolId).executeTakeFirstOrThrow();
  const team = await db.selectFrom('threatTeams').select('name').where('id', '=', c.teamId).executeTakeFirstOrThrow();
  const student = await db
    .selectFrom('students')
    .select(['givenName', 'familyName'])
    .where('id', '=', c.studentId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('threatTeamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.userId', 'm.teamRole', 'u.displayName'])
    .where('m.teamId', '=', c.teamId)
    .orderBy('u.displayName')
    .execute();
  const [interviews, notes, themes, tasks, checkins, contacts, signoffs] = await Promise.all([
    db.selectFrom('threatInterviews').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatCaseNotes').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatCaseThemes').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatSafetyTasks').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatCheckins').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatParentContacts').selectAll().where('caseId', '=', c.id).execute(),
    db.selectFrom('threatCaseSignoffs').selectAll().where('caseId', '=', c.id).orderBy('signedAt').execute(),
  ]);
  const referrals = await db
    .selectFrom('supportReferrals as r')
    .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
    .select(['r.id', 'r.kind', 'r.status', 'r.followUpDueOn', 'p.name as providerName', 'r.madeAt'])
    .where('r.caseId', '=', c.id)
    .orderBy('r.madeAt')
    .execute();
  // Names of everyone the record mentions, in one query.
  const userIds = [
    ...new Set(
      [
        c.reportedBy,
        c.iepCheckedBy,
        c.classifiedBy,
        c.screeningBy,
        ...interviews.map((i) => i.interviewerId),
        ...notes.map((n) => n.authorId),
        ...tasks.map((t) => t.ownerId),
        ...checkins.map((k) => k.ownerId),
        ...contacts.map((p) => p.byUserId),
        ...signoffs.map((s) => s.userId),
      ].filter((x): x is string => x !== null),
    ),
  ];
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', userIds).execute()
    : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const who = (id: string | null) => ({ userId: id, displayName: id ? (names.get(id) ?? null) : null });
  const settings = await settingsOf(db, c.districtId);
  const student5 = {
    idea: Number(c.idea) === 1,
    section504: Number(c.section504) === 1,
  };
  const resource = await caseResource(db, c);
  let incidentNumber: string | null = null;
  if (c.incidentId)
    incidentNumber =
      (await db.selectFrom('incidents').select('number').where('id', '=', c.incidentId).executeTakeFirst())?.number ??
      null;

  return {
    id: c.id,
    districtId: c.districtId,
    number: c.number,
    schoolId: c.schoolId,
    schoolName: school.name,
    teamId: c.teamId,
    teamName: team.name,
    studentId: c.studentId,
    studentName: `${student.givenName} ${student.familyName}`,
    protocol: c.protocol as Protocol,
    source: c.source as CaseSource,
    status: c.status as CaseStatus,
    step: progress.step,
    classification: c.classification as Classification | null,
    severity: c.severity as CaseDetail['severity'],
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    overdue: progress.overdue,
    nextDueOn: progress.nextDueOn,
    concern: sealer.open(c.concernSealed, sealCtx('threat_cases', 'concern', c.id)),
    reportedBy: who(c.reportedBy),
    incidentId: c.incidentId,
    incidentNumber,
    tipId: c.tipId,
    student: { race: c.race, sex: c.sex, ...student5, englishLearner: Number(c.englishLearner) === 1 },
    team: {
      members: members.map((m) => ({ userId: m.userId, displayName: m.displayName, teamRole: m.teamRole as TeamRole })),
      missingToClassify: missingRolesToClassify(
        members.map((m) => m.teamRole as TeamRole),
        student5,
      ),
    },
    stepsDone: progress.stepsDone,
    stepsRequired: progress.stepsRequired,
    iepCheck: c.iepCheckedAt
      ? {
          at: c.iepCheckedAt,
          by: who(c.iepCheckedBy),
          note: open('threat_cases', 'iep_note', c.id, c.iepNoteSealed) ?? '',
        }
      : null,
    rationale: open('threat_cases', 'rationale', c.id, c.rationaleSealed),
    classifiedAt: c.classifiedAt,
    classifiedBy: c.classifiedBy ? who(c.classifiedBy) : null,
    safetyEvaluation: c.screeningAt
      ? {
          screening: open('threat_cases', 'screening', c.id, c.screeningSealed) ?? '',
          at: c.screeningAt,
          by: who(c.screeningBy),
          lawEnforcement: Number(c.leInvolved) === 1,
          lawEnforcementReason: open('threat_cases', 'le_reason', c.id, c.leReasonSealed),
        }
      : null,
    leThreshold: settings.leThreshold,
    safetyPlan:
      c.safetyPlanAt && c.safetyPlanSealed
        ? { plan: sealer.open(c.safetyPlanSealed, sealCtx('threat_cases', 'safety_plan', c.id)), at: c.safetyPlanAt }
        : null,
    interviews: interviews
      .sort((a, b) => a.interviewedAt.localeCompare(b.interviewedAt))
      .map((i) => ({
        id: i.id,
        intervieweeKind: i.intervieweeKind as CaseDetail['interviews'][number]['intervieweeKind'],
        interviewee: sealer.open(i.intervieweeSealed, sealCtx('threat_interviews', 'interviewee', i.id)),
        interviewedAt: i.interviewedAt,
        interviewer: who(i.interviewerId),
        summary: sealer.open(i.summarySealed, sealCtx('threat_interviews', 'summary', i.id)),
      })),
    themes: themes
      .sort((a, b) => a.theme.localeCompare(b.theme))
      .map((t) => ({
        theme: t.theme,
        finding: sealer.open(t.findingSealed, sealCtx('threat_case_themes', 'finding', t.id)),
        updatedAt: t.updatedAt,
      })),
    tasks: tasks
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || byCreated(a, b))
      .map((t) => ({
        id: t.id,
        title: sealer.open(t.titleSealed, sealCtx('threat_safety_tasks', 'title', t.id)),
        owner: who(t.ownerId),
        dueOn: t.dueOn,
        status: t.status as CaseDetail['tasks'][number]['status'],
        doneAt: t.doneAt,
        overdue: c.status === 'open' && t.status === 'open' && t.dueOn < today,
      })),
    checkins: checkins
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || byCreated(a, b))
      .map((k) => ({
        id: k.id,
        dueOn: k.dueOn,
        owner: who(k.ownerId),
        doneAt: k.doneAt,
        note: open('threat_checkins', 'note', k.id, k.noteSealed),
        overdue: c.status === 'open' && k.doneAt === null && k.dueOn < today,
      })),
    parentContacts: contacts
      .sort((a, b) => a.contactedAt.localeCompare(b.contactedAt))
      .map((p) => ({
        id: p.id,
        contactedAt: p.contactedAt,
        method: p.method as CaseDetail['parentContacts'][number]['method'],
        by: who(p.byUserId),
        note: open('threat_parent_contacts', 'note', p.id, p.noteSealed),
      })),
    notes: notes.sort(byCreated).map((n) => ({
      id: n.id,
      author: who(n.authorId),
      recordClass: n.recordClass as CaseDetail['notes'][number]['recordClass'],
      body: sealer.open(n.bodySealed, sealCtx('threat_case_notes', 'body', n.id)),
      createdAt: n.createdAt,
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      kind: r.kind,
      providerName: r.providerName ?? null,
      status: r.status,
      followUpDueOn: r.followUpDueOn,
      awaitsFollowUp: referralAwaitsFollowUp(r.status as ReferralStatus),
    })),
    signoffs: signoffs.map((s) => ({
      userId: s.userId,
      displayName: names.get(s.userId) ?? '',
      teamRole: s.teamRole as TeamRole,
      signedAt: s.signedAt,
    })),
    outcome: c.outcome as CaseOutcome | null,
    closure: open('threat_cases', 'closure', c.id, c.closureSealed),
    version: Number(c.version),
    canWrite: c.status === 'open' && can(actor, 'case.write', resource),
  };
}

/** GET /api/threat-cases/:id: every read is recorded; a refused one too (answered 404). */
export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseDetail> {
  const c = await openCaseFor(ctx, actor, 'case.read', id, 'GET /api/threat-cases/:id');
  const detail = await buildDetail(ctx, actor, c);
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor, districtId: c.districtId },
        { kind: 'threat_case.read', caseId: c.id },
      ),
    );
  return detail;
}
