import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, scopeOf } from '@forefront/contract';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoConfig } from '../src/cli/demo.command.js';
import { nowIso } from '../src/db/database.js';
import type { DemoResult } from '../src/modules/demo/demo.service.js';
import {
  type CliTarget,
  type RunningServer,
  api,
  cliOk,
  createCliTarget,
  dumpDatabase,
  runCli,
  signInHttp,
  startServer,
  totpOf,
  withDb,
} from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';

/** Columns whose values depend on the clock or on a random salt or nonce, and hashes that cover them. */
const TIME_DEPENDENT = new Set([
  'createdAt',
  'updatedAt',
  'at',
  'hash',
  'prevHash',
  'passwordHash',
  // TOTP secrets are sealed with a random nonce under each installation's own data key (the demo
  // JSON, compared above, carries the secrets themselves).
  'mfaSecret',
  'mfa_secret',
  'accessExpiresAt',
  'timestamp',
  'created_at',
  'updated_at',
  'prev_hash',
  'password_hash',
  'access_expires_at',
  // The incident log's moments of recording (the demo's own incident, review and signing dates are days before today, fixed per day).
  'submitted_at',
  'recorded_at',
  'changed_at',
  'signed_at',
  // Issue 14: when the demo's training records were approved (the moment of loading).
  'reviewed_at',
  // Issue 15: text sealed with a random nonce under each installation's own district key (the
  // referral an officer's incident made), and that key itself, sealed under the master key.
  'reason_sealed',
  'sealed_key',
]);

function withoutTime(dump: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [
      table,
      rows
        .map((r) =>
          JSON.stringify(
            Object.fromEntries(
              Object.entries(JSON.parse(r) as Record<string, unknown>).filter(
                // Issue 15: text sealed with a district key (random per installation, random nonce).
                ([k]) => !TIME_DEPENDENT.has(k) && !/sealed/i.test(k),
              ),
            ),
          ),
        )
        .sort(),
    ]),
  );
}

