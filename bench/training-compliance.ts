import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TRAINING_TOPICS, type TrainingRule } from '@forefront/contract';
import type { Config } from '../packages/server/src/config.js';
import type { Db } from '../packages/server/src/db/database.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { sealPlainTotpSecrets } from '../packages/server/src/modules/auth/totp.secret.js';
import { approvedRecordsByOfficer, complianceOf } from '../packages/server/src/modules/training/compliance.compute.js';
import { fingerprintOf, recordCountOf } from '../packages/server/src/modules/training/compliance.cache.js';
import { seededRandom } from '../packages/server/src/shared/random.js';
import {
  type BenchDatabase,
  type BenchDialect,
  dialectsOf,
  machineLine,
  signInWithMfa,
  withBenchDatabase,
} from './bench-db.js';
import { runLoad } from './load.js';
import { cpuTimeMs, freePort, startProcess, stopProcess } from './processes.js';

/**
 * Issue 14 benchmark (docs/benchmarks.md): compliance for 5,000 officers with 200,000 completion
 * records (40 each: a realistic mix of topics, credentials, dates over seven years, some pending or
 * rejected) and their assignments, on SQLite and on PostgreSQL (a temporary database, dropped).
 * (1) `complianceOf` for every officer, cold, timed (target < 1 s); (2) `forefront serve` on that
 * database, the compliance dashboard route under autocannon as a signed-in training coordinator
 * (target p95 < 50 ms).
 *
 *   node --import tsx bench/training-compliance.ts [--officers 5000] [--per 40] [--dialect sqlite|postgres|both]
 *     [--pg postgres://postgres@127.0.0.1:5432/test] [--duration 10] [--connections 10]
 */
