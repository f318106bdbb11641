import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../packages/server/src/config.js';
import { type DbHandle, openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { currentTotp } from '../packages/server/src/modules/auth/totp.js';

/**
 * The scaffolding the per-issue benchmarks share (bench/threat-cases.ts, bench/equity.ts,
 * bench/training-compliance.ts): the machine line, `--dialect` parsing, a temporary database per
 * dialect and a signed-in session.
 */

export type BenchDialect = 'sqlite' | 'postgres';

/** `--dialect sqlite|postgres|both` as the list of dialects to run, in that order. */
export function dialectsOf(flag: string): readonly BenchDialect[] {
  return flag === 'both' ? (['sqlite', 'postgres'] as const) : [flag as BenchDialect];
}

/** `<title>, <ISO date>: <cores> x <cpu>, <memory> GiB, Node <version>, load <1 5 15>`. */
export function machineLine(title: string): string {
  return (
    `${title}, ${new Date().toISOString()}: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'},` +
    ` ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`
  );
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Password sign-in, then the TOTP step; the session cookie header for later requests. */
export async function signInWithMfa(
  base: string,
  user: { email: string; password: string; mfaSecret: string },
): Promise<string> {
  const first = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const half = cookiesOf(first);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const second = await fetch(`${base}/api/auth/mfa/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: half, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: currentTotp(user.mfaSecret) }),
  });
  if (second.status !== 200) throw new Error(`sign-in failed: ${await second.text()}`);
  return cookiesOf(second);
}

export interface BenchDatabase {
  /** The temporary FOREFRONT_DATA_DIR (the SQLite file, server logs). */
  dir: string;
  /** process.env with FOREFRONT_DATA_DIR, LOG_LEVEL=silent and, on PostgreSQL, DATABASE_URL. */
  env: NodeJS.ProcessEnv;
  config: Config;
  /** Open and migrated; `fn` may close it early (e.g. before starting a server on the database). */
  handle: DbHandle;
}

/**
 * Run `fn` on a fresh, migrated database of `dialect`: a temporary data folder
 * (forefront-bench-<name>-<dialect>-<pid>) and, on PostgreSQL, a temporary database
 * (forefront_bench_<name>_<pid>) created through `pgUrl`. Afterwards the handle is closed, the
 * PostgreSQL database dropped and the folder removed, whether `fn` succeeded or not.
 */
export async function withBenchDatabase<T>(
  name: string,
  dialect: BenchDialect,
  pgUrl: string,
  fn: (bench: BenchDatabase) => Promise<T>,
): Promise<T> {
  const dir = join(tmpdir(), `forefront-bench-${name}-${dialect}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pgName = `forefront_bench_${name}_${process.pid}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  let created = false;
  let handle: DbHandle | null = null;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    if (dialect === 'postgres') {
      await admin(`create database ${pgName}`);
      created = true;
      const url = new URL(pgUrl);
      url.pathname = `/${pgName}`;
      env.DATABASE_URL = url.toString();
    }
    const config = loadConfig(env);
    handle = openDatabase(config.database);
    await migrateToLatest(handle.db);
    return await fn({ dir, env, config, handle });
  } finally {
    await handle?.close().catch(() => undefined);
    if (created) await admin(`drop database if exists ${pgName} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  }
}
