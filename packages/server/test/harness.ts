import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../src/config.js';
import { type DbHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type BuildOptions, buildApp } from '../src/app.js';
import type { AppContext } from '../src/shared/context.js';
import { runDatabasePrefix, runFolderPrefix } from './harness-names.js';

/**
 * Which database this run uses: scripts/test.mjs runs the suite once on SQLite and, when
 * TEST_DATABASE_URL is set, again on PostgreSQL with FOREFRONT_TEST_DIALECT=postgres.
 */
export const TEST_DIALECT: 'sqlite' | 'postgres' =
  process.env.FOREFRONT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/**
 * This run's id (test/global-setup.ts): every database and temp folder a test makes carries it, so the
 * end of the run can list exactly what this run left behind, even with other runs on the machine.
 */
export const TEST_RUN = inject('forefrontTestRun');

/**
 * Everything a test file opened that must go when the file ends: apps first, then databases and
 * folders (last opened, first closed). test/setup.ts closes what is left after the file's own afterAll
 * hooks, from a hook registered when the file is collected: an afterAll called from inside a
 * beforeAll or a test is registered too late and never runs, which is how databases piled up.
 */
const openResources: (() => Promise<void>)[] = [];

/** Runs `close` when the test file ends, unless it was already run; returns the once-only close. */
export function closeAtEnd(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const once = () => (closing ??= close());
  openResources.push(once);
  return once;
}

/** Closes and drops everything still open (test/setup.ts, after each file). Every close is tried. */
export async function closeAllTestResources(): Promise<void> {
  const errors: unknown[] = [];
  while (openResources.length) {
    try {
      await openResources.pop()!();
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length) throw new AggregateError(errors, 'closing test apps and databases failed');
}

/** A temp folder removed when the test file ends. */
export function createTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${runFolderPrefix(TEST_RUN)}${label}-`));
  closeAtEnd(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

export interface TestDatabase {
  database: Config['database'];
  drop(): Promise<void>;
}

/** A brand-new, empty database: a temp SQLite file, or a fresh PostgreSQL database; dropped when the file ends. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('FOREFRONT_TEST_DIALECT=postgres needs TEST_DATABASE_URL');
    const name = `${runDatabasePrefix(TEST_RUN)}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const drop = closeAtEnd(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its clients' sockets have closed: a forced drop at once
        // kills those sessions mid-goodbye, and their FATAL 57P01 surfaces as an uncaught error in
        // the test file. Wait (up to 10 s) until no session is left, then drop (forced only past that).
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    });
    return { database: { dialect: 'postgres', url: u.toString() }, drop };
  }
  const dir = mkdtempSync(join(tmpdir(), runFolderPrefix(TEST_RUN)));
  const drop = closeAtEnd(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return { database: { dialect: 'sqlite', file: join(dir, 'test.sqlite') }, drop };
}

const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
const TEST_ANCHOR_KEY = Buffer.alloc(32, 9).toString('base64');

/** Test config: cheap argon2 parameters (hash cost is measured in bench/, not here) and generous rate limits. */
export function testConfig(database: Config['database'], overrides: Partial<Config> = {}): Config {
  return loadConfig(
    // Keys from the environment (fixed test values), so no test app writes key files into tmpdir().
    {
      LOG_LEVEL: 'silent',
      FOREFRONT_DATA_DIR: tmpdir(),
      FOREFRONT_DATA_KEY: TEST_DATA_KEY,
      FOREFRONT_AUDIT_ANCHOR_KEY: TEST_ANCHOR_KEY,
    },
    {
      database,
      argon2: { memoryCost: 1024, timeCost: 1 },
      rateLimit: { authPerMinute: 10_000 },
      publicUrl: 'http://forefront.test',
      ...overrides,
    },
  );
}

/** Lets fixtures that only get the app (signIn) reach its database. */
export const contextOf = new WeakMap<FastifyInstance, AppContext>();

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  handle: DbHandle;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions extends Omit<BuildOptions, 'serveWeb'> {
  /** Adds test-only routes before the app is sealed. */
  beforeReady?: (app: FastifyInstance) => void;
}

/** The real app on a real, migrated database; closed and dropped when the test file ends. */
export async function createTestApp(overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = testConfig(tdb.database, overrides);
  const handle = openDatabase(config.database);
  // Each step is registered as soon as it exists, so a failure half-way still closes what was opened.
  const closeHandle = closeAtEnd(() => handle.close());
  await migrateToLatest(handle.db);
  const { beforeReady, ...build } = options;
  const { app, ctx } = await buildApp(config, handle, { ...build, serveWeb: false });
  const closeApp = closeAtEnd(() => app.close());
  beforeReady?.(app);
  await app.ready();
  contextOf.set(app, ctx);
  const close = async () => {
    try {
      await closeApp();
      await closeHandle();
    } finally {
      await tdb.drop();
    }
  };
  return { app, ctx, handle, config, close };
}