const sortIds = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe(`forefront demo on ${TEST_DIALECT}`, () => {
  let a: CliTarget;
  let b: CliTarget;
  let demo: DemoResult;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    [a, b] = await Promise.all([createCliTarget(), createCliTarget()]);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('gives identical output and identical data for the same seed on two fresh databases', async () => {
    const [outA, outB] = await Promise.all([
      cliOk(['demo', '--json'], a, { timeoutMs: 110_000 }),
      cliOk(['demo', '--json', '--seed', '20261127'], b, { timeoutMs: 110_000 }),
    ]);
    // Nothing in the JSON depends on the clock (the auditor's expiry date is only in the database).
    expect(outA).toBe(outB);
    demo = JSON.parse(outA) as DemoResult;
    expect(demo.alreadyLoaded).toBe(false);
    // The databases match too, apart from timestamps, salted hashes and the hashes that cover timestamps.
    expect(withoutTime(await dumpDatabase(a.database))).toEqual(withoutTime(await dumpDatabase(b.database)));
    // Two demos at once (2,000 history incidents each, the training roster, records and officers'
    // time, then publishing) take over 30 s on a 2-core machine running other test files too.
  }, 120_000);

  it('has schools with 12-digit NCES-style ids and enrollments, and an account in every role', async () => {
    expect(demo.districts).toHaveLength(2);
    for (const d of demo.districts) {
      expect(d.ncesLeaId).toMatch(/^99\d{5}$/); // the 99 range: never a real NCES id
      expect(d.schools.length).toBeGreaterThan(0);
      for (const s of d.schools) {
        expect(s.ncesSchoolId).toMatch(/^\d{12}$/);
        expect(s.ncesSchoolId.startsWith(d.ncesLeaId)).toBe(true);
        expect(Number.isInteger(s.enrollment) && s.enrollment > 0).toBe(true);
      }
    }
    const ncesIds = demo.districts.flatMap((d) => d.schools.map((s) => s.ncesSchoolId));
    expect(new Set(ncesIds).size).toBe(ncesIds.length);
    expect([...new Set(demo.accounts.map((x) => x.role))].sort()).toEqual([...ROLES].sort());
    // The JSON tells the truth about the database.
    const dump = await dumpDatabase(a.database);
    expect(dump.schools).toHaveLength(ncesIds.length);
    for (const row of dump.schools!) {
      const s = JSON.parse(row) as Record<string, string>;
      const enrollment = Number(s.enrollment);
      expect(demo.districts.flatMap((d) => d.schools).find((x) => x.id === s.id)?.enrollment).toBe(enrollment);
    }
    expect(dump.users).toHaveLength(demo.accounts.length);
  });

  it('changes nothing when run again on the same database, and says it was already loaded', async () => {
    const before = await dumpDatabase(a.database);
    const again = JSON.parse(await cliOk(['demo', '--json'], a)) as DemoResult;
    expect(again).toEqual({ ...demo, alreadyLoaded: true });
    expect(await dumpDatabase(a.database)).toEqual(before);
    // The human-readable form says so too.
    expect(await cliOk(['demo'], a)).toContain('already loaded');
    expect(await dumpDatabase(a.database)).toEqual(before);
  });

  it('lets each demo role sign in through the HTTP API and see only what it may', async () => {
    server = await startServer(a);
    const url = server.url;
    const [main, neighbor] = demo.districts as [DemoResult['districts'][number], DemoResult['districts'][number]];
    const checked = new Set<Role>();
    for (const acct of demo.accounts) {
      // The first account's code comes from `forefront demo code`, as a newcomer would get it.
      const fromCli = async () => {
        const printed = (await cliOk(['demo', 'code', acct.email], a)).trim();
        expect(printed).toMatch(/^\d{6}$/);
        return printed;
      };
      const code = acct === demo.accounts[0] ? fromCli : acct.totpSecret ? totpOf(acct.totpSecret) : undefined;
      const session = await signInHttp(url, acct.email, demo.password, code);
      const me = await api(url, session, 'GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.body.user.role).toBe(acct.role);
      expect(me.body.mfaPending).toBe(false);

      const home = acct.districtId === neighbor.id ? neighbor : main;
      const other = home === main ? neighbor : main;
      const label = `${acct.email} (${acct.role})`;

      // Schools: a school-scoped role sees exactly its assigned schools; the others, the whole district.
      const schools = await api(url, session, 'GET', `/api/districts/${home.id}/schools?limit=200`);
      expect(schools.status, label).toBe(200);
      const expectedSchools =
        scopeOf(acct.role, 'school.list') === 'school' ? [...acct.schoolIds].sort() : sortIds(home.schools);
      expect(sortIds(schools.body.items), label).toEqual(expectedSchools);
      expect(schools.body.total, label).toBe(expectedSchools.length);

      // A school in the same district but outside the assignment: visible district, forbidden record.
      const outside = home.schools.find((s) => !acct.schoolIds.includes(s.id))!;
      const readOutside = await api(url, session, 'GET', `/api/schools/${outside.id}`);
      expect(readOutside.status, label).toBe(scopeOf(acct.role, 'school.read') === 'school' ? 403 : 200);

      // Another district: invisible (404, exactly like an id that does not exist), except to the state viewer.
      const otherSchools = await api(url, session, 'GET', `/api/districts/${other.id}/schools`);
      expect(otherSchools.status, label).toBe(acct.role === 'state_viewer' ? 200 : 404);

      // People and the audit trail: exactly the roles the policy table names.
      for (const [path, action] of [
        [`/api/districts/${home.id}/users`, 'user.list'],
        [`/api/districts/${home.id}/audit`, 'audit.list'],
      ] as const) {
        const r = await api(url, session, 'GET', path);
        expect(r.status, `${label} GET ${path}`).toBe(scopeOf(acct.role, action) === 'none' ? 403 : 200);
      }
      const stateList = await api(url, session, 'GET', '/api/state/districts');
      expect(stateList.status, label).toBe(scopeOf(acct.role, 'state.district.list') === 'none' ? 403 : 200);
      if (acct.role === 'state_viewer')
        expect(stateList.body.items.map((d: { id: string }) => d.id).sort()).toEqual([main.id, neighbor.id].sort());

      // Writes: renaming a school (to its own name, so the data stays the demo's) follows school.update.
      const target = acct.schoolIds.length ? home.schools.find((s) => s.id === acct.schoolIds[0])! : home.schools[0]!;
      const patch = await api(url, session, 'PATCH', `/api/schools/${target.id}`, { name: target.name });
      expect(patch.status, `${label} PATCH school`).toBe(scopeOf(acct.role, 'school.update') === 'none' ? 403 : 200);

      if (acct.role === 'auditor') {
        const loaded = await api(url, session, 'GET', `/api/districts/${home.id}/audit?kind=demo.loaded`);
        expect(loaded.status).toBe(200);
        expect(loaded.body.total).toBe(1);
        expect(loaded.body.items[0].payload).toEqual({ seed: 20261127 });
      }
      checked.add(acct.role);
    }
    expect([...checked].sort()).toEqual([...ROLES].sort());
    // Everything above was recorded properly: the chains still verify.
    expect(JSON.parse(await cliOk(['audit', 'verify', '--json'], a))).toMatchObject({ ok: true, firstBroken: null });
  }, 60_000);

  it('prints the sign-in address on the configured host and port', { timeout: 180_000 }, async () => {
    const on = (env: Record<string, string>) => cliOk(['demo'], { env: { ...a.env, ...env } }, { timeoutMs: 120_000 });
    expect(await on({ HOST: '127.0.0.1', PORT: '4567' })).toContain('Open http://127.0.0.1:4567/sign-in');
    // Listening everywhere: the address a person on this machine opens.
    expect(await on({ HOST: '0.0.0.0', PORT: '4568' })).toContain('Open http://localhost:4568/sign-in');
    expect(await on({ HOST: '::1', PORT: '4569' })).toContain('Open http://[::1]:4569/sign-in');
    // PUBLIC_URL, when set, is the address.
    expect(await on({ PUBLIC_URL: 'https://sro.example.org/' })).toContain('Open https://sro.example.org/sign-in');
  });

  it('refuses to add the demo to a database holding a real district unless --force, and says why', async () => {
    const c = await createCliTarget();
    try {
      await cliOk(['migrate'], c);
      const districts = () =>
        withDb(c.database, (db) => db.selectFrom('districts').select(['name', 'ncesLeaId']).orderBy('name').execute());
      const at = nowIso();
      await withDb(c.database, (db) =>
        db
          .insertInto('districts')
          .values({
            id: 'real-district',
            ncesLeaId: '5100001',
            name: 'Real County Public Schools',
            state: 'VA',
            suppressionMinN: 10,
            timeZone: 'America/New_York',
            schoolYearStart: '07-01',
            clockApplied: 'America/New_York|07-01',
            createdAt: at,
            updatedAt: at,
          })
          .execute(),
      );
      const refused = await runCli(['demo'], c, { timeoutMs: 120_000 });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('real district, Real County Public Schools (NCES LEA id 5100001)');
      expect(refused.stderr).toContain('--force');
      expect(await districts()).toEqual([{ name: 'Real County Public Schools', ncesLeaId: '5100001' }]);

      const forced = JSON.parse(await cliOk(['demo', '--force', '--json'], c, { timeoutMs: 150_000 })) as DemoResult;
      expect(forced.alreadyLoaded).toBe(false);
      expect((await districts()).map((d) => d.ncesLeaId).sort()).toEqual(['5100001', '9900001', '9900002']);
      // Loaded once, a second run (without --force) only says so.
      expect(JSON.parse(await cliOk(['demo', '--json'], c))).toMatchObject({ alreadyLoaded: true });
    } finally {
      await c.drop();
    }
  }, 180_000);

  it('looks for the demo where `demo` loaded it, wherever `demo code` is run from', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    // No data directory given: the Forefront folder's `data`, as `npm run demo` (run at the root) uses.
    expect(demoConfig({}).dataDir).toBe(join(root, 'data'));
    expect(demoConfig({ FOREFRONT_DATA_DIR: '/srv/ff' }).dataDir).toBe('/srv/ff');
    expect(demoConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
    // Not found: the message names where it looked.
    const c = await createCliTarget();
    try {
      const r = await runCli(['demo', 'code', 'admin@demo.forefront.test'], c);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is not a demo account in the ');
      if (c.dialect === 'sqlite') expect(r.stderr).toContain(c.dataDir);
    } finally {
      await c.drop();
    }
  });
});
