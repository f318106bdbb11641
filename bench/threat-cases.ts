import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import {
  type BenchDatabase,
  type BenchDialect,
  dialectsOf,
  machineLine,
  signInWithMfa,
  withBenchDatabase,
} from './bench-db.js';
import { runLoad } from './load.js';
import { cpuTimeMs, freePort, startProcess, stopProcess } from './processes.js';
import { BENCH_EMAIL, BENCH_MFA, BENCH_PASSWORD, seedThreatBench } from './threat-cases-seed.js';

/**
 * Issue 15 benchmark (docs/benchmarks.md, "Issue 15: cases and caseloads"): 100,000 threat
 * assessment cases in one district (bench/threat-cases-seed.ts), on SQLite and on PostgreSQL (a
 * temporary database, dropped). `forefront serve` on that database; under autocannon, as the
 * district's threat assessment coordinator: the case list's first page (overdue first, then
 * newest) and one provider's caseload (the referral list filtered by provider). Target p95 < 50 ms.
 *
 *   npm run bench:threat -- [--cases 100000] [--referrals 60000] [--dialect sqlite|postgres|both]
 *     [--pg postgres://postgres@127.0.0.1:5432/test] [--duration 10] [--connections 10]
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    referrals: { type: 'string', default: '60000' },
    dialect: { type: 'string', default: 'both' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);
const today = new Date().toISOString().slice(0, 10);

async function benchOne(dialect: BenchDialect, { dir, env, config, handle }: BenchDatabase) {
  let child: ChildProcess | null = null;
  try {
    const t0 = performance.now();
    const seeded = await seedThreatBench(handle.db, config, {
      cases: Number(values.cases),
      referrals: Number(values.referrals),
      today,
    });
    log(`${dialect}: seeded ${JSON.stringify(seeded.rows)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Fresh tables: the planner's statistics and the visibility map (index-only counts), as
    // autovacuum would leave them on a live server.
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(handle.db);
    await handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const appEnv: NodeJS.ProcessEnv = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      NODE_ENV: 'production',
    };
    child = await startProcess(process.execPath, [join(root, 'packages/server/bin/forefront.js'), 'serve'], {
      env: appEnv,
      readyUrl: `${base}/api/health`,
      logFile: join(dir, 'serve.log'),
      timeoutMs: 60_000,
    });
    const cookie = await signInWithMfa(base, { email: BENCH_EMAIL, password: BENCH_PASSWORD, mfaSecret: BENCH_MFA });
    const routes = {
      'case list': `${base}/api/districts/${seeded.districtId}/threat-cases?limit=25`,
      caseload: `${base}/api/districts/${seeded.districtId}/referrals?providerId=${seeded.providerId}&limit=25`,
    };
    const out: Record<string, unknown> = { dialect, rows: seeded.rows };
    for (const [label, url] of Object.entries(routes)) {
      const first = await fetch(url, { headers: { cookie } });
      const body = (await first.json()) as { total?: number };
      if (first.status !== 200) throw new Error(`${label} answered ${first.status}: ${JSON.stringify(body)}`);
      log(`${dialect}: ${label}: ${body.total} in all`);
      const connections = Number(values.connections);
      await runLoad(`${label} warm-up`, { url, connections, durationS: 2, headers: { cookie } });
      const cpu0 = cpuTimeMs(child.pid);
      const res = await runLoad(label, { url, connections, durationS: Number(values.duration), headers: { cookie } });
      const cpuPerRequest = (cpuTimeMs(child.pid) - cpu0) / res.requests;
      log(
        `${dialect}: ${label} under autocannon (${connections} connections, ${values.duration} s): ${res.reqPerSec} req/s,` +
          ` p50 ${res.latencyMs.p50} ms, p95 ${res.latencyMs.p95} ms, p99 ${res.latencyMs.p99} ms (target p95 < 50);` +
          ` non-2xx ${res.non2xx}, errors ${res.errors}; server CPU ${cpuPerRequest.toFixed(2)} ms/request`,
      );
      out[label] = {
        p50: res.latencyMs.p50,
        p95: res.latencyMs.p95,
        p99: res.latencyMs.p99,
        reqPerSec: res.reqPerSec,
        cpuPerRequest,
      };
    }
    return out;
  } finally {
    if (child) await stopProcess(child);
  }
}

log(machineLine('Forefront threat cases bench'));
const results = [];
for (const d of dialectsOf(values.dialect))
  results.push(await withBenchDatabase('threat', d, values.pg, (bench) => benchOne(d, bench)));
console.log(JSON.stringify(results));
