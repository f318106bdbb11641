import { type ChildProcess } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { get as httpGet } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { importIncidentsCli } from '../packages/server/src/modules/incident-import/import.service.js';
import { publishTransparency } from '../packages/server/src/modules/transparency/transparency.publish.js';
import { ADMIN_EMAIL, CSV_HEADER, buildWorld, makeIncidentGenerator, seedWorld } from './incidents-generate.js';
import { type LoadResult, runLoad } from './load.js';
import { cpuTimeMs, freePort, startProcess, stopProcess } from './processes.js';

/**
 * Issue 4 benchmark (docs/benchmarks.md): the public district page API on a district with
 * 1,000,000 incidents in its history (the issue-3 generator: 50,000 students, here in 20 schools by
 * default, --schools to change; publishing a 100-school district's figures takes far longer, see
 * docs/benchmarks.md), against a
 * bare Fastify JSON route, in the same autocannon run. Targets: p95 < 50 ms and at least 50% of the
 * bare route's requests per second.
 *
 * 1. Builds the district's database once (generate the incidents CSV, `forefront` import: the
 *    transparency aggregates are written by the import itself), or reuses it with --reuse.
 * 2. Publishes the figures (suppression + release ledger + rendered pages), timed.
 * 3. Serves the database with `forefront serve` (production defaults, request logs at info to a
 *    file) beside `bench/bare-server.ts`, and measures both, alternating, for --rounds rounds.
 *
 *   node --import tsx bench/transparency-bench.ts [--incidents 1000000] [--schools 20] [--rounds 3] [--reuse] [--workers 1] [--accept-encoding "gzip, deflate, br, zstd"]
 */
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    schools: { type: 'string', default: '20' },
    // The app's WORKERS setting (cluster.ts); "auto" = one per core.
    workers: { type: 'string', default: '1' },
    // What a browser sends (Chromium's value); "" measures clients that take no compression.
    'accept-encoding': { type: 'string', default: 'gzip, deflate, br, zstd' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(values.incidents);
const SCHOOLS = Number(values.schools);
// 50,000 students whatever the number of schools (the issue-3 world had 100 schools of 500).
const SIZE = { schools: SCHOOLS, perSchool: Math.round(50_000 / SCHOOLS) };
const dir = values.dir ?? join(tmpdir(), `forefront-bench-transparency-${N}-${SCHOOLS}`);
const dbFile = join(dir, 'forefront.sqlite');
const log = (s: string) => process.stderr.write(`${s}\n`);
const secs = (ms: number) => (ms / 1000).toFixed(1);
const TARGET_RATIO = 0.5;
const TARGET_P95_MS = 50;

async function buildDatabase(): Promise<{ districtId: string; importS: number }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const world = buildWorld(2026, SIZE);
  const handle = openDatabase({ dialect: 'sqlite', file: dbFile });
  await migrateToLatest(handle.db);
  await seedWorld(
    handle.db,
    world,
    await hashPassword(config, 'bench password for the synthetic district'),
    'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  );
  const csvFile = join(dir, 'incidents.csv');
  const gen = makeIncidentGenerator(world);
  const fd = openSync(csvFile, 'w');
  writeSync(fd, CSV_HEADER);
  for (let start = 0; start < N; start += 10_000) {
    let text = '';
    for (let i = start; i < Math.min(N, start + 10_000); i++) text += gen(i).csv;
    writeSync(fd, text);
  }
  closeSync(fd);
  log(
    `generated ${N.toLocaleString('en-US')} incidents (${(statSync(csvFile).size / 1e6).toFixed(0)} MB CSV); importing...`,
  );
  const ctx = { db: handle.db, dialect: handle.dialect, sqlite: handle.sqlite, config } as Parameters<
    typeof importIncidentsCli
  >[0];
  const t0 = performance.now();
  let last = 0;
  const report = await importIncidentsCli(ctx, world.districtId, ADMIN_EMAIL, {
    stream: createReadStream(csvFile, { highWaterMark: 1 << 20 }),
    file: 'incidents.csv',
    onProgress: (p) => {
      if (performance.now() - last > 15_000) {
        last = performance.now();
        log(`  import: ${p.rows.toLocaleString('en-US')} rows`);
      }
    },
  });
  if (!report.accepted) throw new Error(`import rejected: ${JSON.stringify(report.errors.slice(0, 5))}`);
  const importS = (performance.now() - t0) / 1000;
  rmSync(csvFile);
  await handle.close();
  return { districtId: world.districtId, importS };
}

async function main() {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
  log(
    `Forefront transparency bench, ${machine.date}\n${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, Node ${machine.node}, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  let districtId: string;
  let importS: number | null = null;
  if (values.reuse && existsSync(dbFile)) {
    districtId = buildWorld(2026, SIZE).districtId;
    log(`reusing ${dbFile}`);
  } else ({ districtId, importS } = await buildDatabase());

  // Publish: what a district administrator's "publish" does, on the full history.
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db); // a reused database may predate the latest migrations
  const incidents = Number(
    (
      handle.sqlite!.prepare('select count(*) as n from incidents where district_id = ?').get(districtId) as {
        n: number;
      }
    ).n,
  );
  const counted = Number(
    (
      handle
        .sqlite!.prepare(
          "select coalesce(sum(value), 0) as n from transparency_counts where district_id = ? and measure = 'incidents'",
        )
        .get(districtId) as { n: number }
    ).n,
  );
  if (counted !== incidents)
    throw new Error(`transparency_counts holds ${counted} incidents, the incident log ${incidents}`);
  const ctx = {
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config,
    log: { info() {}, warn() {}, error() {} },
  } as unknown as Parameters<typeof publishTransparency>[0];
  let t0 = performance.now();
  const published = await publishTransparency(ctx, null, districtId, {});
  const publishS = (performance.now() - t0) / 1000;
  const years = published.years.map((y) => y.year);
  log(
    `published ${years.join(', ')} in ${secs(publishS * 1000)} s: ${published.years.map((y) => `${y.year} ${y.published} cells shown, ${y.suppressed} suppressed`).join('; ')}`,
  );
  t0 = performance.now();
  const again = await publishTransparency(ctx, null, districtId, {});
  const republishS = (performance.now() - t0) / 1000;
  log(
    `republished unchanged figures in ${secs(republishS * 1000)} s (changed: ${again.years.map((y) => y.changed).join(', ')})`,
  );
  await handle.close();

  const outDir = join(root, 'node_modules/.cache/forefront-bench');
  mkdirSync(outDir, { recursive: true });
  const children: ChildProcess[] = [];
  const results: LoadResult[] = [];
  const connections = Number(values.connections);
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  let wire: { bytes: number; encoding: string };
  try {
    const barePort = await freePort();
    const bare = await startProcess(process.execPath, ['--import', 'tsx', join(root, 'bench/bare-server.ts')], {
      env: { ...process.env, PORT: String(barePort) },
      readyUrl: `http://127.0.0.1:${barePort}/`,
      logFile: join(outDir, 'bare.log'),
    });
    children.push(bare);
    const appPort = await freePort();
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      FOREFRONT_DATA_DIR: dir,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${appPort}`,
      LOG_LEVEL: 'info',
      WORKERS: values.workers,
      COOKIE_SECURE: 'false',
      NODE_ENV: 'production',
      // One load generator is one client: the public API's per-client limit would refuse it.
      PUBLIC_RATE_LIMIT: '0',
    };
    delete appEnv.DATABASE_URL;
    const app = await startProcess(process.execPath, [join(root, 'packages/server/bin/forefront.js'), 'serve'], {
      env: appEnv,
      readyUrl: `http://127.0.0.1:${appPort}/api/health`,
      logFile: join(outDir, 'transparency-app.log'),
    });
    children.push(app);

    const year = years[0]!;
    const appUrl = `http://127.0.0.1:${appPort}/api/public/districts/${districtId}/transparency/${year}`;
    const acceptEncoding = values['accept-encoding'];
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : undefined;
    // What one answer weighs on the wire. Asked again after the rounds: the brotli form is made in
    // the background on first use (transparency.http.ts), so the very first answers are gzip.
    const measureWire = () =>
      new Promise<{ bytes: number; encoding: string }>((resolve, reject) =>
        httpGet(appUrl, { headers }, (res) => {
          let bytes = 0;
          res
            .on('data', (c: Buffer) => (bytes += c.length))
            .on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
        }).on('error', reject),
      );
    wire = await measureWire();
    const probe = await fetch(appUrl);
    const body = (await probe.json()) as { scope?: string; highlights?: { incidents?: unknown } };
    if (probe.status !== 200 || body.scope !== 'district')
      throw new Error(`the public district report answered ${probe.status}`);
    log(
      `\n(a) bare Fastify 5: GET / -> {"hello":"world"}\n(b) Forefront: GET ${new URL(appUrl).pathname} (no sign-in; WORKERS=${values.workers}; ${incidents.toLocaleString('en-US')} incidents; highlights.incidents = ${JSON.stringify(body.highlights?.incidents)})`,
    );
    log(
      `request header Accept-Encoding: ${acceptEncoding ? `"${acceptEncoding}"` : 'none'} (both servers); the first answer: ${wire.bytes.toLocaleString('en-US')} bytes, ${wire.encoding}`,
    );
    log(
      `autocannon: ${connections} connections, ${durationS} s each after ${warmupS} s warm-up, ${values.rounds} round(s)\n`,
    );
    for (let r = 0; r < Number(values.rounds); r++) {
      const targets: [string, string, ChildProcess][] = [
        ['bare', `http://127.0.0.1:${barePort}/`, bare],
        ['app', appUrl, app],
      ];
      if (r % 2) targets.reverse();
      for (const [label, url, child] of targets) {
        if (warmupS > 0) await runLoad(`${label} warm-up`, { url, connections, durationS: warmupS, headers });
        const cpu0 = cpuTimeMs(child.pid);
        const res = await runLoad(label, { url, connections, durationS, headers });
        res.cpuUsPerRequest = Math.round(((cpuTimeMs(child.pid) - cpu0) * 1000) / res.requests);
        results.push(res);
        log(
          `  round ${r + 1} ${label.padEnd(5)} ${String(res.reqPerSec).padStart(7)} req/s  p50 ${res.latencyMs.p50} ms  p95 ${res.latencyMs.p95} ms  p99 ${res.latencyMs.p99} ms  server CPU ${res.cpuUsPerRequest} µs/request`,
        );
        if (res.non2xx || res.errors || res.timeouts)
          throw new Error(`${label}: ${res.non2xx} non-2xx, ${res.errors} errors, ${res.timeouts} timeouts`);
      }
    }
    wire = await measureWire();
    log(`after the rounds an answer is ${wire.bytes.toLocaleString('en-US')} bytes, ${wire.encoding}`);
  } finally {
    await Promise.all(children.map((c) => stopProcess(c)));
  }
  const bares = results.filter((r) => r.label === 'bare');
  const apps = results.filter((r) => r.label === 'app');
  const ratios = apps.map((a, i) => a.reqPerSec / bares[i]!.reqPerSec);
  const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const p95 = Math.max(...apps.map((a) => a.latencyMs.p95));
  const summary = {
    machine,
    workers: values.workers,
    acceptEncoding: values['accept-encoding'],
    wire,
    incidents,
    importS,
    publishS,
    republishS,
    years,
    results,
    ratio,
    ratios,
    appP95MsWorst: p95,
    targets: { ratio: TARGET_RATIO, p95Ms: TARGET_P95_MS },
  };
  writeFileSync(
    join(outDir, `transparency-${machine.date.replace(/[:.]/g, '-')}.json`),
    JSON.stringify(summary, null, 2),
  );
  console.log(
    `\nincidents ${incidents.toLocaleString('en-US')}${importS ? `, import ${importS.toFixed(0)} s` : ''}, publish ${publishS.toFixed(1)} s, unchanged republish ${republishS.toFixed(1)} s`,
  );
  console.log(
    `public district report: p95 ${apps.map((a) => a.latencyMs.p95).join(' / ')} ms (target < ${TARGET_P95_MS}); ratio app/bare ${(ratio * 100).toFixed(1)}% (per round ${ratios.map((x) => `${(x * 100).toFixed(1)}%`).join(', ')}; target >= ${TARGET_RATIO * 100}%)`,
  );
}

await main();
