import { addDays } from '@forefront/contract';
import type { loadConfig } from '../packages/server/src/config.js';
import type { Db } from '../packages/server/src/db/database.js';
import { districtSealer } from '../packages/server/src/keys/district-key.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { sealPlainTotpSecrets } from '../packages/server/src/modules/auth/totp.secret.js';
import { seededRandom } from '../packages/server/src/shared/random.js';

/**
 * The issue 15 bench's district: 20 schools, 20,000 students, a team per school and the district's,
 * CASES cases over five years (those opened in the last 60 days open, the rest closed), each with an
 * interview, most with a parent contact, the substantive ones with three tasks and four check-ins
 * (some past due on open cases), 20 providers and REFERRALS referrals. Texts are sealed with the
 * district's key per row, as the services seal them.
 */
export const BENCH_PASSWORD = 'bench password for the threat coordinator';
export const BENCH_MFA = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const BENCH_EMAIL = 'threat@bench.forefront.test';
const DISTRICT = 'bench-district-threat';
const SCHOOLS = 20;
const STUDENTS = 20_000;

async function chunks(db: Db, table: string, rows: object[], size = 400) {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table as 'threatCases')
      .values(rows.slice(i, i + size) as never)
      .execute();
}

export async function seedThreatBench(
  db: Db,
  config: ReturnType<typeof loadConfig>,
  opts: { cases: number; referrals: number; today: string },
) {
  const rnd = seededRandom(1515);
  const now = `${opts.today}T12:00:00.000Z`;
  const stamp = { createdAt: now, updatedAt: now };
  await db
    .insertInto('districts')
    .values({
      id: DISTRICT,
      ncesLeaId: '9915150',
      name: 'Bench Threat Unified',
      state: 'VA',
      suppressionMinN: 10,
      ...stamp,
    })
    .execute();
  const schools = Array.from({ length: SCHOOLS }, (_, i) => `bench-school-${i}`);
  await chunks(
    db,
    'schools',
    schools.map((id, i) => ({
      id,
      districtId: DISTRICT,
      ncesSchoolId: `9915150${String(i).padStart(5, '0')}`,
      name: `Bench School ${i + 1}`,
      gradeLow: '09',
      gradeHigh: '12',
      enrollment: STUDENTS / SCHOOLS,
      ...stamp,
    })),
  );
  const hash = await hashPassword(config, BENCH_PASSWORD);
  const user = (id: string, role: string, email: string, profession: string | null = null) => ({
    id,
    districtId: DISTRICT,
    email,
    displayName: id,
    role,
    profession,
    state: null,
    passwordHash: hash,
    mfaSecret: BENCH_MFA,
    mfaEnabled: 1,
    disabled: 0,
    accessExpiresAt: null,
    failedSignIns: 0,
    lockedUntil: null,
    lastSignInAt: null,
    ...stamp,
  });
  const staff = schools.flatMap((s, i) => [
    user(`bench-principal-${i}`, 'school_admin', `principal${i}@bench.forefront.test`),
    user(`bench-counselor-${i}`, 'support_staff', `counselor${i}@bench.forefront.test`, 'counselor'),
    user(`bench-sro-${i}`, 'sro', `sro${i}@bench.forefront.test`),
    user(`bench-sped-${i}`, 'support_staff', `sped${i}@bench.forefront.test`, 'psychologist'),
  ]);
  await chunks(db, 'users', [user('bench-coordinator', 'threat_coordinator', BENCH_EMAIL), ...staff]);
  await sealPlainTotpSecrets(db, config);
  const teams = schools.map((s, i) => ({ id: `bench-team-${i}`, schoolId: s, i }));
  await chunks(db, 'threatTeams', [
    ...teams.map((t) => ({ id: t.id, districtId: DISTRICT, schoolId: t.schoolId, name: `Team ${t.i}`, ...stamp })),
    { id: 'bench-team-district', districtId: DISTRICT, schoolId: null, name: 'District team', ...stamp },
  ]);
  const roles = [
    ['principal', 'administrator'],
    ['counselor', 'mental_health'],
    ['sro', 'law_enforcement'],
    ['sped', 'special_education'],
  ] as const;
  await chunks(
    db,
    'threatTeamMembers',
    teams.flatMap((t) =>
      roles.map(([who, teamRole]) => ({
        teamId: t.id,
        userId: `bench-${who}-${t.i}`,
        districtId: DISTRICT,
        teamRole,
        addedAt: now,
      })),
    ),
  );
  const students = Array.from({ length: STUDENTS }, (_, i) => ({
    id: `bench-student-${i}`,
    districtId: DISTRICT,
    schoolId: schools[i % SCHOOLS]!,
    localId: `B${i}`,
    sourceId: null,
    givenName: rnd.pick(['Ava', 'Liam', 'Maria', 'Jamal', 'Mei', 'Diego', 'Nia', 'Omar']),
    familyName: `Student ${i}`,
    grade: '10',
    race: rnd.pick(['WH', 'BL', 'HI', 'AS', 'TR', 'AM', 'PI']),
    sex: rnd.pick(['M', 'F']),
    idea: rnd.next() < 0.14 ? 1 : 0,
    section504: rnd.next() < 0.04 ? 1 : 0,
    englishLearner: rnd.next() < 0.1 ? 1 : 0,
    active: 1,
    ...stamp,
  }));
  await chunks(db, 'students', students, 500);

  const sealer = await districtSealer(db, config, DISTRICT);
  const seal = (table: string, column: string, id: string, text: string) =>
    sealer.seal(text, `${table}.${column}:${id}`);
  const cases: object[] = [];
  const interviews: object[] = [];
  const contacts: object[] = [];
  const tasks: object[] = [];
  const checkins: object[] = [];
  const caseIds: { id: string; schoolId: string; studentIndex: number }[] = [];
  for (let n = 0; n < opts.cases; n++) {
    const id = `bench-case-${n}`;
    const studentIndex = rnd.int(0, STUDENTS - 1);
    const st = students[studentIndex]!;
    const school = studentIndex % SCHOOLS;
    const daysAgo = rnd.int(0, 5 * 365);
    const openedOn = addDays(opts.today, -daysAgo);
    const openedAt = `${openedOn}T${String(8 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;
    const open = daysAgo < 60;
    const roll = rnd.next();
    const [classification, severity] =
      roll < 0.65
        ? ['transient', 'low']
        : roll < 0.9
          ? ['serious_substantive', 'serious']
          : ['very_serious_substantive', 'very_serious'];
    const classified = !open || daysAgo > 3;
    const year = openedOn.slice(0, 4);
    cases.push({
      id,
      districtId: DISTRICT,
      number: `TA-${year}-${String(n).padStart(6, '0')}`,
      schoolId: st.schoolId,
      teamId: `bench-team-${school}`,
      studentId: st.id,
      protocol: 'cstag',
      source: 'staff_report',
      incidentId: null,
      tipId: null,
      status: open ? 'open' : 'closed',
      reportedBy: `bench-principal-${school}`,
      concernSealed: seal('threat_cases', 'concern', id, `Concern ${n}: said something threatening`),
      openedAt,
      race: st.race,
      sex: st.sex,
      idea: st.idea,
      section504: st.section504,
      englishLearner: st.englishLearner,
      classification: classified ? classification : null,
      severity: classified ? severity : null,
      classifiedAt: classified ? openedAt : null,
      leInvolved: severity === 'very_serious' && rnd.next() < 0.3 ? 1 : 0,
      safetyPlanAt: classified && severity !== 'low' ? openedAt : null,
      outcome: open ? null : severity === 'low' ? 'resolved_no_action' : 'support_only',
      closedAt: open ? null : `${addDays(openedOn, 30)}T15:00:00.000Z`,
      version: 1,
      createdAt: openedAt,
      updatedAt: openedAt,
    });
    caseIds.push({ id, schoolId: st.schoolId, studentIndex });
    interviews.push({
      id: `${id}-i`,
      districtId: DISTRICT,
      caseId: id,
      intervieweeKind: 'student',
      intervieweeSealed: seal('threat_interviews', 'interviewee', `${id}-i`, 'The student'),
      interviewedAt: openedAt,
      interviewerId: `bench-counselor-${school}`,
      summarySealed: seal('threat_interviews', 'summary', `${id}-i`, `Summary ${n}`),
      createdAt: openedAt,
    });
    if (classified)
      contacts.push({
        id: `${id}-p`,
        districtId: DISTRICT,
        caseId: id,
        contactedAt: openedAt,
        method: 'phone',
        byUserId: `bench-principal-${school}`,
        noteSealed: null,
        createdAt: openedAt,
      });
    if (classified && severity !== 'low')
      for (let k = 0; k < 4; k++) {
        const dueOn = addDays(openedOn, 7 * (k + 1));
        // On an open case, what fell due more than a few days ago is usually done; a few are not.
        const done = !open || (dueOn < addDays(opts.today, -3) && rnd.next() < 0.8);
        if (k < 3)
          tasks.push({
            id: `${id}-t${k}`,
            districtId: DISTRICT,
            caseId: id,
            titleSealed: seal('threat_safety_tasks', 'title', `${id}-t${k}`, `Task ${k}`),
            ownerId: `bench-${roles[k]![0]}-${school}`,
            dueOn,
            status: done ? 'done' : 'open',
            doneAt: done ? `${dueOn}T12:00:00.000Z` : null,
            createdAt: openedAt,
          });
        checkins.push({
          id: `${id}-k${k}`,
          districtId: DISTRICT,
          caseId: id,
          dueOn,
          ownerId: `bench-counselor-${school}`,
          doneAt: done ? `${dueOn}T12:00:00.000Z` : null,
          noteSealed: null,
          createdAt: openedAt,
        });
      }
  }
  await chunks(db, 'threatCases', cases, 300);
  await chunks(db, 'threatInterviews', interviews);
  await chunks(db, 'threatParentContacts', contacts);
  await chunks(db, 'threatSafetyTasks', tasks);
  await chunks(db, 'threatCheckins', checkins);

  const kinds = ['counselor', 'social_worker', 'psychologist', 'community_provider'] as const;
  const providers = Array.from({ length: 20 }, (_, i) => ({
    id: `bench-provider-${i}`,
    districtId: DISTRICT,
    kind: kinds[i % 4]!,
    name: `Provider ${i}`,
    organization: null,
    userId: i < SCHOOLS ? `bench-counselor-${i}` : null,
    phone: null,
    email: null,
    languages: '["en"]',
    active: 1,
    ...stamp,
  }));
  await chunks(db, 'supportProviders', providers);
  const statuses = ['made', 'accepted', 'first_contact', 'ongoing', 'completed', 'declined'] as const;
  const referrals: object[] = [];
  for (let n = 0; n < opts.referrals; n++) {
    const id = `bench-referral-${n}`;
    const fromCase = n < caseIds.length && rnd.next() < 0.3 ? caseIds[n] : null;
    const studentIndex = fromCase?.studentIndex ?? rnd.int(0, STUDENTS - 1);
    const st = students[studentIndex]!;
    const madeOn = addDays(opts.today, -rnd.int(0, 5 * 365));
    const status =
      madeOn > addDays(opts.today, -30) ? rnd.pick(statuses) : rnd.pick(['completed', 'declined'] as const);
    referrals.push({
      id,
      districtId: DISTRICT,
      schoolId: st.schoolId,
      studentId: st.id,
      providerId: providers[n % providers.length]!.id,
      kind: providers[n % providers.length]!.kind,
      source: fromCase ? 'case' : 'direct',
      caseId: fromCase?.id ?? null,
      incidentId: null,
      reasonSealed: seal('support_referrals', 'reason', id, `Reason ${n}`),
      status,
      madeAt: `${madeOn}T14:00:00.000Z`,
      madeBy: 'bench-coordinator',
      completedAt: status === 'completed' ? `${madeOn}T16:00:00.000Z` : null,
      declinedAt: status === 'declined' ? `${madeOn}T16:00:00.000Z` : null,
      followUpDueOn: addDays(madeOn, 14),
      race: st.race,
      sex: st.sex,
      idea: st.idea,
      section504: st.section504,
      englishLearner: st.englishLearner,
      version: 1,
      createdAt: `${madeOn}T14:00:00.000Z`,
      updatedAt: `${madeOn}T14:00:00.000Z`,
    });
  }
  await chunks(db, 'supportReferrals', referrals, 300);
  return {
    districtId: DISTRICT,
    providerId: providers[0]!.id,
    rows: { cases: cases.length, tasks: tasks.length, checkins: checkins.length, referrals: referrals.length },
  };
}
