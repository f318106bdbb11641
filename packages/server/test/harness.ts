import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { type Config, loadConfig } from '../src/config.js';
import { type DbHandle, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type BuildOptions, buildApp } from '../src/app.js';
import type { AppContext } from '../src/shared/context.js';

/**
 * Which database this run uses: scripts/test.mjs runs the suite once on SQLite and, when
 * TEST_DATABASE_URL is set, again on PostgreSQL with FOREFRONT_TEST_DIALECT=postgres.
 */
export const TEST_DIALECT: 'sqlite' | 'postgres' =
  process.env.FOREFRONT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  database: Config['database'];
  drop(): Promise<void>;
}

/** A brand-new, empty database: a temp SQLite file, or a fresh PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('FOREFRONT_TEST_DIALECT=postgres needs TEST_DATABASE_URL');
    const name = `ff_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      database: { dialect: 'postgres', url: u.toString() },
      drop: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'forefront-test-'));
  return {
    database: { dialect: 'sqlite', file: join(dir, 'test.sqlite') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/** Test config: cheap argon2 parameters (hash cost is measured in bench/, not here) and generous rate limits. */
export function testConfig(database: Config['database'], overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { LOG_LEVEL: 'silent', FOREFRONT_DATA_DIR: tmpdir() },
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

/** The real app on a real, migrated database; closed and dropped after the file's tests. */
export async function createTestApp(overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = testConfig(tdb.database, overrides);
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const { beforeReady, ...build } = options;
  const { app, ctx } = await buildApp(config, handle, { ...build, serveWeb: false });
  beforeReady?.(app);
  await app.ready();
  contextOf.set(app, ctx);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await handle.close();
    await tdb.drop();
  };
  afterAll(close);
  return { app, ctx, handle, config, close };
}
