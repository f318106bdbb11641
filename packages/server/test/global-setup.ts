import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runDatabasePrefix, runFolderPrefix } from './harness-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    forefrontTestRun: string;
  }
}

/**
 * Gives the run an id that every test database and temp folder carries (harness.ts), and at the end
 * fails the run if any of them is left: each test file must close and drop what it opened. What is
 * found is listed, then removed, so a failing run does not pile databases up either.
 */
export default function setup(project: TestProject) {
  const run = randomBytes(4).toString('hex');
  project.provide('forefrontTestRun', run);
  return async function teardown() {
    const folders = readdirSync(tmpdir()).filter((f) => f.startsWith(runFolderPrefix(run)));
    const databases = await leftoverDatabases(run);
    for (const f of folders) rmSync(join(tmpdir(), f), { recursive: true, force: true });
    await dropDatabases(databases);
    const left = [...folders.map((f) => join(tmpdir(), f)), ...databases.map((d) => `PostgreSQL database ${d}`)];
    if (!left.length) return;
    // Vitest reports an error thrown here but still exits 0; the exit code is what fails `npm test`.
    process.exitCode = 1;
    throw new Error(
      `Test files left ${left.length} temp folders or databases behind (now removed):\n  ${left.join('\n  ')}`,
    );
  };
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.FOREFRONT_TEST_DIALECT !== 'postgres' || !url) return undefined;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function leftoverDatabases(run: string): Promise<string[]> {
  const rows = await withAdmin(async (c) => {
    const res = await c.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1) order by datname',
      [runDatabasePrefix(run)],
    );
    return res.rows.map((r) => r.datname);
  });
  return rows ?? [];
}

async function dropDatabases(names: string[]): Promise<void> {
  if (!names.length) return;
  await withAdmin(async (c) => {
    // Names come from pg_database and match ff_test_<hex>_<hex>: safe to quote as identifiers.
    for (const name of names) await c.query(`drop database if exists "${name}" with (force)`);
  });
}
