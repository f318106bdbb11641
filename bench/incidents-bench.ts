import { closeSync, createReadStream, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../packages/server/src/config.js';
import { type DbHandle, openDatabase } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { buildApp } from '../packages/server/src/app.js';
import { hashPassword } from '../packages/server/src/modules/auth/password.js';
import { currentTotp } from '../packages/server/src/modules/auth/totp.js';
import { sealPlainTotpSecrets } from '../packages/server/src/modules/auth/totp.secret.js';
import { crdcExport } from '../packages/server/src/modules/exports/export.service.js';
import { importIncidentsCli } from '../packages/server/src/modules/incident-import/import.service.js';
import { incidentNumber } from '../packages/server/src/modules/incident-import/import.numbers.js';
import {
  type Cell,
  IMPORT_TABLES,
  type ImportTable,
  TABLE_ORDER,
  emitIncident,
} from '../packages/server/src/modules/incident-import/import.rows.js';
import { loadClock } from '../packages/server/src/modules/districts/district.clock.js';
import { findMouInForce } from '../packages/server/src/modules/mous/mou.in-force.js';
import {
  ADMIN_EMAIL,
  BENCH_NOW,
  CSV_HEADER,
  buildWorld,
  makeIncidentGenerator,
  seedWorld,
} from './incidents-generate.js';

/**
 * Issue 3 benchmarks (docs/benchmarks.md): (a) raw better-sqlite3 prepared single-row INSERTs of
 * the rows the import writes, into a fresh database with the same schema and pragmas; (b) the
 * real import of the same incidents from CSV (parse, check, derive, write); the ratio of rates
 * b/a must be at least 0.5. Then, on the imported database: the role-drift dashboard API p95
 * (target < 50 ms) and the CRDC export of the district-year (target < 2 s).
 *
 *   node --import tsx bench/incidents-bench.ts [--incidents 1000000]
 */
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    requests: { type: 'string', default: '300' },
  },
});
const N = Number(values.incidents);
const dir = values.dir ?? join(tmpdir(), 'forefront-bench-incidents');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const PASSWORD = 'bench password for the synthetic district';
const MFA = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const log = (s: string) => process.stderr.write(`${s}\n`);
const secs = (ms: number) => (ms / 1000).toFixed(1);

