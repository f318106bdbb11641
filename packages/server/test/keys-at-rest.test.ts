import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/modules/auth/totp.js';
import { unseal } from '../src/keys/seal.js';
import { newId } from '../src/shared/ids.js';
import { buildDistrict, buildUser, signIn } from './builders.js';
import { type CliTarget, cliOk, createCliTarget, rawSql, runCli, startServer } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * Issue 12.8: TOTP secrets sealed at rest under a data key kept outside the database, and the
 * files holding student records or keys readable by their owner only (0600).
 */
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe(`TOTP secrets sealed under the data key on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  const userId = newId();
  const email = 'legacy@demo.forefront.test';
  const stored = async () =>
    (await rawSql<{ mfa_secret: string }>(target, 'select mfa_secret from users where id = $1', [userId]))[0]!
      .mfa_secret;

  beforeAll(async () => {
    target = await createCliTarget();
    await cliOk(['migrate'], target);
    // An account enrolled before secrets were sealed: its secret is stored as plain base32.
    const now = new Date().toISOString();
    await rawSql(
      target,
      `insert into users (id, district_id, email, display_name, role, password_hash, mfa_secret, mfa_enabled, disabled, failed_sign_ins, created_at, updated_at)
       values ($1, null, $2, 'Legacy', 'state_viewer', null, $3, 1, 0, 0, $4, $5)`,
      [userId, email, SECRET, now, now],
    );
  }, 60_000);
  afterAll(() => target?.drop());

  it('seals a plain secret at the next start, with a data key created 0600, and demo code still works', async () => {
    expect(await stored()).toBe(SECRET);
    const code = (await cliOk(['demo', 'code', email], target)).trim();
    // The code of this 30-second step, or of the next one if the step turned meanwhile.
    expect([currentTotp(SECRET, -1), currentTotp(SECRET), currentTotp(SECRET, 1)]).toContain(code);
    const sealed = await stored();
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(SECRET);
    const keyFile = join(target.dataDir, 'keys', 'data.key');
    expect(mode(keyFile)).toBe('600');
    expect(mode(join(target.dataDir, 'keys'))).toBe('700');
    // Sealed under that key and bound to the account.
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    expect(unseal(key, sealed, `users.mfa_secret:${userId}`)).toBe(SECRET);
    expect(() => unseal(key, sealed, `users.mfa_secret:${newId()}`)).toThrow();
    // A second start leaves a sealed secret as it is.
    await cliOk(['migrate'], target);
    expect(await stored()).toBe(sealed);
  });

  it('refuses a key file others can read, and a wrong key, with a message that says what to do', async () => {
    const keyFile = join(target.dataDir, 'keys', 'data.key');
    chmodSync(keyFile, 0o644);
    try {
      const r = await runCli(['demo', 'code', email], target);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`can be read by other users (mode 644); run: chmod 600 ${keyFile}`);
    } finally {
      chmodSync(keyFile, 0o600);
    }
    const wrong = await runCli(['demo', 'code', email], {
      env: { ...target.env, FOREFRONT_DATA_KEY: Buffer.alloc(32, 3).toString('base64') },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not open with this data key');
    const malformed = await runCli(['demo', 'code', email], { env: { ...target.env, FOREFRONT_DATA_KEY: 'short' } });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('FOREFRONT_DATA_KEY does not hold a key: expected 32 bytes in base64');
  });
});

describe(`TOTP enrolment through the API stores the secret sealed on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('keeps the enrolled secret out of the database in the clear, and signs in with it', async () => {
    const district = await buildDistrict(t.ctx);
    const user = await buildUser(t.ctx, { role: 'district_admin', districtId: district.id, mfa: false });
    const s = await signIn(t.app, user);
    const enrol = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: s.headers });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret } = enrol.json<{ secret: string }>();
    const row = await t.ctx.db
      .selectFrom('users')
      .select('mfaSecret')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.mfaSecret).toMatch(/^v1:/);
    expect(row.mfaSecret).not.toContain(secret);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enrol/confirm',
      headers: s.headers,
      payload: { code: currentTotp(secret) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')('files created 0600 (SQLite only: PostgreSQL keeps its own files)', () => {
  let target: CliTarget;
  beforeAll(async () => {
    target = await createCliTarget('sqlite');
  });
  afterAll(() => target?.drop());

  it('creates the database, its WAL, shared memory, access epoch and backups owner-only', async () => {
    const db = join(target.dataDir, 'forefront.sqlite');
    // While the server runs, every file SQLite and Forefront keep beside the database exists.
    const server = await startServer(target, { env: { AUDIT_ANCHOR_INTERVAL: '0' } });
    try {
      for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-access`]) {
        expect(existsSync(f), f).toBe(true);
        expect(mode(f), f).toBe('600');
      }
      const backup = join(target.dataDir, 'backup.sqlite');
      await cliOk(['backup', backup], target);
      expect(mode(backup)).toBe('600');
      const copy = new SQLite(backup, { readonly: true });
      try {
        expect(
          Number((copy.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n),
        ).toBeGreaterThan(0);
      } finally {
        copy.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('narrows a database file an older version left readable by others', async () => {
    const db = join(target.dataDir, 'forefront.sqlite');
    chmodSync(db, 0o644);
    chmodSync(`${db}-access`, 0o644);
    await cliOk(['migrate'], target);
    expect(mode(db)).toBe('600');
    expect(mode(`${db}-access`)).toBe('600');
  });
});
