import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyResult } from '@forefront/contract';
import { type DbHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { appendAudit, verifyTrail } from '../src/modules/audit/audit.service.js';
import { newId } from '../src/shared/ids.js';
import { cliOk, createCliTarget, type CliTarget, runCli } from './cli-helpers.js';
import { TEST_DIALECT, testConfig } from './harness.js';

/**
 * `forefront audit verify` while other processes append: every verify must say the trail is
 * intact. Read piecemeal (chains, then pages, then heads), a head appended after its chain was
 * read looked like a truncated chain: on SQLite nearly every verify during writes failed.
 */
const APPENDER = fileURLToPath(new URL('./fixtures/audit-appender.ts', import.meta.url));
const VERIFIES = 150;

describe(`audit verify during concurrent appends on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  let handle: DbHandle;
  const district = newId();
  const appenders: ChildProcess[] = [];

  const countEvents = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from audit_events`.execute(handle.db)).rows[0]!.n);

  /** A writer process on the same database; resolves once it has appended its first event. */
  const startAppender = (chain: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, JSON.stringify(target.database), chain], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      appenders.push(child);
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.on('data', (d: Buffer) => d.toString().includes('appending') && resolve());
      child.on('exit', (code) => reject(new Error(`appender exited ${code}: ${err}`)));
    });

  const stopAppenders = () =>
    Promise.all(
      appenders.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );

  beforeAll(async () => {
    target = await createCliTarget();
    handle = openDatabase(target.database);
    await migrateToLatest(handle.db);
    await handle.db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { dialect: handle.dialect, actor: null, districtId: district },
          { kind: 'demo.loaded', seed: 0 },
        ),
      );
  }, 60_000);
  afterAll(async () => {
    await stopAppenders();
    await handle?.close();
    await target?.drop();
  });

  it(`reports no false tampering in ${VERIFIES} verifies, in process and through the CLI`, async () => {
    await Promise.all([startAppender(district), startAppender('system')]);
    const before = await countEvents();
    const config = testConfig(target.database);
    const ctx = { db: handle.db, dialect: handle.dialect, config };
    const cli = Promise.all([1, 2, 3].map(() => runCli(['audit', 'verify', '--json'], target)));
    const results: AuditVerifyResult[] = [];
    for (let i = 0; i < VERIFIES; i++) results.push(await verifyTrail(ctx));
    const runs = await cli;
    const appended = (await countEvents()) - before;
    await stopAppenders();

    // The appends really ran during the verifies, and each verify saw a different moment.
    expect(appended).toBeGreaterThan(VERIFIES / 10);
    expect(new Set(results.map((r) => r.checked)).size).toBeGreaterThan(1);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, firstBroken: null });
    }
    // And once the writers stopped, everything they wrote verifies.
    expect(JSON.parse(await cliOk(['audit', 'verify', '--json'], target))).toMatchObject({
      ok: true,
      checked: await countEvents(),
    });
  }, 120_000);
});
