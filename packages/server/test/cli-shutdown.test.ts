import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_WORKERS_LISTENING } from '../src/cluster.js';
import type { DemoResult } from '../src/modules/demo/demo.service.js';
import {
  type CliTarget,
  type RunningServer,
  cliOk,
  createCliTarget,
  dumpDatabase,
  runCli,
  signInHttp,
  startServer,
  streamSchoolWrites,
  totpOf,
} from './cli-helpers.js';
import { TEST_DIALECT } from './harness.js';

/**
 * A request whose body arrives in two parts: the server has started on it (headers read) but
 * cannot finish until `finish()` sends the rest. It stands for any request that is mid-way when
 * SIGTERM arrives; a graceful server answers it, an abrupt one drops the connection. Its agent
 * keeps the connection open afterwards, as browsers and proxies do, which must not hold up exit.
 */
function slowPost(url: string, path: string, headers: Record<string, string>, body: unknown, agent: Agent) {
  const data = Buffer.from(JSON.stringify(body));
  const half = Math.floor(data.length / 2);
  let resolveAnswer!: (v: { status: number; body: string }) => void;
  let rejectAnswer!: (e: Error) => void;
  const answer = new Promise<{ status: number; body: string }>(
    (res, rej) => ((resolveAnswer = res), (rejectAnswer = rej)),
  );
  const req = request(
    `${url}${path}`,
    {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(data.length) },
    },
    (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
    },
  );
  req.on('error', rejectAnswer);
  answer.catch(() => undefined); // awaited later; an early failure must not count as unhandled
  req.write(data.subarray(0, half));
  return { answer, finish: () => req.end(data.subarray(half)) };
}

/**
 * Once as a single process and once as a supervisor with two workers (WORKERS=2, cluster.ts):
 * SIGTERM then reaches the supervisor, which passes it on and exits when both workers have
 * finished. With two workers the writes also run in two processes at once on one database.
 */
describe.each([1, 2])(`forefront serve with WORKERS=%i shuts down gracefully on ${TEST_DIALECT}`, (workers) => {
  let target: CliTarget;
  let server: RunningServer | undefined;
  let demo: DemoResult;

  beforeAll(async () => {
    target = await createCliTarget();
    demo = JSON.parse(await cliOk(['demo', '--json'], target)) as DemoResult;
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await target?.drop();
  });

  it('keeps every acknowledged write when SIGTERM arrives mid-stream, and exits 0', async () => {
    // Request lines (info) carry each process's pid: they show which workers answered.
    // Every worker listening before the writes open their connections, or one worker may get them all.
    server = await startServer(target, {
      env: { WORKERS: String(workers), LOG_LEVEL: 'info' },
      readyLine: workers > 1 ? ALL_WORKERS_LISTENING : undefined,
    });
    const admin = demo.accounts.find((a) => a.role === 'district_admin' && a.districtId === demo.districtId)!;
    const session = await signInHttp(server.url, admin.email, demo.password, totpOf(admin.totpSecret!));
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const agent = new Agent({ keepAlive: true, timeout: 60_000 });
    const slow = slowPost(
      server.url,
      `/api/districts/${demo.districtId}/schools`,
      headers,
      { ncesSchoolId: '990000799999', name: 'Half-sent School', gradeLow: '06', gradeHigh: '08', enrollment: 321 },
      agent,
    );
    const writes = streamSchoolWrites({
      url: server.url,
      session,
      districtId: demo.districtId,
      prefix: '9900008',
      concurrency: 8,
      maxWrites: 4000,
    });
    await writes.untilAcked(40);
    const signalledAt = performance.now();
    server.process.kill('SIGTERM');
    // The rest of the half-sent request arrives well after the signal.
    await new Promise((r) => setTimeout(r, 300));
    slow.finish();
    const slowAnswer = await slow.answer;
    const exit = await server.exited;
    const answeredBy = new Set(
      server
        .output()
        .split('\n')
        .filter((l) => l.includes('"request completed"'))
        .map((l) => (JSON.parse(l) as { pid: number }).pid),
    );
    expect(answeredBy.size).toBe(workers);
    // Two processes writing at once wait for SQLite's lock (begin immediate + busy_timeout); none gave up.
    expect(server.output()).not.toContain('database busy');
    const exitAfterMs = performance.now() - signalledAt;
    agent.destroy();
    await writes.stop();
    const server0 = server;
    server = undefined;
    expect(exit, server0.output()).toEqual({ code: 0, signal: null });
    // Promptly: an idle keep-alive connection (the half-sent request's, once answered) does not
    // keep the process waiting for the 20 s grace period or the 72 s keep-alive timeout.
    expect(exitAfterMs).toBeLessThan(10_000);
    // Every stream ended because the server went away, not because of the write bound.
    expect(writes.failed.length + writes.refused.length).toBeGreaterThan(0);
    // Whatever came back after SIGTERM was either a success or a clean refusal (503 while closing).
    expect(
      writes.refused.every((s) => s === 503),
      `statuses: ${writes.refused.join(',')}`,
    ).toBe(true);

    const dump = await dumpDatabase(target.database);
    const schoolIds = new Set(dump.schools!.map((row) => (JSON.parse(row) as { id: string }).id));
    const lost = writes.acked.filter((w) => !schoolIds.has(w.id));
    expect(lost, `acknowledged but missing after shutdown: ${lost.map((w) => w.ncesSchoolId).join(', ')}`).toEqual([]);
    // A write is the row and its audit event together, never one without the other.
    const created = new Set(
      dump
        .audit_events!.map((row) => JSON.parse(row) as { kind: string; payload: string })
        .filter((e) => e.kind === 'school.created')
        .map((e) => (JSON.parse(e.payload) as { schoolId: string }).schoolId),
    );
    expect([...schoolIds].sort()).toEqual([...created].sort());
    // Graceful, not merely durable: the request that was mid-way at SIGTERM was finished and answered.
    expect(slowAnswer.status, slowAnswer.body).toBe(201);
    const slowId = (JSON.parse(slowAnswer.body) as { id: string }).id;
    expect(schoolIds.has(slowId)).toBe(true);

    const verify = await runCli(['audit', 'verify', '--json'], target);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, firstBroken: null });
  }, 60_000);
});
