/**
 * `npm run bench`: how much of a bare Fastify route's throughput the real app keeps on an
 * authenticated read, on this machine, plus the cost of one argon2id hash. See docs/benchmarks.md.
 *
 *   npm run bench -- [--duration 10] [--connections 50] [--warmup 3] [--rounds 3] [--limit 50] [--endpoint district|schools|public]
 *                    [--app-log-level info] [--workers auto] [--skip-argon2] [--app-profile DIR] [--baseline DIR]
 *
 * Both servers run as separate processes on 127.0.0.1 and are loaded by autocannon from this
 * process, one after the other with the same settings. Everything stops by itself.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { currentTotp } from '../packages/server/src/modules/auth/totp.js';
import { timeArgon2 } from './argon2.js';
import { generateBenchData } from './generate.js';
import { type LoadResult, runLoad } from './load.js';
import { cpuTimeMs, freePort, startProcess, stopProcess } from './processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    limit: { type: 'string', default: '50' },
    // district: the district record (default, the issue's "authenticated read"); schools: a page of its schools.
    endpoint: { type: 'string', default: 'district' },
    // Any public path instead (no session), e.g. /api/health: the app's fixed cost per request.
    path: { type: 'string' },
    'app-log-level': { type: 'string', default: 'info' },
    // The app's WORKERS setting (cluster.ts): processes sharing the port; "auto" (default) = one
    // per core, how the app is deployed on a machine of its own (docs/operations.md).
    workers: { type: 'string', default: 'auto' },
    'skip-argon2': { type: 'boolean', default: false },
    // A directory: the app runs with --cpu-prof there (summarise with bench/profile-summary.ts).
    'app-profile': { type: 'string' },
    // Another checkout of the repository (e.g. `git archive` of the previous commit, with a
    // node_modules symlink): its app is measured too, on the same data and session, in the same
    // sequence, so a change's effect is read from one run (docs/benchmarks.md).
    baseline: { type: 'string' },
  },
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const warmupS = Number(args.warmup);
const rounds = Number(args.rounds);
const limit = Number(args.limit);
const TARGET_RATIO = 0.4;

// A hard stop, whatever happens: the bench never outlives its own budget.
const servers = args.baseline ? 3 : 2;
const budgetMs = (60 + rounds * servers * (durationS + warmupS) + 120) * 1000;
const children: ChildProcess[] = [];
const deadline = setTimeout(() => {
  console.error(`bench: over its ${budgetMs / 1000} s budget; stopping`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(2);
}, budgetMs);
deadline.unref();

const outDir = join(root, 'node_modules/.cache/forefront-bench');
mkdirSync(outDir, { recursive: true });

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  freeMemoryGiB: Math.round(freemem() / 2 ** 30),
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
console.log(
  `Forefront bench, ${machine.date}\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}\n`,
);

let argon: Awaited<ReturnType<typeof timeArgon2>> | null = null;
if (!args['skip-argon2']) {
  argon = await timeArgon2();
  console.log(
    `argon2id m=${argon.params.memoryKiB} KiB t=${argon.params.timeCost} p=1: ${argon.hashMs.median} ms per hash (median of ${argon.hashes}; mean ${argon.hashMs.mean}, min ${argon.hashMs.min}, max ${argon.hashMs.max}), verify ${argon.verifyMs.median} ms; ${argon.throughput.hashesPerSecond} hashes/s with ${argon.throughput.concurrency} at once\n`,
  );
}

const t0 = performance.now();
const dataDir = join(outDir, 'data');
const data = await generateBenchData({ file: join(dataDir, 'forefront.sqlite') });
console.log(
  `Synthetic data (seeded): ${data.counts.districts} districts, ${data.counts.schools} schools, ${data.counts.users} users, ${data.counts.userSchools} school assignments, ${data.counts.auditEvents} audit events, in ${Math.round(performance.now() - t0)} ms\n`,
);

const results: LoadResult[] = [];
let bare: ChildProcess | null = null;
let app: ChildProcess | null = null;
let baselineApp: ChildProcess | null = null;
try {
  const barePort = await freePort();
  const appPort = await freePort();
  bare = await startProcess(process.execPath, ['--import', 'tsx', join(root, 'bench/bare-server.ts')], {
    env: { ...process.env, PORT: String(barePort) },
    readyUrl: `http://127.0.0.1:${barePort}/`,
    logFile: join(outDir, 'bare.log'),
  });
  children.push(bare);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    FOREFRONT_DATA_DIR: dataDir,
    PORT: String(appPort),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${appPort}`,
    LOG_LEVEL: args['app-log-level'],
    WORKERS: args.workers,
    COOKIE_SECURE: 'false',
    NODE_ENV: 'production',
    // One load generator is one client: the public API's per-client limit would refuse it.
    PUBLIC_RATE_LIMIT: '0',
  };
  delete appEnv.DATABASE_URL;
  const profileArgs = args['app-profile'] ? ['--cpu-prof', `--cpu-prof-dir=${args['app-profile']}`] : [];
  app = await startProcess(
    process.execPath,
    [...profileArgs, join(root, 'packages/server/bin/forefront.js'), 'serve'],
    { env: appEnv, readyUrl: `http://127.0.0.1:${appPort}/api/health`, logFile: join(outDir, 'app.log') },
  );
  children.push(app);
  let baselineBase = '';
  if (args.baseline) {
    const port = await freePort();
    baselineBase = `http://127.0.0.1:${port}`;
    baselineApp = await startProcess(
      process.execPath,
      [join(args.baseline, 'packages/server/bin/forefront.js'), 'serve'],
      {
        env: { ...appEnv, PORT: String(port), PUBLIC_URL: baselineBase },
        readyUrl: `${baselineBase}/api/health`,
        logFile: join(outDir, 'baseline.log'),
      },
    );
    children.push(baselineApp);
  }

  // Sign in as the district administrator through the API, finishing two-step verification.
  const base = `http://127.0.0.1:${appPort}`;
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: data.admin.email, password: data.admin.password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const halfCookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const mfa = await fetch(`${base}/api/auth/mfa/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: halfCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: currentTotp(data.admin.totpSecret) }),
  });
  if (mfa.status !== 200) throw new Error(`MFA failed: ${mfa.status} ${await mfa.text()}`);
  // The second step renews the session: its cookie is the one that is signed in.
  const cookie = mfa.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const isDistrict = args.endpoint === 'district' || args.endpoint === 'public';
  const isPublic = args.endpoint === 'public' || args.path !== undefined;
  const appUrl = args.path
    ? `${base}${args.path.replace(':district', data.districtId)}`
    : isPublic
      ? `${base}/api/public/districts/${data.districtId}`
      : isDistrict
        ? `${base}/api/districts/${data.districtId}`
        : `${base}/api/districts/${data.districtId}/schools?limit=${limit}`;
  const probe = await fetch(appUrl, { headers: { cookie } });
  const body = (await probe.json()) as { id?: string; items?: unknown[]; total?: number };
  const page = { items: body.items ?? [body], total: body.total ?? 1 };
  if (probe.status !== 200 || (!args.path && page.items.length !== (isDistrict ? 1 : Math.min(limit, page.total))))
    throw new Error(`the measured endpoint answered ${probe.status} with ${page.items.length} items`);
  const bareUrl = `http://127.0.0.1:${barePort}/`;
  console.log(`(a) bare Fastify 5:  GET ${bareUrl}  -> {"hello":"world"}`);
  console.log(
    `(b) Forefront app:   GET ${appUrl.replace(base, '')}  (district administrator session, MFA done; ${page.items.length} of ${page.total} schools, file-backed SQLite, LOG_LEVEL=${args['app-log-level']}, WORKERS=${args.workers})`,
  );
  console.log(
    `autocannon: ${connections} connections, ${durationS} s each (after ${warmupS} s warm-up), ${rounds} round(s)\n`,
  );

  for (let r = 0; r < rounds; r++) {
    // Both apps read the same database, so the one session serves both.
    const appHeaders = isPublic ? undefined : { cookie };
    const targets: [string, string, Record<string, string> | undefined][] = [
      ['bare', bareUrl, undefined],
      ['app', appUrl, appHeaders],
    ];
    // Every other round measures the baseline first, so neither app always runs right after the bare route.
    if (baselineBase) targets.splice(r % 2 ? 1 : 2, 0, ['baseline', appUrl.replace(base, baselineBase), appHeaders]);
    for (const [label, url, headers] of targets) {
      const pid = (label === 'bare' ? bare : label === 'app' ? app : baselineApp)?.pid;
      if (warmupS > 0) await runLoad(`${label} warm-up`, { url, connections, durationS: warmupS, headers });
      const cpu0 = cpuTimeMs(pid);
      const res = await runLoad(label, { url, connections, durationS, headers });
      res.cpuUsPerRequest = Math.round(((cpuTimeMs(pid) - cpu0) * 1000) / res.requests);
      results.push(res);
      console.log(
        `  round ${r + 1} ${label.padEnd(8)} ${String(res.reqPerSec).padStart(7)} req/s  p50 ${res.latencyMs.p50} ms  p95 ${res.latencyMs.p95} ms  p99 ${res.latencyMs.p99} ms  server CPU ${res.cpuUsPerRequest} µs/request  (non-2xx ${res.non2xx}, errors ${res.errors})`,
      );
      if (res.non2xx || res.errors || res.timeouts)
        throw new Error(
          `${label}: ${res.non2xx} non-2xx answers, ${res.errors} errors, ${res.timeouts} timeouts: the figures would be meaningless`,
        );
    }
  }
} finally {
  await Promise.all([bare, app, baselineApp].filter((c): c is ChildProcess => !!c).map((c) => stopProcess(c)));
}

const bares = results.filter((r) => r.label === 'bare');
const apps = results.filter((r) => r.label === 'app');
const best = (xs: LoadResult[]) => xs.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
const ratios = apps.map((a, i) => a.reqPerSec / bares[i]!.reqPerSec);
const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
const summary = {
  machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
  settings: {
    connections,
    durationS,
    warmupS,
    rounds,
    limit,
    endpoint: args.endpoint,
    appLogLevel: args['app-log-level'],
    workers: args.workers,
    baseline: args.baseline ?? null,
  },
  data: data.counts,
  argon2: argon,
  results,
  ratio: Math.round(ratio * 1000) / 1000,
  targetRatio: TARGET_RATIO,
};
const file = join(outDir, `results-${machine.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(summary, null, 2));

const row = (name: string, r: LoadResult) =>
  `| ${name} | ${r.reqPerSec.toLocaleString('en-US')} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} |`;
console.log(
  `\n| | req/s | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|\n${row('(a) bare Fastify JSON route', best(bares))}\n${row('(b) app: authenticated read', best(apps))}`,
);
console.log(
  `\nratio (b)/(a): ${(ratio * 100).toFixed(1)}% (target >= ${TARGET_RATIO * 100}%)${rounds > 1 ? `, per round ${ratios.map((x) => `${(x * 100).toFixed(1)}%`).join(', ')}` : ''}`,
);
const baselines = results.filter((r) => r.label === 'baseline');
if (baselines.length) {
  const gains = apps.map((a, i) => a.reqPerSec / baselines[i]!.reqPerSec - 1);
  const baseRatios = baselines.map((b, i) => b.reqPerSec / bares[i]!.reqPerSec);
  console.log(
    `baseline (${args.baseline}): ${baselines.map((b) => b.reqPerSec).join(', ')} req/s, ratio ${baseRatios.map((x) => `${(x * 100).toFixed(1)}%`).join(', ')}; app vs baseline: ${gains.map((g) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(0)}%`).join(', ')}`,
  );
}
console.log(`load average at end: ${summary.machine.loadAverageAtEnd.join(' ')}; results written to ${file}`);
process.exit(0);
