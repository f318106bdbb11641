import { type CaseOutcome, type TeamRole, addDays } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import type { seededRandom } from '../../shared/random.js';
import { districtSealer } from '../../keys/district-key.js';
import type { DemoAccountIds, DemoProvider } from './demo.threat.js';
import { type DemoStudent, type Sealed, seedDemoReferrals } from './demo.threat-referrals.js';
import * as T from './demo.threat-texts.js';

type Rnd = ReturnType<typeof seededRandom>;
export interface DemoTeam {
  id: string;
  schoolId: string | null;
  members: { userId: string; teamRole: TeamRole }[];
}

/** What a demo case shows: every CSTAG outcome, open ones with overdue work, some waiting. */
type Kind =
  | 'transient_closed'
  | 'serious_closed'
  | 'serious_open'
  | 'very_serious_open'
  | 'very_serious_closed'
  | 'ready_to_close'
  | 'unclassified';
const PLAN: [Kind, number, [number, number]][] = [
  ['transient_closed', 12, [20, 170]],
  ['serious_closed', 5, [60, 170]],
  ['serious_open', 5, [12, 40]],
  ['very_serious_open', 4, [10, 30]],
  ['very_serious_closed', 4, [90, 170]],
  ['ready_to_close', 3, [3, 6]],
  ['unclassified', 7, [0, 6]],
];
const CLOSED_OUTCOMES: Partial<Record<Kind, CaseOutcome[]>> = {
  transient_closed: ['resolved_no_action', 'resolved_no_action', 'support_only'],
  serious_closed: ['support_only', 'suspension'],
  very_serious_closed: ['arrest', 'alternative_placement', 'suspension', 'support_only'],
};

export interface SeedInput {
  districtId: string;
  schools: string[];
  teams: DemoTeam[];
  providers: DemoProvider[];
  accounts: DemoAccountIds;
  today: string;
}

const at = (date: string, minutes: number) =>
  new Date(Date.parse(`${date}T13:00:00.000Z`) + minutes * 60_000).toISOString();

