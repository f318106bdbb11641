import { type ProviderKind, type ReferralSource, type ReferralStatus, addDays } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { seededRandom } from '../../shared/random.js';
import type { DemoAccountIds, DemoProvider } from './demo.threat.js';
import { REFERRAL_REASONS } from './demo.threat-texts.js';

type Rnd = ReturnType<typeof seededRandom>;
export type Sealed = (table: string, column: string, id: string, text: string) => string;
export interface DemoStudent {
  id: string;
  schoolId: string;
  race: string;
  sex: string;
  idea: number;
  section504: number;
  englishLearner: number;
}

/** The order statuses are reached in, with the days after the referral each is usually recorded. */
const STEPS: [ReferralStatus, number][] = [
  ['accepted', 2],
  ['first_contact', 5],
  ['ongoing', 10],
  ['completed', 40],
];
/** A closed case's referrals all have a follow-up recorded (a case cannot close otherwise). */
const FROM_CLOSED: ReferralStatus[] = ['completed', 'ongoing', 'declined', 'first_contact'];
const FROM_OPEN: ReferralStatus[] = ['made', 'accepted', 'first_contact', 'ongoing'];
/** Direct referrals: every status, two of them recent (not yet due for follow-up). */
const DIRECT: [ReferralStatus, number][] = [
  ['made', 20],
  ['accepted', 25],
  ['first_contact', 30],
  ['ongoing', 45],
  ['completed', 90],
  ['declined', 35],
  ['made', 3],
  ['accepted', 6],
];
const FROM_INCIDENT: ReferralStatus[] = ['accepted', 'completed', 'made'];
const KINDS: ProviderKind[] = ['counselor', 'social_worker', 'psychologist', 'community_provider'];

interface Input {
  districtId: string;
  schools: string[];
  providers: DemoProvider[];
  accounts: DemoAccountIds;
  today: string;
  fromCases: { id: string; student: DemoStudent; schoolId: string; openedOn: string; open: boolean }[];
  studentAt: (schoolId: string) => DemoStudent;
}

/**
 * The demo's referrals: one from each case with a safety plan, a few made directly and a few by
 * officers in demo incidents, in every status; some past their follow-up date while awaiting it.
 */
export async function seedDemoReferrals(trx: Db, rnd: Rnd, seal: Sealed, input: Input): Promise<string[]> {
  const { districtId, today } = input;
  const ids: string[] = [];
  const cap = (date: string) => (date > today ? today : date);
  const write = async (r: {
    student: DemoStudent;
    schoolId: string;
    source: ReferralSource;
    caseId?: string;
    incidentId?: string;
    madeOn: string;
    status: ReferralStatus;
    kind: ProviderKind;
    reason: string;
  }) => {
    const id = rnd.uuid();
    const pool = input.providers.filter((p) => p.kind === r.kind);
    const provider = pool.length ? rnd.pick(pool) : null;
    const dateOf = (s: ReferralStatus) => {
      if (r.status === 'declined') return s === 'declined' ? `${cap(addDays(r.madeOn, 3))}T15:00:00.000Z` : null;
      const reached = STEPS.findIndex(([k]) => k === r.status);
      const i = STEPS.findIndex(([k]) => k === s);
      return i >= 0 && i <= reached ? `${cap(addDays(r.madeOn, STEPS[i]![1]))}T15:00:00.000Z` : null;
    };
    const madeAt = `${r.madeOn}T14:00:00.000Z`;
    await trx
      .insertInto('supportReferrals')
      .values({
        id,
        districtId,
        schoolId: r.schoolId,
        studentId: r.student.id,
        providerId: provider?.id ?? null,
        kind: r.kind,
        source: r.source,
        caseId: r.caseId ?? null,
        incidentId: r.incidentId ?? null,
        reasonSealed: seal('support_referrals', 'reason', id, r.reason),
        status: r.status,
        madeAt,
        madeBy: r.source === 'incident' ? (input.accounts.sro ?? null) : (input.accounts.counselor ?? null),
        acceptedAt: dateOf('accepted'),
        firstContactAt: dateOf('first_contact'),
        ongoingAt: dateOf('ongoing'),
        completedAt: dateOf('completed'),
        declinedAt: dateOf('declined'),
        followUpDueOn: addDays(r.madeOn, 14),
        race: r.student.race,
        sex: r.student.sex,
        idea: r.student.idea,
        section504: r.student.section504,
        englishLearner: r.student.englishLearner,
        version: 1,
        createdAt: madeAt,
        updatedAt: madeAt,
      })
      .execute();
    ids.push(id);
  };

  let open = 0;
  let closed = 0;
  for (const c of input.fromCases) {
    const status = c.open ? FROM_OPEN[open++ % FROM_OPEN.length]! : FROM_CLOSED[closed++ % FROM_CLOSED.length]!;
    await write({
      student: c.student,
      schoolId: c.schoolId,
      source: 'case',
      caseId: c.id,
      madeOn: c.openedOn,
      status,
      kind: KINDS[(open + closed) % KINDS.length]!,
      reason: REFERRAL_REASONS[4]!,
    });
  }
  for (const [k, [status, daysAgo]] of DIRECT.entries()) {
    const schoolId = input.schools[k % input.schools.length]!;
    await write({
      student: input.studentAt(schoolId),
      schoolId,
      source: 'direct',
      madeOn: addDays(today, -daysAgo),
      status,
      kind: KINDS[k % KINDS.length]!,
      reason: REFERRAL_REASONS[k % REFERRAL_REASONS.length]!,
    });
  }
  // An officer's "referred to a counselor or social worker" in three demo incidents.
  const involved = await trx
    .selectFrom('incidentStudents as is')
    .innerJoin('incidents as i', 'i.id', 'is.incidentId')
    .innerJoin('students as s', 's.id', 'is.studentId')
    .select(['i.id as incidentId', 'i.number', 'i.occurredAt', 's.id', 's.schoolId'])
    .select(['s.race', 's.sex', 's.idea', 's.section504', 's.englishLearner'])
    .where('i.districtId', '=', districtId)
    .orderBy('i.occurredAt', 'desc')
    .orderBy('s.id')
    .limit(30)
    .execute();
  const seen = new Set<string>();
  const picks = involved.filter((r) => !seen.has(r.id) && seen.add(r.id)).filter((_, i) => i % 7 === 0);
  for (const [k, status] of FROM_INCIDENT.entries()) {
    const r = picks[k];
    if (!r) break;
    await write({
      student: r,
      schoolId: r.schoolId,
      source: 'incident',
      incidentId: r.incidentId,
      madeOn: String(r.occurredAt).slice(0, 10),
      status,
      kind: k === 1 ? 'social_worker' : 'counselor',
      reason: `Referred by the officer in incident ${r.number}`,
    });
  }
  return ids;
}
