import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../src/config.js';
import { type DbHandle, openDatabase } from '../src/db/database.js';
import type { AppContext } from '../src/shared/context.js';
import { currentTotp } from '../src/modules/auth/totp.js';
import { TEST_DIALECT, createTempDir, createTestDatabase } from './harness.js';

/**
 * Helpers for the CLI tests: they run the real `forefront` command as a child process (node on
 * bin/forefront.js, which is what `npx forefront` runs, without npx's start-up cost) against a
 * temp data dir on SQLite, or a fresh PostgreSQL database when FOREFRONT_TEST_DIALECT=postgres.
 */
export const CLI = fileURLToPath(new URL('../bin/forefront.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliTarget {
  dialect: 'sqlite' | 'postgres';
  /** FOREFRONT_DATA_DIR of the child processes (always set, also on PostgreSQL). */
  dataDir: string;
  database: Config['database'];
  /** Environment for every child process of this target. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/**
 * A fresh, empty target. The child processes get cheap argon2 parameters (hash cost is measured in
 * bench/) and quiet logs; nothing from the parent environment can redirect them to another database.
 */
export async function createCliTarget(dialect: 'sqlite' | 'postgres' = TEST_DIALECT): Promise<CliTarget> {
  const dataDir = createTempDir('cli');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FOREFRONT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    HOST: '127.0.0.1',
    COOKIE_SECURE: 'false',
  };
  for (const k of [
    'DATABASE_URL',
    'PORT',
    'PUBLIC_URL',
    'SMTP_URL',
    'NODE_OPTIONS',
    'VITEST',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
  ])
    delete env[k];
  if (dialect === 'postgres') {
    const tdb = await createTestDatabase();
    if (tdb.database.dialect !== 'postgres') throw new Error('expected a PostgreSQL test database');
    env.DATABASE_URL = tdb.database.url;
    return {
      dialect,
      dataDir,
      database: tdb.database,
      env,
      drop: async () => {
        await tdb.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    dialect,
    dataDir,
    database: { dialect: 'sqlite', file: join(dataDir, 'forefront.sqlite') },
    env,
    drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `forefront <args>` to completion. */
export function runCli(
  args: string[],
  target: Pick<CliTarget, 'env'>,
  opts: { timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: target.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Run a command that must succeed; its stdout. */
export async function cliOk(
  args: string[],
  target: Pick<CliTarget, 'env'>,
  opts: { timeoutMs?: number } = {},
): Promise<string> {
  const r = await runCli(args, target, opts);
  if (r.code !== 0)
    throw new Error(`forefront ${args.join(' ')} exited ${r.code ?? r.signal}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal (default SIGTERM) and wait for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `forefront serve` on a free loopback port; resolves once /api/health answers 200 and, when
 * given, `readyLine` has appeared in its output (with WORKERS > 1 the first worker answers
 * health checks before the others listen).
 */
export async function startServer(
  target: CliTarget,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; readyLine?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: REPO_ROOT,
    env: { ...target.env, ...opts.env, PORT: String(port), PUBLIC_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    if (hasExited) throw new Error(`forefront serve exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200 && (!opts.readyLine || out.includes(opts.readyLine))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`forefront serve was not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!hasExited) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** Sign in through the real HTTP API; `code` gives the TOTP code when the account needs one. */
export async function signInHttp(
  url: string,
  email: string,
  password: string,
  code?: () => string | Promise<string>,
): Promise<HttpSession> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { status: string; csrfToken: string };
  const session = { cookie, csrfToken: body.csrfToken };
  if (body.status === 'mfa_required') {
    if (!code) throw new Error(`${email} needs a two-step verification code`);
    const v = await fetch(`${url}/api/auth/mfa/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ code: await code() }),
    });
    if (v.status !== 200) throw new Error(`MFA of ${email} failed: ${v.status} ${await v.text()}`);
    // Passing the second step renews the session: its new cookie and CSRF token replace the first.
    const renewed = v.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie: renewed, csrfToken: ((await v.json()) as { csrfToken: string }).csrfToken };
  }
  return session;
}

export const totpOf = (secret: string) => () => currentTotp(secret);

/** One API call with the session's cookie and CSRF token; the parsed JSON body (or null). */
export async function api(
  url: string,
  session: HttpSession | null,
  method: string,
  path: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers field by field, as from res.json()
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/**
 * Every row of every table, each table sorted, values normalised (PostgreSQL returns some integers
 * as strings): two dumps are equal exactly when the databases hold the same data. Raw drivers, not
 * Kysely, so a SQLite file is opened read-only and nothing is written to what is being compared.
 */
export async function dumpDatabase(database: Config['database']): Promise<Record<string, string[]>> {
  const normalise = (r: Record<string, unknown>) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, typeof v === 'number' || typeof v === 'bigint' ? String(v) : v]),
      ),
    );
  const dump: Record<string, string[]> = {};
  if (database.dialect === 'sqlite') {
    const db = new SQLite(database.file, { readonly: true, fileMustExist: true });
    try {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .all() as { name: string }[];
      for (const { name } of tables)
        dump[name] = (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map(normalise).sort();
    } finally {
      db.close();
    }
    return dump;
  }
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const tables = (
      await c.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
      )
    ).rows;
    for (const { name } of tables) dump[name] = (await c.query(`select * from "${name}"`)).rows.map(normalise).sort();
  } finally {
    await c.end();
  }
  return dump;
}

