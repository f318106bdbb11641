import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { REMOVAL_OUTCOMES } from '@forefront/contract';
import { buildApp } from '../packages/server/src/app.js';
import type { Db } from '../packages/server/src/db/database.js';
import { equityAudit } from '../packages/server/src/modules/equity/equity.service.js';
import { snapshotEnrollmentYears } from '../packages/server/src/modules/transparency/transparency.enrollment.js';
import type { Actor } from '../packages/server/src/shared/actor.js';
import { seededRandom } from '../packages/server/src/shared/random.js';
import { type BenchDatabase, type BenchDialect, dialectsOf, machineLine, withBenchDatabase } from './bench-db.js';

/**
 * Issue 15 benchmark (docs/benchmarks.md): the equity audit over five school years of a district
 * with 100,000 threat assessment cases (and 60,000 support referrals, 40,000 students in 20
 * schools), on SQLite and PostgreSQL (a temporary database, dropped). The roster snapshots are
 * made first, as publishing makes them. Times `equityAudit` (the service: authorization, every
 * aggregate query, the figures and the audit event) ~20 times; target p95 < 500 ms.
 *
 *   node --import tsx bench/equity.ts [--cases 100000] [--students 40000] [--runs 20]
 *     [--dialect sqlite|postgres|both] [--pg postgres://postgres@127.0.0.1:5432/test]
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    students: { type: 'string', default: '40000' },
    runs: { type: 'string', default: '20' },
    dialect: { type: 'string', default: 'both' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const CASES = Number(values.cases);
const STUDENTS = Number(values.students);
const RUNS = Number(values.runs);
const log = (s: string) => process.stderr.write(`${s}\n`);
const NOW = '2026-06-30T12:00:00.000Z';
const FROM = '2021-07-01';
const TO = '2026-06-30';
const DISTRICT = 'bench-district-equity';

async function insertChunks(db: Db, table: 'students' | 'threatCases' | 'supportReferrals', rows: object[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
}

let current: BenchDialect = 'sqlite';
const dialectOf = (_db: Db) => current;

async function seed(db: Db) {
  const rand = seededRandom(1515).next;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  await db
    .insertInto('districts')
    .values({
      id: DISTRICT,
      ncesLeaId: '9915150',
      name: 'Bench Equity',
      state: 'VA',
      suppressionMinN: 10,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
  const schools = Array.from({ length: 20 }, (_, i) => `bench-eq-school-${i}`);
  await db
    .insertInto('schools')
    .values(
      schools.map((id, i) => ({
        id,
        districtId: DISTRICT,
        ncesSchoolId: `9915150${String(i).padStart(5, '0')}`,
        name: `Equity School ${i + 1}`,
        gradeLow: '09' as const,
        gradeHigh: '12' as const,
        enrollment: 2000,
        createdAt: NOW,
        updatedAt: NOW,
      })),
    )
    .execute();
  await db
    .insertInto('threatTeams')
    .values(
      schools.map((s) => ({
        id: `team-${s}`,
        districtId: DISTRICT,
        schoolId: s,
        name: 'Team',
        createdAt: NOW,
        updatedAt: NOW,
      })),
    )
    .execute();
  const students = Array.from({ length: STUDENTS }, (_, i) => ({
    id: `bench-eq-student-${i}`,
    districtId: DISTRICT,
    schoolId: pick(schools),
    localId: `E${i}`,
    sourceId: null,
    givenName: 'Sam',
    familyName: `Student ${i}`,
    grade: pick(['09', '10', '11', '12']),
    race: pick(['WH', 'WH', 'WH', 'BL', 'BL', 'HI', 'HI', 'AS', 'TR', 'AM', 'HP']),
    sex: pick(['M', 'F', 'M', 'F', 'X']),
    idea: rand() < 0.13 ? 1 : 0,
    section504: rand() < 0.06 ? 1 : 0,
    englishLearner: rand() < 0.1 ? 1 : 0,
    active: 1,
    createdAt: NOW,
    updatedAt: NOW,
  }));
  await insertChunks(db, 'students', students);
  const start = Date.parse(`${FROM}T00:00:00Z`);
  const span = Date.parse(`${TO}T00:00:00Z`) - start;
  const cases = [];
  const referrals = [];
  for (let i = 0; i < CASES; i++) {
    const s = pick(students);
    const openedAt = new Date(start + Math.floor(rand() * span)).toISOString();
    const severity = pick(['low', 'low', 'serious', 'very_serious', null]);
    const outcome =
      rand() < 0.3 ? null : pick(['resolved_no_action', 'support_only', 'support_only', ...REMOVAL_OUTCOMES]);
    const groups = {
      race: s.race,
      sex: s.sex,
      idea: s.idea,
      section504: s.section504,
      englishLearner: s.englishLearner,
    };
    cases.push({
      id: `bench-eq-case-${i}`,
      districtId: DISTRICT,
      number: `TA-${i}`,
      schoolId: s.schoolId,
      teamId: `team-${s.schoolId}`,
      studentId: s.id,
      protocol: 'cstag',
      source: 'staff_report',
      incidentId: null,
      tipId: null,
      status: outcome ? 'closed' : 'open',
      reportedBy: null,
      concernSealed: 'v1:bench',
      openedAt,
      ...groups,
      iepCheckedAt: null,
      iepCheckedBy: null,
      iepNoteSealed: null,
      classification: null,
      severity,
      rationaleSealed: null,
      classifiedAt: null,
      classifiedBy: null,
      screeningAt: null,
      screeningBy: null,
      screeningSealed: null,
      leInvolved: rand() < (s.race === 'BL' ? 0.3 : 0.15) ? 1 : 0,
      leReasonSealed: null,
      safetyPlanSealed: null,
      safetyPlanAt: null,
      outcome,
      closureSealed: null,
      closedAt: outcome ? openedAt : null,
      version: 1,
      createdAt: openedAt,
      updatedAt: openedAt,
    });
    if (rand() < 0.6)
      referrals.push({
        id: `bench-eq-referral-${i}`,
        districtId: DISTRICT,
        schoolId: s.schoolId,
        studentId: s.id,
        providerId: null,
        kind: 'counselor',
        source: 'case',
        caseId: `bench-eq-case-${i}`,
        incidentId: null,
        reasonSealed: 'v1:bench',
        status: pick(['made', 'accepted', 'ongoing', 'completed', 'completed', 'declined']),
        madeAt: openedAt,
        madeBy: null,
        acceptedAt: null,
        firstContactAt: null,
        ongoingAt: null,
        completedAt: null,
        declinedAt: null,
        followUpDueOn: openedAt.slice(0, 10),
        ...groups,
        version: 1,
        createdAt: openedAt,
        updatedAt: openedAt,
      });
  }
  await insertChunks(db, 'threatCases', cases);
  await insertChunks(db, 'supportReferrals', referrals);
  await snapshotEnrollmentYears(db, DISTRICT, ['2021-22', '2022-23', '2023-24', '2024-25', '2025-26'], '2026-06-30');
  // A settled database: statistics and the visibility map as autovacuum leaves them after a bulk load.
  await sql.raw(dialectOf(db) === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  return { referrals: referrals.length };
}

async function benchOne(dialect: BenchDialect, { config, handle }: BenchDatabase) {
  current = dialect;
  let t0 = performance.now();
  const seeded = await seed(handle.db);
  log(
    `${dialect}: seeded ${STUDENTS} students, ${CASES} cases, ${seeded.referrals} referrals in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const { app, ctx } = await buildApp(config, handle, { serveWeb: false });
  const actor: Actor = {
    userId: 'bench',
    role: 'threat_coordinator',
    sessionId: 'bench',
    districtId: DISTRICT,
    state: null,
    schoolIds: [],
  };
  await handle.db
    .insertInto('users')
    .values({
      id: 'bench',
      districtId: DISTRICT,
      email: 'eq@bench.test',
      displayName: 'Bench',
      role: 'threat_coordinator',
      profession: null,
      state: null,
      passwordHash: 'x',
      mfaSecret: null,
      mfaEnabled: 0,
      disabled: 0,
      accessExpiresAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
  const ms: number[] = [];
  let last = null as Awaited<ReturnType<typeof equityAudit>> | null;
  const cpu: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await equityAudit(ctx, actor, DISTRICT, { from: FROM, to: TO });
    const c = process.cpuUsage(c0);
    if (i >= 2) {
      // Two warm-up runs. CPU: this process's (on SQLite that is the database's work too).
      ms.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  cpu.sort((a, b) => a - b);
  log(`${dialect}: CPU time of this process per audit: median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms`);
  if (process.env.EQ_PROBE) {
    const repo = await import('../packages/server/src/modules/equity/equity.repository.js');
    const f = { districtId: DISTRICT, from: '2021-07-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' };
    for (const [name, fn] of Object.entries({
      caseAggregates: () => repo.caseAggregates(handle.db, f),
      referralCounts: () => repo.referralCounts(handle.db, f),
      storedEnrollment: () => repo.storedEnrollment(handle.db, DISTRICT, '2025-26'),
      groups: async () => {
        const compute = await import('../packages/server/src/modules/equity/equity.compute.js');
        const { combos: cases, students } = await repo.caseAggregates(handle.db, f);
        const referrals = await repo.referralCounts(handle.db, f);
        const enrolled = (await repo.storedEnrollment(handle.db, DISTRICT, '2025-26'))!;
        const s1 = performance.now();
        compute.equityGroups({ cases, students, referrals, enrolled });
        log(`  (equityGroups alone: ${(performance.now() - s1).toFixed(0)} ms, ${cases.length} rows)`);
      },
    })) {
      const s0 = performance.now();
      await fn();
      log(`  ${name}: ${(performance.now() - s0).toFixed(0)} ms`);
    }
  }
  ms.sort((a, b) => a - b);
  const p95 = ms[Math.ceil(ms.length * 0.95) - 1]!;
  log(
    `${dialect}: equity audit, 5 years, ${last!.totals.cases} cases: median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms,` +
      ` p95 ${p95.toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms (${RUNS} runs; target p95 < 500)`,
  );
  t0 = performance.now();
  const one = await equityAudit(ctx, actor, DISTRICT, { from: FROM, to: TO, schoolId: 'bench-eq-school-3' });
  log(`${dialect}: one school: ${(performance.now() - t0).toFixed(0)} ms, ${one.totals.cases} cases`);
  for (const g of last!.groups.filter((x) => x.dimension === 'race'))
    log(
      `  ${g.group}: enrolled ${g.enrolled}, ${g.opened.rate ?? '-'} per 1,000 (RR ${g.opened.riskRatio?.estimate ?? '-'}),` +
        ` LE share ${g.le.rate ?? '-'} (RR ${g.le.riskRatio?.estimate ?? '-'} [${g.le.riskRatio?.low ?? '-'}, ${g.le.riskRatio?.high ?? '-'}])`,
    );
  log(`  alerts: ${last!.alerts.map((a) => `${a.dimension}:${a.group}:${a.measure}`).join(', ') || 'none'}`);
  await app.close();
  return { dialect, median: ms[Math.floor(ms.length / 2)]!, p95 };
}

log(machineLine('Forefront equity audit bench'));
const results = [];
for (const d of dialectsOf(values.dialect))
  results.push(await withBenchDatabase('equity', d, values.pg, (bench) => benchOne(d, bench)));
console.log(JSON.stringify(results));