export async function seedDemoCases(trx: Db, ctx: AppContext, rnd: Rnd, input: SeedInput) {
  const { districtId, teams, today } = input;
  const sealer = await districtSealer(trx, ctx.config, districtId);
  const seal: Sealed = (table, column, id, text) => sealer.seal(text, `${table}.${column}:${id}`);
  const [hsTeam, msTeam, esTeam, districtTeam] = teams as [DemoTeam, DemoTeam, DemoTeam, DemoTeam];
  const teamSchools = new Set(teams.map((t) => t.schoolId));
  const otherSchools = input.schools.filter((s) => !teamSchools.has(s));
  const students = await trx
    .selectFrom('students')
    .select(['id', 'schoolId', 'race', 'sex', 'idea', 'section504', 'englishLearner'])
    .where('districtId', '=', districtId)
    .where('active', '=', 1)
    .orderBy('schoolId')
    .orderBy('localId')
    .execute();
  const used = new Set<string>();
  const studentAt = (schoolId: string): DemoStudent => {
    const pool = students.filter((s) => s.schoolId === schoolId && !used.has(s.id));
    const s = rnd.pick(pool);
    used.add(s.id);
    return s;
  };

  // Which team and school each case has: ES only waits (its team lacks an administrator).
  let turn = 0;
  const drafts = PLAN.flatMap(([kind, n, [lo, hi]]) =>
    Array.from({ length: n }, (_, i) => {
      const team = kind === 'unclassified' && i < 2 ? esTeam : ([hsTeam, msTeam, districtTeam] as const)[turn++ % 3]!;
      const schoolId = team.schoolId ?? rnd.pick(otherSchools);
      const openedOn = addDays(today, -rnd.int(lo, hi));
      return { kind, i, team, schoolId, openedOn, minutes: rnd.int(0, 300), student: studentAt(schoolId) };
    }),
  ).sort((a, b) => a.openedOn.localeCompare(b.openedOn) || a.minutes - b.minutes);

  const perYear = new Map<string, number>();
  const caseIds: string[] = [];
  const forReferrals: { id: string; student: DemoStudent; schoolId: string; openedOn: string; open: boolean }[] = [];
  for (const d of drafts) {
    const id = rnd.uuid();
    const year = d.openedOn.slice(0, 4);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const number = `TA-${year}-${String(perYear.get(year)).padStart(4, '0')}`;
    const role = (r: TeamRole) => d.team.members.find((m) => m.teamRole === r)?.userId ?? null;
    const mh = role('mental_health')!;
    const admin = role('administrator');
    const le = role('law_enforcement');
    const openedAt = at(d.openedOn, d.minutes);
    const day = (n: number) => addDays(d.openedOn, n);
    const sev = d.kind.startsWith('transient') || d.kind === 'ready_to_close' ? 'transient' : null;
    const classification =
      d.kind === 'unclassified'
        ? null
        : (sev ?? (d.kind.startsWith('serious') ? 'serious_substantive' : 'very_serious_substantive'));
    const severity = { transient: 'low', serious_substantive: 'serious', very_serious_substantive: 'very_serious' };
    const words =
      classification === null
        ? T.CONCERNS.unclassified
        : classification === 'transient'
          ? T.CONCERNS.transient
          : classification === 'serious_substantive'
            ? T.CONCERNS.serious
            : T.CONCERNS.verySerious;
    const closed = d.kind.endsWith('_closed');
    const outcomes = CLOSED_OUTCOMES[d.kind];
    const outcome = outcomes ? outcomes[d.i % outcomes.length]! : null;
    const veryS = classification === 'very_serious_substantive';
    const leInvolved = veryS && (outcome === 'arrest' || outcome === 'alternative_placement' || d.i === 0);
    const hasPlan = classification !== null && classification !== 'transient';
    const closedOn = closed ? (hasPlan ? day(45) : day(2)) : null;
    const sped = d.student.idea === 1 || d.student.section504 === 1;
    await trx
      .insertInto('threatCases')
      .values({
        id,
        districtId,
        number,
        schoolId: d.schoolId,
        teamId: d.team.id,
        studentId: d.student.id,
        protocol: 'cstag',
        source: 'staff_report',
        incidentId: null,
        tipId: null,
        status: closed ? 'closed' : 'open',
        reportedBy: input.accounts.principal ?? null,
        concernSealed: seal('threat_cases', 'concern', id, words[d.i % words.length]!),
        openedAt,
        race: d.student.race,
        sex: d.student.sex,
        idea: d.student.idea,
        section504: d.student.section504,
        englishLearner: d.student.englishLearner,
        iepCheckedAt: sped && classification ? at(day(1), 0) : null,
        iepCheckedBy: sped && classification ? role('special_education') : null,
        iepNoteSealed:
          sped && classification
            ? seal(
                'threat_cases',
                'iep_note',
                id,
                'IEP/504 plan reviewed with the case manager; no change of placement.',
              )
            : null,
        classification,
        severity: classification ? severity[classification] : null,
        rationaleSealed: classification
          ? seal('threat_cases', 'rationale', id, T.RATIONALES[sev ? 'transient' : veryS ? 'verySerious' : 'serious'])
          : null,
        classifiedAt: classification ? at(day(1), 120) : null,
        classifiedBy: classification ? (admin ?? mh) : null,
        screeningAt: veryS ? at(day(2), 0) : null,
        screeningBy: veryS ? mh : null,
        screeningSealed: veryS ? seal('threat_cases', 'screening', id, T.SCREENINGS[d.i % 2]!) : null,
        leInvolved: leInvolved ? 1 : 0,
        leReasonSealed: leInvolved ? seal('threat_cases', 'le_reason', id, T.LE_REASONS[d.i % 2]!) : null,
        safetyPlanSealed: hasPlan ? seal('threat_cases', 'safety_plan', id, T.SAFETY_PLANS[d.i % 3]!) : null,
        safetyPlanAt: hasPlan ? at(day(3), 0) : null,
        outcome,
        closureSealed: closed && outcome ? seal('threat_cases', 'closure', id, T.CLOSURES[outcome]) : null,
        closedAt: closedOn ? at(closedOn, 240) : null,
        version: 1,
        createdAt: openedAt,
        updatedAt: closedOn ? at(closedOn, 240) : openedAt,
      })
      .execute();
    caseIds.push(id);
    const child = { districtId, caseId: id };

    // Interviews: none yet for some waiting cases; the student and others for the rest.
    const interviews = classification === null ? d.i % 2 : hasPlan ? 3 : 2;
    const kinds = ['student', 'recipient', 'witness'] as const;
    for (let k = 0; k < interviews; k++) {
      const iid = rnd.uuid();
      const kind = kinds[k]!;
      const pool = T.INTERVIEW_SUMMARIES[kind];
      await trx
        .insertInto('threatInterviews')
        .values({
          ...child,
          id: iid,
          intervieweeKind: kind,
          intervieweeSealed: seal(
            'threat_interviews',
            'interviewee',
            iid,
            kind === 'student' ? 'The student' : `A ${kind}`,
          ),
          interviewedAt: at(d.openedOn, 60 + 30 * k),
          interviewerId: k === 0 ? mh : (admin ?? mh),
          summarySealed: seal('threat_interviews', 'summary', iid, pool[(d.i + (veryS ? 3 : 0)) % pool.length]!),
          createdAt: at(d.openedOn, 60 + 30 * k),
        })
        .execute();
    }
    if (classification !== null) {
      const pid = rnd.uuid();
      await trx
        .insertInto('threatParentContacts')
        .values({
          ...child,
          id: pid,
          contactedAt: at(day(1), 30),
          method: rnd.pick(['phone', 'in_person', 'video'] as const),
          byUserId: admin ?? mh,
          noteSealed: seal('threat_parent_contacts', 'note', pid, T.PARENT_NOTES[d.i % 2]!),
          createdAt: at(day(1), 30),
        })
        .execute();
    }
    if (hasPlan) {
      // Tasks and weekly check-ins: all done on a closed case; an open one has overdue work.
      const owners = d.team.members.map((m) => m.userId);
      for (let k = 0; k < 3; k++) {
        const tid = rnd.uuid();
        const dueOn = closed ? day(7 + 7 * k) : k === 2 ? addDays(today, 5) : addDays(today, -1 - 2 * k);
        const done = closed || k === 0;
        await trx
          .insertInto('threatSafetyTasks')
          .values({
            ...child,
            id: tid,
            titleSealed: seal('threat_safety_tasks', 'title', tid, T.TASKS[(d.i + k) % T.TASKS.length]!),
            ownerId: owners[(d.i + k) % owners.length]!,
            dueOn,
            status: done ? 'done' : 'open',
            doneAt: done ? at(closed ? dueOn : day(4), 0) : null,
            createdAt: at(day(3), 10),
          })
          .execute();
      }
      const weeks = closed ? 5 : Math.max(1, Math.floor((Date.parse(today) - Date.parse(day(3))) / 604_800_000) + 1);
      for (let w = 0; w < weeks; w++) {
        const cid = rnd.uuid();
        const dueOn = day(7 + 7 * w);
        const done = closed || dueOn < addDays(today, -7);
        await trx
          .insertInto('threatCheckins')
          .values({
            ...child,
            id: cid,
            dueOn,
            ownerId: mh,
            doneAt: done ? at(dueOn, 60) : null,
            noteSealed: done ? seal('threat_checkins', 'note', cid, T.CHECKIN_NOTES[w % 3]!) : null,
            createdAt: at(day(3), 20),
          })
          .execute();
      }
    }
    const notes: [string, string | null, string][] = [];
    if (classification !== null) notes.push([T.CASE_NOTES[d.i % 2]!, admin ?? mh, 'education']);
    if (leInvolved && le) notes.push([T.SRO_NOTE, le, 'law_enforcement_unit']);
    for (const [body, author, recordClass] of notes) {
      const nid = rnd.uuid();
      await trx
        .insertInto('threatCaseNotes')
        .values({
          ...child,
          id: nid,
          authorId: author,
          recordClass,
          bodySealed: seal('threat_case_notes', 'body', nid, body),
          createdAt: at(day(2), 90),
        })
        .execute();
    }
    if (closedOn) {
      const signers = [mh, admin ?? le].filter((u): u is string => !!u);
      for (const userId of signers) {
        const teamRole = d.team.members.find((m) => m.userId === userId)!.teamRole;
        await trx
          .insertInto('threatCaseSignoffs')
          .values({ ...child, id: rnd.uuid(), userId, teamRole, signedAt: at(closedOn, 200) })
          .execute();
      }
    }
    if (hasPlan) forReferrals.push({ id, student: d.student, schoolId: d.schoolId, openedOn: day(3), open: !closed });
  }
  for (const [year, value] of perYear)
    await trx
      .insertInto('districtCounters')
      .values({ districtId, name: `threat_case:${year}`, value })
      .execute();

  const referralIds = await seedDemoReferrals(trx, rnd, seal, {
    ...input,
    fromCases: forReferrals,
    studentAt: (schoolId) => studentAt(schoolId),
  });
  return { caseIds, referralIds };
}
