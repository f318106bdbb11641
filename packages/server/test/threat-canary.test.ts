import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@forefront/contract';
import { sqliteHandleOf } from '../src/db/database.js';
import { type CliTarget, createCliTarget, runCli } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { type ThreatWorld, api, buildThreatWorld, reportCase } from './threat.helpers.js';

const run = promisify(execFile);

/**
 * Issue 15 item 4, "a canary test: unique strings written into notes, plans and interviews never
 * appear in plaintext in the SQLite file, its WAL, a backup, the logs or a PostgreSQL dump". Each
 * string is written through the API as a team member would; the server logs at debug level into
 * the test; then every copy of the data is searched. The API still answers every string to the team.
 */
describe(`sealed case texts (canary) on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: ThreatWorld;
  let cli: CliTarget;
  let caseId: string;
  const logs: string[] = [];
  const tag = randomUUID().slice(0, 8);
  const CANARY = {
    concern: `canary-concern-${tag} said he would burn the gym`,
    note: `canary-note-${tag} the team met after school`,
    interview: `canary-interview-${tag} the student apologized`,
    plan: `canary-plan-${tag} daily check-in with the counselor`,
    task: `canary-task-${tag} call the family on Monday`,
    rationale: `canary-rationale-${tag} specific target and time`,
  };
  // The distinctive part of each: a ciphertext cannot contain it by chance.
  const needles = Object.values(CANARY).map((c) => c.split(' ')[0]!);

  beforeAll(async () => {
    cli = await createCliTarget();
    t = await createTestApp(
      { database: cli.database, logLevel: 'debug' },
      { logStream: { write: (line: string) => void logs.push(line) } },
    );
    w = await buildThreatWorld(t.app, t.ctx);
    ({ id: caseId } = await reportCase(t.app, t.ctx, w, w.s.counselor, { concern: CANARY.concern }));
    const step = async (tail: string, body: unknown) => {
      const res = await api(t.app, w.s.counselor, 'POST', `/api/threat-cases/${caseId}${tail}`, body);
      expect(res.statusCode, `${tail}: ${res.body}`).toBe(200);
    };
    await step('/interviews', {
      intervieweeKind: 'student',
      interviewee: 'The student',
      interviewedAt: new Date().toISOString(),
      summary: CANARY.interview,
    });
    await step('/notes', { body: CANARY.note });
    await step('/classification', { classification: 'serious_substantive', rationale: CANARY.rationale });
    await step('/safety-plan', { plan: CANARY.plan });
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await step('/tasks', { title: CANARY.task, ownerId: w.users.counselor.id, dueOn });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await cli?.drop();
  });

  const leaks = (bytes: Buffer | string) => {
    const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
    return needles.filter((n) => text.includes(n));
  };

  it('answers every string to a member of the team', async () => {
    const res = await api(t.app, w.s.counselor, 'GET', `/api/threat-cases/${caseId}`);
    expect(res.statusCode).toBe(200);
    const d = res.json<CaseDetail>();
    expect(d.concern).toBe(CANARY.concern);
    expect(d.notes.map((n) => n.body)).toEqual([CANARY.note]);
    expect(d.interviews.map((i) => i.summary)).toEqual([CANARY.interview]);
    expect(d.rationale).toBe(CANARY.rationale);
    expect(d.safetyPlan?.plan).toBe(CANARY.plan);
    expect(d.tasks.map((k) => k.title)).toEqual([CANARY.task]);
  });

  it('logs none of them, though the server logged every request', () => {
    expect(logs.length).toBeGreaterThan(5);
    expect(logs.join('\n')).toContain(`/api/threat-cases/${caseId}`);
    expect(leaks(logs.join('\n'))).toEqual([]);
  });

  it.runIf(TEST_DIALECT === 'sqlite')('leaves none in the SQLite file, its WAL, or a backup', async () => {
    if (cli.database.dialect !== 'sqlite') throw new Error('expected SQLite');
    const file = cli.database.file;
    // Fresh writes sit in the WAL first: it must exist and hold them (sealed) before the checkpoint.
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(readFileSync(`${file}-wal`).length).toBeGreaterThan(0);
    expect(leaks(readFileSync(`${file}-wal`))).toEqual([]);
    expect(leaks(readFileSync(file))).toEqual([]);
    // Then everything moved into the main file.
    sqliteHandleOf(t.ctx.db)!.pragma('wal_checkpoint(TRUNCATE)');
    expect(leaks(readFileSync(file))).toEqual([]);
    const backupFile = join(cli.dataDir, 'canary-backup.sqlite');
    const backup = await runCli(['backup', backupFile], cli, { timeoutMs: 60_000 });
    expect(backup.code, backup.stderr).toBe(0);
    const copy = readFileSync(backupFile);
    // The backup holds the case (its number is plain) but none of its texts.
    const number = (await t.ctx.db.selectFrom('threatCases').select('number').executeTakeFirstOrThrow()).number;
    expect(copy.toString('latin1')).toContain(number);
    expect(leaks(copy)).toEqual([]);
  });

  it.runIf(TEST_DIALECT === 'postgres')('leaves none in a pg_dump of the database', async () => {
    if (cli.database.dialect !== 'postgres') throw new Error('expected PostgreSQL');
    const { stdout } = await run('pg_dump', ['--no-owner', cli.database.url], { maxBuffer: 256 * 1024 * 1024 });
    const number = (await t.ctx.db.selectFrom('threatCases').select('number').executeTakeFirstOrThrow()).number;
    expect(stdout).toContain(number);
    expect(leaks(stdout)).toEqual([]);
  });
});