async function freshDb(name: string, world: ReturnType<typeof buildWorld>, hash: string): Promise<DbHandle> {
  const h = openDatabase({ dialect: 'sqlite', file: join(dir, name) });
  await migrateToLatest(h.db);
  await seedWorld(h.db, world, hash, MFA);
  // Seeded in the clear like a database from before sealing; sealed as a start-up would (totp.secret.ts).
  await sealPlainTotpSecrets(
    h.db,
    loadConfig({ ...process.env, DATABASE_URL: undefined, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
  );
  return h;
}

async function main() {
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined, FOREFRONT_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const world = buildWorld();
  const hash = await hashPassword(config, PASSWORD);
  log(
    `world: 100 schools, ${world.students.length} students, ${world.officers.length} officers; ${N.toLocaleString('en-US')} incidents`,
  );

  // ---- (a) raw prepared inserts, generating the CSV for (b) on the way (generation untimed) ----
  const raw = await freshDb('raw.sqlite', world, hash);
  const sqlite = raw.sqlite!;
  const insert = Object.fromEntries(
    TABLE_ORDER.map((t) => [
      t,
      sqlite.prepare(
        `insert into ${t} (${IMPORT_TABLES[t].join(',')}) values (${IMPORT_TABLES[t].map(() => '?').join(',')})`,
      ),
    ]),
  ) as Record<ImportTable, ReturnType<typeof sqlite.prepare>>;
  const mou = await findMouInForce(raw.db, world.districtId, '2024-09-01');
  const run = {
    districtId: world.districtId,
    createdBy: world.adminId,
    creatorRole: 'district_admin' as const,
    now: BENCH_NOW,
    clock: await loadClock(raw.db, world.districtId),
  };
  const gen = makeIncidentGenerator(world);
  const csvFile = join(dir, 'incidents.csv');
  const fd = openSync(csvFile, 'w');
  writeSync(fd, CSV_HEADER);
  let rawMs = 0;
  let rowsWritten = 0;
  let csvRows = 0;
  const CHUNK = 10_000;
  let t0 = performance.now();
  sqlite.exec('begin');
  rawMs += performance.now() - t0;
  for (let start = 0; start < N; start += CHUNK) {
    const buffered: [ImportTable, Cell[]][] = [];
    let text = '';
    for (let i = start; i < Math.min(N, start + CHUNK); i++) {
      const { csv, incident } = gen(i);
      text += csv;
      emitIncident(run, incident, incidentNumber(BENCH_NOW, i + 1), mou, (t, r) => void buffered.push([t, r]));
    }
    writeSync(fd, text);
    csvRows += text.split('\n').length - 1;
    t0 = performance.now();
    for (const [t, r] of buffered) insert[t].run(r);
    rawMs += performance.now() - t0;
    rowsWritten += buffered.length;
    if ((start / CHUNK) % 10 === 0)
      log(`  raw: ${(start + CHUNK).toLocaleString('en-US')} incidents generated and inserted`);
  }
  t0 = performance.now();
  sqlite.exec('commit');
  rawMs += performance.now() - t0;
  closeSync(fd);
  await raw.close();
  const rawRate = rowsWritten / (rawMs / 1000);
  log(
    `(a) raw prepared inserts: ${rowsWritten.toLocaleString('en-US')} rows in ${secs(rawMs)} s = ${Math.round(rawRate).toLocaleString('en-US')} rows/s`,
  );

  // ---- (b) the real import, end to end from the CSV file ----
  const imported = await freshDb('import.sqlite', world, hash);
  const size = statSync(csvFile).size;
  const ctx = { db: imported.db, dialect: imported.dialect, sqlite: imported.sqlite, config } as Parameters<
    typeof importIncidentsCli
  >[0];
  t0 = performance.now();
  let lastLog = 0;
  const report = await importIncidentsCli(ctx, world.districtId, ADMIN_EMAIL, {
    stream: createReadStream(csvFile, { highWaterMark: 1 << 20 }),
    file: 'incidents.csv',
    onProgress: (p) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  import: ${((p.bytes / size) * 100).toFixed(0)}% (${p.rows.toLocaleString('en-US')} rows)`);
      }
    },
  });
  const importMs = performance.now() - t0;
  if (!report.accepted) throw new Error(`import rejected: ${JSON.stringify(report.errors.slice(0, 5))}`);
  const count = (t: string) =>
    Number((imported.sqlite!.prepare(`select count(*) n from ${t}`).get() as { n: number }).n);
  const importedRows = TABLE_ORDER.reduce((n, t) => n + count(t), 0);
  if (importedRows !== rowsWritten)
    throw new Error(`the import wrote ${importedRows} rows, the baseline ${rowsWritten}: not the same rows`);
  const importRate = importedRows / (importMs / 1000);
  log(
    `(b) import: ${report.incidents.toLocaleString('en-US')} incidents, ${csvRows.toLocaleString('en-US')} CSV rows (${(size / 1e6).toFixed(0)} MB), ${importedRows.toLocaleString('en-US')} table rows in ${secs(importMs)} s = ${Math.round(importRate).toLocaleString('en-US')} rows/s`,
  );
  log(`ratio b/a = ${(importRate / rawRate).toFixed(2)} (target >= 0.50)`);

  // ---- role-drift dashboard and CRDC on the imported database ----
  const { app } = await buildApp(config, imported, { serveWeb: false });
  await app.ready();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: ADMIN_EMAIL, password: PASSWORD },
  });
  const halfCookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
  const mfa = await app.inject({
    method: 'POST',
    url: '/api/auth/mfa/verify',
    headers: { cookie: halfCookie, 'x-csrf-token': csrf },
    payload: { code: currentTotp(MFA) },
  });
  if (mfa.statusCode !== 200) throw new Error(`sign-in failed: ${mfa.body}`);
  // The second step renews the session: its cookie is the one that is signed in.
  const cookie = mfa.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const url = `/api/districts/${world.districtId}/role-drift?from=2024-08&to=2025-06`;
  const timings: number[] = [];
  const requests = Number(values.requests);
  for (let i = 0; i < requests + 20; i++) {
    const s = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`role-drift answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
    if (i >= 20) timings.push(performance.now() - s);
  }
  timings.sort((x, y) => x - y);
  const p = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  log(
    `role-drift API (${requests} sequential requests after 20 warm-up, app.inject): p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${timings.at(-1)!.toFixed(1)} ms (target p95 < 50 ms)`,
  );

  const crdcMs: number[] = [];
  let crdcTotal = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    const rep = await crdcExport({ ...ctx, log: app.log }, { operator: true }, world.districtId, '2024-25');
    crdcMs.push(performance.now() - s);
    crdcTotal = rep.schools.reduce((n, x) => n + x.referred.total, 0);
  }
  log(
    `CRDC export 2024-25 (100 schools, ${crdcTotal.toLocaleString('en-US')} referred students): ${crdcMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')} (target < 2 s)`,
  );
  await app.close();
  await imported.close();
  log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
