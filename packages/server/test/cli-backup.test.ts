import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoResult } from '../src/modules/demo/demo.service.js';
import {
  type CliTarget,
  type HttpSession,
  type RunningServer,
  api,
  cliOk,
  createCliTarget,
  dumpDatabase,
  runCli,
  signInHttp,
  startServer,
  streamSchoolWrites,
  totpOf,
} from './cli-helpers.js';
import { TEST_DIALECT, createTempDir } from './harness.js';

describe.runIf(TEST_DIALECT === 'postgres')('forefront backup and restore on PostgreSQL', () => {
  let target: CliTarget;
  beforeAll(async () => {
    target = await createCliTarget();
  });
  afterAll(() => target?.drop());

  it('refuse, and point to pg_dump and pg_restore: they are SQLite-only commands', async () => {
    const [backup, restore] = await Promise.all([
      runCli(['backup', join(target.dataDir, 'x.sqlite')], target),
      runCli(['restore', join(target.dataDir, 'x.sqlite')], target),
    ]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('pg_dump');
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('pg_restore');
    expect(existsSync(join(target.dataDir, 'x.sqlite'))).toBe(false);
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')('forefront backup and restore on SQLite', () => {
  let target: CliTarget;
  let server: RunningServer | undefined;
  let demo: DemoResult;
  const scratch = createTempDir('backup');
  const backupFile = join(scratch, 'snapshot.sqlite');
  let backupDump: Record<string, string[]>;
  // One sign-in for the whole file: a TOTP code (one 30-second step) is accepted only once.
  let session: HttpSession;

  beforeAll(async () => {
    target = await createCliTarget('sqlite');
    demo = JSON.parse(await cliOk(['demo', '--json'], target)) as DemoResult;
  });
  afterAll(async () => {
    await server?.stop();
    await target?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('takes a consistent, complete backup while the server is busy writing', async () => {
    server = await startServer(target);
    const admin = demo.accounts.find((a) => a.role === 'district_admin' && a.districtId === demo.districtId)!;
    session = await signInHttp(server.url, admin.email, demo.password, totpOf(admin.totpSecret!));
    // NCES ids 9900009xxxxx: clear of the demo districts' 9900001/9900002 ranges.
    const writes = streamSchoolWrites({
      url: server.url,
      session,
      districtId: demo.districtId,
      prefix: '9900009',
      concurrency: 4,
    });
    await writes.untilAcked(20);
    const ackedBeforeBackup = writes.acked.length;
    const ackedIds = writes.acked.slice(0, ackedBeforeBackup).map((w) => w.id);
    const backup = await runCli(['backup', backupFile], target);
    // Writes went on while the backup process ran (it takes a second or more to start).
    expect(writes.acked.length).toBeGreaterThan(ackedBeforeBackup);
    await writes.untilAcked(writes.acked.length + 10); // the server kept writing after the copy, too
    await writes.stop();
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ pages to /);
    expect(writes.failed).toEqual([]);

    // Consistent: SQLite finds nothing wrong, and every foreign key resolves.
    const db = new SQLite(backupFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Each school and its audit event were written in one transaction: the copy has both or neither.
      const schools = db.prepare('select id from schools where district_id = ? order by id').all(demo.districtId) as {
        id: string;
      }[];
      const created = (
        db
          .prepare("select payload from audit_events where chain = ? and kind = 'school.created'")
          .all(demo.districtId) as { payload: string }[]
      )
        .map((r) => (JSON.parse(r.payload) as { schoolId: string }).schoolId)
        .sort();
      expect(created).toEqual(schools.map((s) => s.id));
      // Complete: every write acknowledged before the backup started is in it; and it is a real
      // snapshot of a busy server, not of an idle one.
      const ids = new Set(schools.map((s) => s.id));
      for (const id of ackedIds) expect(ids.has(id), `acknowledged school ${id} missing from the backup`).toBe(true);
      expect(ids.size).toBeGreaterThan(demo.districts[0]!.schools.length + ackedBeforeBackup - 1);
      expect(ids.size).toBeLessThan(demo.districts[0]!.schools.length + writes.acked.length + 1);
    } finally {
      db.close();
    }
    backupDump = await dumpDatabase({ dialect: 'sqlite', file: backupFile });
    // The audit trail in the copy verifies: the backup works as a data directory of its own.
    const copyDir = mkdtempSync(join(scratch, 'copy-'));
    copyFileSync(backupFile, join(copyDir, 'forefront.sqlite'));
    const verify = await runCli(['audit', 'verify', '--json'], { env: { ...target.env, FOREFRONT_DATA_DIR: copyDir } });
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, firstBroken: null });
    expect(await dumpDatabase({ dialect: 'sqlite', file: backupFile })).toEqual(backupDump);
  }, 60_000);

  it('refuses to overwrite an existing file', async () => {
    const r = await runCli(['backup', backupFile], target);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists');
  });

  it('refuses to restore while the server uses the database, and records no restore (issue 12 item 8)', async () => {
    expect(server).toBeDefined(); // still running from the backup test
    const before = await dumpDatabase(target.database);
    const r = await runCli(['restore', backupFile], target);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in use by a running Forefront server/);
    // Nothing restored, and no database.restored event for a restore that did not happen.
    expect(await dumpDatabase(target.database)).toEqual(before);
    expect(before.audit_events!.some((row) => row.includes('database.restored'))).toBe(false);
    // The server is unharmed and still answers.
    expect((await api(server!.url, session, 'GET', `/api/districts/${demo.districtId}`)).status).toBe(200);
  }, 60_000);

  it('restores exactly the backed-up state after later changes, and the trail still verifies', async () => {
    const renamed = await api(server!.url, session, 'PATCH', `/api/districts/${demo.districtId}`, {
      name: 'Renamed after the backup',
    });
    expect(renamed.status).toBe(200);
    const stopped = await server!.stop();
    expect(stopped).toEqual({ code: 0, signal: null });
    server = undefined;
    expect(await dumpDatabase(target.database)).not.toEqual(backupDump);

    const r = await runCli(['restore', backupFile], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Restored');

    const after = await dumpDatabase(target.database);
    // The restore records itself on the system chain: one new event and the system chain's head.
    const restoredEvent = after.audit_events!.filter((row) => !backupDump.audit_events!.includes(row));
    expect(restoredEvent).toHaveLength(1);
    const event = JSON.parse(restoredEvent[0]!) as { chain: string; kind: string; payload: string; seq: string };
    expect(event).toMatchObject({ chain: 'system', kind: 'database.restored' });
    expect(JSON.parse(event.payload)).toEqual({ file: backupFile });
    const systemHead = (rows: string[]) =>
      rows.filter((row) => (JSON.parse(row) as { chain: string }).chain === 'system');
    expect(systemHead(after.audit_heads!).map((row) => (JSON.parse(row) as { seq: string }).seq)).toEqual([event.seq]);
    // Everything else is exactly the backup: the later rename and the later schools are gone.
    const strip = (d: Record<string, string[]>) => ({
      ...d,
      audit_events: d.audit_events!.filter((row) => !restoredEvent.includes(row)),
      audit_heads: d.audit_heads!.filter((row) => !systemHead(d.audit_heads!).includes(row)),
    });
    expect(strip(after)).toEqual(strip(backupDump));
    expect(after.districts!.some((row) => row.includes('Renamed after the backup'))).toBe(false);

    const verify = await runCli(['audit', 'verify'], target);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Audit trail intact');
  }, 60_000);

  it('refuses a file that is not a Forefront database', async () => {
    const other = join(scratch, 'other.sqlite');
    const db = new SQLite(other);
    db.exec('create table t (x)');
    db.close();
    const before = await dumpDatabase(target.database);
    const r = await runCli(['restore', other], target);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a Forefront database');
    expect(await dumpDatabase(target.database)).toEqual(before);
  });
});
