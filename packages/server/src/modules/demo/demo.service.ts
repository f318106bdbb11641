import { DEFAULT_SCHOOL_YEAR_START, type Role, type SupportProfession, stateTimeZone } from '@forefront/contract';
import { clockKey } from '../districts/district.clock.js';
import { type Db, nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { seededRandom } from '../../shared/random.js';
import { loadTrainingStandardDemo } from './demo.training-standard.js';
import { loadThreatDemo } from './demo.threat.js';
import { appendAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { sealTotpSecret } from '../auth/totp.secret.js';
import { withIdSource } from '../../shared/ids.js';
import { DEMO_PASSWORD, DEMO_SEED, DISTRICTS, PLACES, SCHOOL_KINDS } from './demo.data.js';
import { DEMO_INCIDENTS, loadIncidentLogDemo } from './demo.incidents.js';
import { SMALL_SCHOOL_INDEX, SMALL_SCHOOL_STUDENTS, STUDENTS_PER_SCHOOL } from './demo.roster.js';
import { loadDemoRoster } from './demo.training-roster.js';
import { loadDemoActivities } from './demo.training-activities.js';
import { loadDemoExceptions } from './demo.training-exceptions.js';
import { seedDemoTrainingRecords } from './demo.training-records.js';
import { publishTransparency } from '../transparency/transparency.publish.js';

export { DEMO_PASSWORD, DEMO_SEED };

export interface DemoAccount {
  role: Role;
  profession: SupportProfession | null;
  email: string;
  displayName: string;
  districtId: string | null;
  schoolIds: string[];
  /** Base32 TOTP secret to add to an authenticator app (null for roles without MFA). */
  totpSecret: string | null;
}
export interface DemoSchool {
  id: string;
  name: string;
  /** 12 digits: the district's 7-digit LEA id followed by a 5-digit school number. */
  ncesSchoolId: string;
  gradeLow: string;
  gradeHigh: string;
  enrollment: number;
}
export interface DemoDistrict {
  id: string;
  name: string;
  ncesLeaId: string;
  state: string;
  schools: DemoSchool[];
}
export interface DemoResult {
  /** The main demo district (where every role but the second administrator works). */
  districtId: string;
  districtIds: string[];
  districts: DemoDistrict[];
  password: string;
  accounts: DemoAccount[];
  /** The incident log (main district): a roster per school, a signed MOU in force, incidents over the last months. */
  incidentLog: { studentsPerSchool: number; incidents: number };
  alreadyLoaded: boolean;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Refused: the database holds a district that is not the demo's. Made-up districts, people and
 * incidents next to a real district would show in its state's views and comparisons, and the demo's
 * well-known password would open accounts on a real installation.
 */
export class DemoRefused extends Error {
  constructor(readonly district: { name: string; ncesLeaId: string }) {
    super(
      `This database holds a real district, ${district.name} (NCES LEA id ${district.ncesLeaId}), so the demo was not loaded: ` +
        'its made-up districts, people and incidents would sit next to real ones, and every demo account shares one published password. ' +
        'Load the demo into a fresh data directory (FOREFRONT_DATA_DIR=./demo-data npx forefront demo), ' +
        'or add --force if you really mean to add it to this database.',
    );
    this.name = 'DemoRefused';
  }
}

/**
 * Loads the demo (deterministic for a seed); a second call changes nothing and reports the same
 * accounts. Refuses (DemoRefused) when the database holds a district that is not the demo's,
 * unless `force`.
 */
export async function loadDemo(ctx: AppContext, seed = DEMO_SEED, opts: { force?: boolean } = {}): Promise<DemoResult> {
  const rnd = seededRandom(seed);
  const plan = DISTRICTS.map((d) => ({
    ...d,
    id: rnd.uuid(),
    schools: Array.from({ length: d.schools }, (_, i) => {
      const kind = SCHOOL_KINDS[i % 3]!;
      const id = rnd.uuid();
      const drawn = rnd.int(kind.min, kind.max); // drawn even for the small school, so every later seeded value stays the same
      // The small school enrolls exactly its roster (demo.roster.ts), so the public page's enrollment agrees with the figures.
      const enrollment = d.key === 'main' && i === SMALL_SCHOOL_INDEX ? SMALL_SCHOOL_STUDENTS : drawn;
      return {
        id,
        name: `${PLACES[(i + (d.key === 'main' ? 0 : 7)) % PLACES.length]} ${kind.suffix}`,
        ncesSchoolId: `${d.ncesLeaId}${String(i + 1).padStart(5, '0')}`,
        gradeLow: kind.low,
        gradeHigh: kind.high,
        enrollment,
      };
    }),
  }));
  const main = plan[0]!;
  const [hs, ms, es] = main.schools;
  const secret = () => Array.from({ length: 32 }, () => rnd.pick([...BASE32])).join('');
  const acct = (
    role: Role,
    local: string,
    displayName: string,
    schoolIds: string[] = [],
    profession: SupportProfession | null = null,
    districtId: string | null = main.id,
  ): DemoAccount & { id: string } => ({
    id: rnd.uuid(),
    role,
    profession,
    email: `${local}@demo.forefront.test`,
    displayName,
    districtId,
    schoolIds,
    totpSecret: role === 'state_viewer' ? null : secret(),
  });
  const accounts = [
    acct('district_admin', 'admin', 'Dana Whitfield'),
    acct('school_admin', 'principal', 'Marcus Ortega', [hs!.id]),
    acct('sro', 'sro', 'Officer Priya Nair', [hs!.id, ms!.id]),
    acct('sro', 'sro2', 'Officer James Bell', [es!.id]),
    acct('support_staff', 'counselor', 'Alicia Romero', [hs!.id], 'counselor'),
    acct('support_staff', 'psychologist', 'Dr. Kevin Osei', [hs!.id, ms!.id], 'psychologist'),
    acct('support_staff', 'socialworker', 'Hannah Kim', [ms!.id, es!.id], 'social_worker'),
    acct('auditor', 'auditor', 'Ruth Delgado (independent auditor)'),
    { ...acct('state_viewer', 'state', 'Virginia state viewer', [], null, null) },
    acct('district_admin', 'admin2', 'Leon Fischer', [], null, plan[1]!.id),
    // Last, so every account above keeps the ids and secrets it had before issue 14.
    acct('training_coordinator', 'training', 'Teresa Lawson'),
    // Issue 15, after the rest for the same reason.
    acct('threat_coordinator', 'threat', 'Gloria Hayes'),
  ];
  const result: DemoResult = {
    districtId: main.id,
    districtIds: plan.map((d) => d.id),
    districts: plan.map(({ id, name, ncesLeaId, state, schools }) => ({ id, name, ncesLeaId, state, schools })),
    password: DEMO_PASSWORD,
    accounts: accounts.map(({ id: _id, ...a }) => a),
    incidentLog: { studentsPerSchool: STUDENTS_PER_SCHOOL, incidents: DEMO_INCIDENTS },
    alreadyLoaded: false,
  };

  // The demo's LEA ids are fixed, so a demo loaded earlier with another seed is found by them.
  const existing = await ctx.db
    .selectFrom('districts')
    .select(['id', 'ncesLeaId'])
    .where(
      'ncesLeaId',
      'in',
      plan.map((d) => d.ncesLeaId),
    )
    .execute();
  if (existing.length) {
    if (existing.length === plan.length && existing.every((e) => plan.some((d) => d.id === e.id)))
      return { ...result, alreadyLoaded: true };
    throw new Error(
      `A demo district made with another seed is already loaded in this database (NCES LEA id ${existing[0]!.ncesLeaId}); use a fresh FOREFRONT_DATA_DIR for seed ${seed}`,
    );
  }
  if (!opts.force) {
    const real = await ctx.db
      .selectFrom('districts')
      .select(['name', 'ncesLeaId'])
      .where(
        'ncesLeaId',
        'not in',
        DISTRICTS.map((d) => d.ncesLeaId),
      )
      .orderBy('createdAt')
      .executeTakeFirst();
    if (real) throw new DemoRefused(real);
  }
  const passwordHash = await hashPassword(ctx.config, DEMO_PASSWORD);
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of plan) await insertDistrict(trx, ctx, d);
    const now = nowIso();
    for (const a of accounts) {
      await trx
        .insertInto('users')
        .values({
          id: a.id,
          districtId: a.districtId,
          email: a.email,
          displayName: a.displayName,
          role: a.role,
          profession: a.profession,
          state: a.role === 'state_viewer' ? 'VA' : null,
          passwordHash,
          mfaSecret: a.totpSecret && sealTotpSecret(ctx.config, a.id, a.totpSecret),
          mfaEnabled: a.totpSecret ? 1 : 0,
          disabled: 0,
          accessExpiresAt:
            a.role === 'auditor' ? new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10) : null,
          failedSignIns: 0,
          lockedUntil: null,
          lastSignInAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      if (a.schoolIds.length && a.districtId)
        await trx
          .insertInto('userSchools')
          .values(a.schoolIds.map((schoolId) => ({ userId: a.id, schoolId, districtId: a.districtId! })))
          .execute();
    }
    await appendAudit(trx, { dialect: ctx.dialect, actor: null, districtId: main.id }, { kind: 'demo.loaded', seed });
    // Its own seeded stream (ids and choices), so the districts and accounts above keep theirs.
    const log = seededRandom(seed + 3);
    const actor = (a: (typeof accounts)[number]) => ({
      userId: a.id,
      role: a.role,
      districtId: a.districtId,
      state: 'VA',
      schoolIds: a.schoolIds,
    });
    const byEmail = (local: string) => accounts.find((a) => a.email === `${local}@demo.forefront.test`)!;
    await withIdSource(log.uuid, () =>
      loadIncidentLogDemo(
        trx,
        ctx,
        log,
        main,
        main.schools,
        {
          admin: actor(byEmail('admin')),
          principal: actor(byEmail('principal')),
          officers: [actor(byEmail('sro')), actor(byEmail('sro2'))],
        },
        new Date(),
      ),
    );
    const accountIds = Object.fromEntries(accounts.map((a) => [a.email.split('@')[0]!, a.id]));
    const today = new Date().toISOString().slice(0, 10);
    const officers = await loadDemoRoster(
      trx,
      seed,
      main.id,
      main.schools.map((s) => s.id),
      accountIds,
      today,
    );
    await loadDemoActivities(
      trx,
      seed,
      main.id,
      officers,
      main.schools.map((s) => s.id),
      accountIds,
      today,
    );
    await loadDemoExceptions(trx, seed, main.id, officers, accountIds.admin, today);
    await seedDemoTrainingRecords(trx, seed, main.id, officers, today, accountIds.training ?? null);
  });
  // The public transparency report of every school year with figures: publishing is an explicit
  // step (docs/transparency.md), and a fresh demo should show its public pages at once. Seeded ids
  // and a publication time fixed per day keep the same seed giving the same data.
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  await withIdSource(seededRandom(seed + 5).uuid, () => publishTransparency(ctx, null, main.id, { now: today }));
  // Issue 14: the training standard and course catalog, last, so everything above stays as it was.
  await ctx.db.transaction().execute((trx) => loadTrainingStandardDemo(trx, ctx, main.id));
  // Issue 15: threat assessment teams, cases and referrals, after the rest for the same reason.
  await ctx.db
    .transaction()
    .execute((trx) =>
      loadThreatDemo(
        trx,
        ctx,
        { main: main.id, neighbor: plan[1]!.id },
        { hs: hs!.id, ms: ms!.id, es: es!.id, all: main.schools.map((s) => s.id) },
        Object.fromEntries(accounts.map((a) => [a.email.split('@')[0]!, a.id])),
        new Date().toISOString().slice(0, 10),
      ),
    );
  return result;
}

async function insertDistrict(
  trx: Db,
  ctx: AppContext,
  d: {
    id: string;
    name: string;
    ncesLeaId: string;
    state: string;
    schools: {
      id: string;
      name: string;
      ncesSchoolId: string;
      gradeLow: string;
      gradeHigh: string;
      enrollment: number;
    }[];
  },
) {
  const now = nowIso();
  await trx
    .insertInto('districts')
    .values({
      id: d.id,
      ncesLeaId: d.ncesLeaId,
      name: d.name,
      state: d.state,
      suppressionMinN: 10,
      // A demo district keeps the time of its state, as setup preselects it.
      timeZone: stateTimeZone(d.state),
      schoolYearStart: DEFAULT_SCHOOL_YEAR_START,
      clockApplied: clockKey({ timeZone: stateTimeZone(d.state), schoolYearStart: DEFAULT_SCHOOL_YEAR_START }),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const audit = { dialect: ctx.dialect, actor: null, districtId: d.id };
  await appendAudit(trx, audit, { kind: 'district.created', districtId: d.id, ncesLeaId: d.ncesLeaId });
  for (const s of d.schools) {
    await trx
      .insertInto('schools')
      .values({
        ...s,
        districtId: d.id,
        gradeLow: s.gradeLow as never,
        gradeHigh: s.gradeHigh as never,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await appendAudit(trx, audit, { kind: 'school.created', schoolId: s.id, ncesSchoolId: s.ncesSchoolId });
  }
}