const { values } = parseArgs({
  options: {
    officers: { type: 'string', default: '5000' },
    per: { type: 'string', default: '40' },
    dialect: { type: 'string', default: 'both' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    // A folder: the server writes a CPU profile there (node --cpu-prof), for bench/profile-summary.ts.
    profile: { type: 'string' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const OFFICERS = Number(values.officers);
const PER = Number(values.per);
const log = (s: string) => process.stderr.write(`${s}\n`);
const PASSWORD = 'bench password for the training coordinator';
const MFA = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const EMAIL = 'coordinator@bench.forefront.test';
const AS_OF = '2026-03-01';
const NOW = '2026-03-01T12:00:00.000Z';
const RULES: TrainingRule[] = [
  {
    kind: 'hours',
    key: 'youth_hours',
    hours: 40,
    topics: [],
    due: { when: 'before_assignment' },
    renewEveryMonths: null,
  },
  {
    kind: 'topics',
    key: 'crisis_and_culture',
    topics: ['crisis_intervention', 'cultural_competency'],
    due: { when: 'before_assignment' },
    renewEveryMonths: 24,
  },
  {
    kind: 'credential',
    key: 'basic_course',
    credential: 'sro_basic',
    due: { when: 'before_assignment' },
    renewEveryMonths: null,
  },
  {
    kind: 'credential',
    key: 'ymhfa',
    credential: 'ymhfa',
    due: { when: 'after_assignment', months: 18 },
    renewEveryMonths: 48,
  },
  { kind: 'annual_hours', key: 'continuing_education', hours: 12, topics: [] },
];
const dayFrom = (rand: () => number, fromYear: number, years: number) => {
  const t = Date.UTC(fromYear, 0, 1) + Math.floor(rand() * years * 365) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

async function insertChunks<T>(
  db: Db,
  table: 'officers' | 'officerAssignments' | 'trainingRecords',
  rows: T[],
  size: number,
) {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
}

/** The district, 20 schools, the coordinator, officers, assignments, records and the standard. */
async function seed(db: Db, config: Config) {
  const rand = seededRandom(1414).next;
  const districtId = 'bench-district-training';
  await db
    .insertInto('districts')
    .values({
      id: districtId,
      ncesLeaId: '9914140',
      name: 'Bench Unified',
      state: 'VA',
      suppressionMinN: 10,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
  const schools = Array.from({ length: 20 }, (_, i) => `bench-school-${i}`);
  await db
    .insertInto('schools')
    .values(
      schools.map((id, i) => ({
        id,
        districtId,
        ncesSchoolId: `9914140${String(i).padStart(5, '0')}`,
        name: `Bench School ${i + 1}`,
        gradeLow: '09' as const,
        gradeHigh: '12' as const,
        enrollment: 900,
        createdAt: NOW,
        updatedAt: NOW,
      })),
    )
    .execute();
  await db
    .insertInto('users')
    .values({
      id: 'bench-coordinator',
      districtId,
      email: EMAIL,
      displayName: 'Bench Coordinator',
      role: 'training_coordinator',
      profession: null,
      state: null,
      passwordHash: await hashPassword(config, PASSWORD),
      mfaSecret: MFA,
      mfaEnabled: 1,
      disabled: 0,
      accessExpiresAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
  await sealPlainTotpSecrets(db, config);
  await db
    .insertInto('trainingStandards')
    .values({
      districtId,
      preset: 'custom',
      rules: JSON.stringify(RULES),
      gateMode: 'warn',
      updatedBy: null,
      updatedAt: NOW,
    })
    .execute();
  const officers = [];
  const assignments = [];
  const records = [];
  for (let o = 0; o < OFFICERS; o++) {
    const id = `bench-officer-${o}`;
    officers.push({
      id,
      districtId,
      userId: null,
      name: `Officer ${o}`,
      agency: 'Bench County Sheriff',
      badgeNumber: `B${o}`,
      email: null,
      status: rand() < 0.95 ? 'active' : 'inactive',
      createdAt: NOW,
      updatedAt: NOW,
    });
    if (rand() < 0.9)
      assignments.push({
        id: `bench-assignment-${o}`,
        districtId,
        officerId: id,
        schoolId: schools[Math.floor(rand() * schools.length)]!,
        startsOn: dayFrom(rand, 2019, 7),
        endsOn: null,
        gate: 'met',
        exceptionId: null,
        createdBy: null,
        createdAt: NOW,
      });
    for (let r = 0; r < PER; r++) {
      const roll = rand();
      const credential = roll < 0.03 ? 'sro_basic' : roll < 0.08 ? 'ymhfa' : null;
      const topics = TRAINING_TOPICS.filter(() => rand() < 0.18);
      const completedOn = dayFrom(rand, 2019, 7);
      const status = rand() < 0.9 ? 'approved' : rand() < 0.5 ? 'pending' : 'rejected';
      records.push({
        id: `bench-record-${o}-${r}`,
        districtId,
        officerId: id,
        courseId: null,
        title: credential ? `Course ${credential}` : 'Youth-focused training',
        provider: 'State academy',
        minutes: 60 * (1 + Math.floor(rand() * 8)),
        topics: JSON.stringify(topics),
        credentialKey: credential,
        completedOn,
        expiresOn:
          credential === 'ymhfa' && rand() < 0.5
            ? `${Number(completedOn.slice(0, 4)) + 3}${completedOn.slice(4)}`
            : null,
        status,
        source: 'entry',
        createdBy: null,
        reviewedBy: null,
        reviewedAt: status === 'pending' ? null : NOW,
        reviewNote: null,
        createdAt: `${completedOn}T12:00:00.000Z`,
      });
    }
  }
  await insertChunks(db, 'officers', officers, 500);
  await insertChunks(db, 'officerAssignments', assignments, 500);
  await insertChunks(db, 'trainingRecords', records, 500);
  return { districtId, records: records.length, assignments: assignments.length };
}

async function benchOne(dialect: BenchDialect, { dir, env, config, handle }: BenchDatabase) {
  let child: ChildProcess | null = null;
  try {
    let t0 = performance.now();
    const seeded = await seed(handle.db, config);
    log(
      `${dialect}: seeded ${OFFICERS} officers, ${seeded.assignments} assignments, ${seeded.records} records` +
        ` in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const runs: number[] = [];
    let statuses: Record<string, number> = {};
    const cpuRuns: number[] = [];
    for (let i = 0; i < 6; i++) {
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const all = await complianceOf(handle.db, seeded.districtId, { asOf: AS_OF, yearStart: '07-01' });
      runs.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuRuns.push((cpu.user + cpu.system) / 1000);
      statuses = {};
      for (const o of all) statuses[o.result.status] = (statuses[o.result.status] ?? 0) + 1;
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const cpuSorted = [...cpuRuns].sort((a, b) => a - b);
    log(`${dialect}: complianceOf CPU time of this process: median ${cpuSorted[3]!.toFixed(0)} ms`);
    log(
      `${dialect}: complianceOf, all ${OFFICERS} officers: ${runs.map((m) => m.toFixed(0)).join(', ')} ms` +
        ` (median ${sorted[3]!.toFixed(0)} ms; target < 1000) ${JSON.stringify(statuses)}`,
    );
    const time = async (label: string, f: () => Promise<unknown>, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await f();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      log(`${dialect}: ${label}: median ${ms[Math.floor(n / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms`);
    };
    await time('approved records query alone', () => approvedRecordsByOfficer(handle.db, seeded.districtId), 3);
    await time('cache fingerprint query (every request)', () => fingerprintOf(handle.db, seeded.districtId), 20);
    await time('record count (every 10 s)', () => recordCountOf(handle.db, seeded.districtId), 5);
    await handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const appEnv: NodeJS.ProcessEnv = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      NODE_ENV: 'production',
    };
    child = await startProcess(
      process.execPath,
      [
        ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
        join(root, 'packages/server/bin/forefront.js'),
        'serve',
      ],
      {
        env: appEnv,
        readyUrl: `${base}/api/health`,
        logFile: join(dir, 'serve.log'),
        timeoutMs: 60_000,
      },
    );
    const cookie = await signInWithMfa(base, { email: EMAIL, password: PASSWORD, mfaSecret: MFA });
    const url = `${base}/api/districts/${seeded.districtId}/training/compliance?asOf=${AS_OF}&status=expiring&pageSize=50`;
    t0 = performance.now();
    const firstRes = await fetch(url, { headers: { cookie } });
    if (firstRes.status !== 200) throw new Error(`dashboard answered ${firstRes.status}: ${await firstRes.text()}`);
    log(`${dialect}: first dashboard request (cold cache) ${(performance.now() - t0).toFixed(0)} ms`);
    const connections = Number(values.connections);
    await runLoad('warm-up', { url, connections, durationS: 2, headers: { cookie } });
    const serverCpu0 = cpuTimeMs(child.pid);
    const res = await runLoad('dashboard', {
      url,
      connections,
      durationS: Number(values.duration),
      headers: { cookie },
    });
    log(
      `${dialect}: dashboard under autocannon (${connections} connections, ${values.duration} s): ${res.reqPerSec} req/s,` +
        ` p50 ${res.latencyMs.p50} ms, p95 ${res.latencyMs.p95} ms, p99 ${res.latencyMs.p99} ms (target p95 < 50);` +
        ` non-2xx ${res.non2xx}, errors ${res.errors}`,
    );
    const cpuPerRequest = (cpuTimeMs(child.pid) - serverCpu0) / res.requests;
    log(`${dialect}: server CPU per dashboard request: ${cpuPerRequest.toFixed(2)} ms`);
    return {
      dialect,
      cpuPerRequest,
      complianceCpuMs: cpuSorted[3]!,
      complianceMs: sorted[3]!,
      p95: res.latencyMs.p95,
      reqPerSec: res.reqPerSec,
    };
  } finally {
    if (child) await stopProcess(child);
  }
}

log(machineLine('Forefront training compliance bench'));
const results = [];
for (const d of dialectsOf(values.dialect))
  results.push(await withBenchDatabase('training', d, values.pg, (bench) => benchOne(d, bench)));
console.log(JSON.stringify(results));
