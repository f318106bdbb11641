import { mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.js';
import { nowIso, openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { currentTotp } from '../packages/server/src/modules/auth/totp.js';
import { ADMIN_EMAIL, CSV_HEADER, buildWorld, makeIncidentGenerator, seedWorld } from './incidents-generate.js';
import { freePort, startProcess, stopProcess } from './processes.js';

/**
 * Issue 12.6 (docs/benchmarks.md): p95 of /api/health and of a signed-in page (the role-drift
 * dashboard) of a real `forefront serve`, idle, while the N-incident CSV import runs as a job,
 * and while publishing jobs run. Two clients, each one request at a time with `--interval` ms
 * between requests. Target: p95 < 100 ms.
 *
 *   npm run bench:jobs -- [--incidents 1000000] [--publishes 10]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ff_bench_jobs npm run bench:jobs   (the database is recreated)
 *
 * The API takes an upload of up to 50 MB; the 1,000,000-incident file is 273 MB, so the bench
 * writes it as the input of a failed job row and starts it with POST /api/jobs/:id/rerun, which
 * runs it exactly as an uploaded import (the same job kind, worker thread and service).
 */
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    publishes: { type: 'string', default: '10' },
    interval: { type: 'string', default: '20' },
    dir: { type: 'string' },
  },
});
const N = Number(values.incidents);
const INTERVAL = Number(values.interval);
const PASSWORD = 'bench password for the synthetic district';
const MFA = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const root = join(import.meta.dirname, '..');
const dir = values.dir ?? join(tmpdir(), 'forefront-bench-jobs');
const pgUrl = process.env.DATABASE_URL;
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function recreatePg(url: string, create: boolean) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name}: letters, digits and _ only`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  if (create) await admin.query(`create database ${name}`);
  await admin.end();
}

/** Seeds the district and writes the import's input as a failed job (see the header). */
async function prepare(): Promise<{ districtId: string; jobId: string; mb: number }> {
  const config = loadConfig({ ...process.env, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  // 20 schools of 2,500, as the transparency bench: publishing 100 schools takes minutes (docs/benchmarks.md).
  const world = buildWorld(2026, { schools: 20, perSchool: 2500 });
  await seedWorld(handle.db, world, await hashPassword(config, PASSWORD), MFA);
  const gen = makeIncidentGenerator(world);
  const parts = [CSV_HEADER];
  for (let i = 0; i < N; i++) parts.push(gen(i).csv);
  const csv = parts.join('');
  parts.length = 0;
  const jobId = `bench-import-${N}`;
  const at = nowIso();
  await handle.db
    .insertInto('jobs')
    .values({
      id: jobId,
      kind: 'incident.import',
      districtId: world.districtId,
      requestedBy: world.adminId,
      status: 'failed',
      percent: 0,
      cancelRequested: 0,
      errorCode: 'job_interrupted',
      errorMessage: 'seeded by the benchmark',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await handle.db
    .insertInto('jobInputs')
    .values({ jobId, input: JSON.stringify({ csv, fileName: `bench-${N}.csv` }) })
    .execute();
  await handle.close();
  return { districtId: world.districtId, jobId, mb: Buffer.byteLength(csv) / 1e6 };
}

class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && { 'x-csrf-token': this.csrf }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
  async signIn() {
    const r = await this.call('POST', '/api/auth/sign-in', { email: ADMIN_EMAIL, password: PASSWORD });
    this.csrf = r.csrfToken as string;
    await this.call('POST', '/api/auth/mfa/verify', { code: currentTotp(MFA) });
  }
}

/** One client, one request at a time, until stopped; latencies in ms. */
function sampler(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let errors = 0;
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const s = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      times.push(performance.now() - s);
      await sleep(INTERVAL);
    }
  })();
  return {
    snapshot: () => ({ times: [...times], errors }),
    async stop() {
      stop = true;
      await done;
      return { times, errors };
    },
  };
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
function summary(name: string, r: { times: number[]; errors: number }) {
  const s = [...r.times].sort((a, b) => a - b);
  return `${name}: ${s.length} requests, p50 ${pct(s, 0.5).toFixed(1)} ms, p95 ${pct(s, 0.95).toFixed(1)} ms, p99 ${pct(s, 0.99).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms, errors ${r.errors}`;
}

/** Samples health and the page while `work` runs. */
async function measure(label: string, base: string, pagePath: string, cookie: string, work: () => Promise<void>) {
  const health = sampler(`${base}/api/health`, {});
  const page = sampler(base + pagePath, { cookie });
  const s = performance.now();
  // A line a minute while it runs, so a long run leaves figures even if it is stopped.
  const interim = setInterval(() => {
    const at = ((performance.now() - s) / 1000).toFixed(0);
    log(`  [${at} s] ${summary('health so far', health.snapshot())}; ${summary('page so far', page.snapshot())}`);
  }, 60_000);
  await work().finally(() => clearInterval(interim));
  const ms = performance.now() - s;
  const [h, p] = [await health.stop(), await page.stop()];
  log(`${label} (${(ms / 1000).toFixed(1)} s)`);
  log(`  ${summary('/api/health', h)}`);
  log(`  ${summary('signed-in page (role-drift dashboard)', p)}`);
}

async function waitFor(client: Client, jobId: string): Promise<Record<string, unknown>> {
  for (;;) {
    await sleep(200);
    const job = await client.call('GET', `/api/jobs/${jobId}`);
    if (job.status !== 'queued' && job.status !== 'running') return job;
  }
}

async function main() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (pgUrl) await recreatePg(pgUrl, true);
  const dialect = pgUrl ? 'PostgreSQL' : 'SQLite';
  log(`${dialect}: seeding the district and writing ${N.toLocaleString('en-US')} incidents as CSV...`);
  const { districtId, jobId, mb } = await prepare();
  log(`  ${mb.toFixed(0)} MB of CSV`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FOREFRONT_DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    NODE_ENV: 'production',
    PUBLIC_RATE_LIMIT: '0',
  };
  if (!pgUrl) delete env.DATABASE_URL;
  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(process.execPath, [join(root, 'packages/server/bin/forefront.js'), 'serve'], {
    env,
    readyUrl: `${base}/api/health`,
    logFile: join(dir, 'serve.log'),
  });
  try {
    const client = new Client(base);
    await client.signIn();
    const page = `/api/districts/${districtId}/role-drift?from=2024-08&to=2025-06`;
    await client.call('GET', page); // warm
    await measure('idle, for comparison', base, page, client.cookie, () => sleep(5000));

    let result: Record<string, unknown> = {};
    await measure(
      `during the ${N.toLocaleString('en-US')}-incident import job`,
      base,
      page,
      client.cookie,
      async () => {
        const job = await client.call('POST', `/api/jobs/${jobId}/rerun`);
        result = await waitFor(client, job.id as string);
      },
    );
    const report = result.result as { accepted?: boolean; incidents?: number } | null;
    log(`  import job ${String(result.status)}: ${report?.incidents ?? 0} incidents, accepted ${report?.accepted}`);
    if (result.status !== 'done' || !report?.accepted)
      throw new Error(`import job: ${JSON.stringify(result).slice(0, 500)}`);

    const publishes = Number(values.publishes);
    await measure(`during ${publishes} publishing jobs, one after another`, base, page, client.cookie, async () => {
      for (let i = 0; i < publishes; i++) {
        const job = await client.call('POST', `/api/districts/${districtId}/jobs`, { kind: 'transparency.publish' });
        const end = await waitFor(client, job.id as string);
        if (end.status !== 'done') throw new Error(`publish job: ${JSON.stringify(end).slice(0, 500)}`);
      }
    });
    log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; client every ${INTERVAL} ms after each answer`,
    );
  } finally {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl) await recreatePg(pgUrl, false);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
