import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../packages/server/src/config.js';
import { nowIso, openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { appendAudit } from '../packages/server/src/modules/audit/audit.service.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { seededRandom } from '../packages/server/src/shared/random.js';

/**
 * The benchmark's synthetic data: deterministic for a seed (same ids, names and numbers every
 * run), written through the server's own migrations and audit chain so the database is exactly
 * what the app would hold. NCES ids use the 98 "state" prefix, which NCES never assigns.
 */
export interface BenchDataOptions {
  file: string;
  seed?: number;
  districts?: number;
  schoolsPerDistrict?: number;
  usersPerDistrict?: number;
}

export interface BenchData {
  file: string;
  /** The district whose schools the benchmark reads. */
  districtId: string;
  admin: { email: string; password: string; totpSecret: string };
  counts: { districts: number; schools: number; users: number; userSchools: number; auditEvents: number };
}

export const BENCH_PASSWORD = 'bench password for the synthetic district';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const KINDS = [
  { suffix: 'High School', low: '09', high: '12', min: 900, max: 2400 },
  { suffix: 'Middle School', low: '06', high: '08', min: 450, max: 1200 },
  { suffix: 'Elementary School', low: 'KG', high: '05', min: 200, max: 700 },
] as const;
const WORDS = [
  'Oak',
  'Maple',
  'Cedar',
  'Lake',
  'Pine',
  'Willow',
  'River',
  'Summit',
  'Fair',
  'Brook',
  'Elm',
  'North',
  'West',
  'East',
  'Harbor',
  'Meadow',
  'Stone',
  'Hill',
  'Spring',
  'Valley',
];
const PLACES = ['view', 'wood', 'field', 'ridge', 'crest', 'side', 'gate', 'haven', 'dale', 'park'];
const FIRST = [
  'Ana',
  'Ben',
  'Chen',
  'Dana',
  'Eli',
  'Fatima',
  'Grace',
  'Hugo',
  'Ines',
  'Jamal',
  'Kai',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
];
const LAST = [
  'Adams',
  'Baker',
  'Cruz',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Huang',
  'Ibrahim',
  'Jones',
  'Kim',
  'Lopez',
  'Moore',
  'Nguyen',
  'Okafor',
  'Patel',
  'Reyes',
  'Smith',
  'Tanaka',
  'Walker',
];
const ROLE_MIX = [
  'sro',
  'sro',
  'sro',
  'support_staff',
  'support_staff',
  'support_staff',
  'school_admin',
  'school_admin',
  'auditor',
  'district_admin',
] as const;
const PROFESSIONS = ['counselor', 'psychologist', 'social_worker'] as const;

export async function generateBenchData(opts: BenchDataOptions): Promise<BenchData> {
  const seed = opts.seed ?? 20261127;
  const nDistricts = opts.districts ?? 5;
  const nSchools = opts.schoolsPerDistrict ?? 100;
  const nUsers = opts.usersPerDistrict ?? 300;
  rmSync(opts.file, { force: true });
  rmSync(`${opts.file}-wal`, { force: true });
  rmSync(`${opts.file}-shm`, { force: true });
  mkdirSync(dirname(opts.file), { recursive: true });

  const rnd = seededRandom(seed);
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  const handle = openDatabase({ dialect: 'sqlite', file: opts.file });
  const counts = { districts: 0, schools: 0, users: 0, userSchools: 0, auditEvents: 0 };
  try {
    await migrateToLatest(handle.db);
    // One argon2 hash at the configured cost, shared by every synthetic account: hashing each of
    // them would only make generation slow (the cost per hash is measured separately).
    const passwordHash = await hashPassword(config, BENCH_PASSWORD);
    const secret = () => Array.from({ length: 32 }, () => rnd.pick([...BASE32])).join('');
    let admin: BenchData['admin'] | null = null;
    let firstDistrictId = '';
    for (let d = 0; d < nDistricts; d++) {
      const districtId = rnd.uuid();
      if (d === 0) firstDistrictId = districtId;
      const lea = `98${String(d + 1).padStart(5, '0')}`;
      await handle.db.transaction().execute(async (trx) => {
        const now = nowIso();
        const audit = { dialect: handle.dialect, actor: null, districtId };
        await trx
          .insertInto('districts')
          .values({
            id: districtId,
            ncesLeaId: lea,
            name: `${rnd.pick(WORDS)}${rnd.pick(PLACES)} Synthetic School District ${d + 1}`,
            state: 'VA',
            suppressionMinN: 10,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await appendAudit(trx, audit, { kind: 'district.created', districtId, ncesLeaId: lea });
        const schoolIds: string[] = [];
        for (let s = 0; s < nSchools; s++) {
          const kind = KINDS[s % KINDS.length]!;
          const id = rnd.uuid();
          const ncesSchoolId = `${lea}${String(s + 1).padStart(5, '0')}`;
          schoolIds.push(id);
          await trx
            .insertInto('schools')
            .values({
              id,
              districtId,
              ncesSchoolId,
              name: `${rnd.pick(WORDS)} ${rnd.pick(WORDS)}${rnd.pick(PLACES)} ${kind.suffix}`,
              gradeLow: kind.low,
              gradeHigh: kind.high,
              enrollment: rnd.int(kind.min, kind.max),
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await appendAudit(trx, audit, { kind: 'school.created', schoolId: id, ncesSchoolId });
        }
        counts.schools += nSchools;
        for (let u = 0; u < nUsers; u++) {
          // The first account of the first district is the administrator the benchmark signs in as.
          const role = u === 0 ? 'district_admin' : ROLE_MIX[rnd.int(0, ROLE_MIX.length - 1)]!;
          const id = rnd.uuid();
          const email = `bench-d${d + 1}-u${u + 1}@bench.forefront.test`;
          const totpSecret = secret();
          if (d === 0 && u === 0) admin = { email, password: BENCH_PASSWORD, totpSecret };
          await trx
            .insertInto('users')
            .values({
              id,
              districtId,
              email,
              displayName: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
              role,
              profession: role === 'support_staff' ? rnd.pick(PROFESSIONS) : null,
              state: null,
              passwordHash,
              mfaSecret: totpSecret,
              mfaEnabled: 1,
              disabled: 0,
              accessExpiresAt: role === 'auditor' ? '2099-12-31' : null,
              failedSignIns: 0,
              lockedUntil: null,
              lastSignInAt: null,
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          if (role === 'sro' || role === 'support_staff' || role === 'school_admin') {
            const assigned = new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(schoolIds)));
            await trx
              .insertInto('userSchools')
              .values([...assigned].map((schoolId) => ({ userId: id, schoolId, districtId })))
              .execute();
            counts.userSchools += assigned.size;
          }
        }
        counts.users += nUsers;
        counts.districts += 1;
      });
    }
    counts.auditEvents = Number(
      (
        await handle.db
          .selectFrom('auditEvents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return { file: opts.file, districtId: firstDistrictId, admin: admin!, counts };
  } finally {
    await handle.close();
  }
}