/** A short-lived connection of the test's own as a minimal AppContext (services that only need the database), closed after `fn`. */
export async function withContext<T>(
  database: Config['database'],
  fn: (ctx: AppContext, handle: DbHandle) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(database);
  try {
    return await fn({ db: handle.db, dialect: handle.dialect } as AppContext, handle);
  } finally {
    await handle.close();
  }
}

/** Run a query on the target's database from the test process. */
export async function withDb<T>(
  database: Config['database'],
  fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(database);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

export interface WrittenSchool {
  id: string;
  ncesSchoolId: string;
  /** performance.now() when the request was sent and when its 2xx answer arrived. */
  sentAt: number;
  ackedAt: number;
}

export interface WriteStream {
  /** Writes answered 2xx, in the order their answers arrived. */
  acked: WrittenSchool[];
  /** Answers other than 2xx (e.g. 503 while the server closes), by status. */
  refused: number[];
  /** Network errors (connection refused or reset once the server is gone), by code. */
  failed: string[];
  /** Stop sending; resolves when every worker has had its last answer. */
  stop(): Promise<void>;
  /** Resolves once `n` writes have been acknowledged. */
  untilAcked(n: number): Promise<void>;
  /** Resolves when every worker has ended (stopped, or the server went away). */
  done: Promise<void>;
}

/**
 * `concurrency` loops, each creating schools one after another through the API as a district
 * administrator, until stopped, until the server goes away, or after `maxWrites` in all (a load
 * test here always has a bound). NCES ids are `prefix` (7 digits) + a running 5-digit number.
 */
export function streamSchoolWrites(opts: {
  url: string;
  session: HttpSession;
  districtId: string;
  prefix: string;
  concurrency?: number;
  maxWrites?: number;
}): WriteStream {
  const acked: WrittenSchool[] = [];
  const refused: number[] = [];
  const failed: string[] = [];
  let next = 0;
  let stopped = false;
  const waiters: { n: number; resolve: () => void }[] = [];
  const max = opts.maxWrites ?? 5000;
  const worker = async () => {
    while (!stopped && next < max) {
      const n = next++;
      const ncesSchoolId = `${opts.prefix}${String(n).padStart(5, '0')}`;
      const sentAt = performance.now();
      try {
        const r = await api(opts.url, opts.session, 'POST', `/api/districts/${opts.districtId}/schools`, {
          ncesSchoolId,
          name: `Stream School ${n}`,
          gradeLow: '09',
          gradeHigh: '12',
          enrollment: 100 + (n % 900),
        });
        if (r.status >= 200 && r.status < 300) {
          acked.push({ id: (r.body as { id: string }).id, ncesSchoolId, sentAt, ackedAt: performance.now() });
          for (const w of waiters.filter((x) => acked.length >= x.n)) w.resolve();
        } else refused.push(r.status);
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        failed.push(cause?.code ?? String(err));
        return; // the server is gone (or going): this worker's stream ends
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker)).then(() => {
    for (const w of waiters) w.resolve();
  });
  return {
    acked,
    refused,
    failed,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
    untilAcked: (n) =>
      acked.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

/**
 * SQL straight through the driver, as someone with the database file or a PostgreSQL superuser
 * would (tampering tests go around Forefront): better-sqlite3 on the file, or a plain pg client.
 */
export async function rawSql<T = Record<string, unknown>>(
  target: Pick<CliTarget, 'database'>,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (target.database.dialect === 'sqlite') {
    const db = new SQLite(target.database.file);
    try {
      const stmt = db.prepare(text.replace(/\$\d+/g, '?'));
      return stmt.reader ? (stmt.all(...params) as T[]) : (stmt.run(...params), []);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: target.database.url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** One audit_events row as the drivers return it. */
export interface AuditEventRow {
  chain: string;
  seq: number;
  district_id: string | null;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  kind: string;
  payload: string;
  prev_hash: string;
  hash: string;
}
