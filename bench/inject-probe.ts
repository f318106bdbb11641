/**
 * Per-request CPU cost of the measured endpoint without the network: the real app in-process,
 * app.inject in a loop. With PROFILE=<file.cpuprofile>, writes a CPU profile of the loop only
 * (open it in Chrome DevTools or summarise it with bench/profile-summary.ts).
 *   node --import tsx bench/inject-probe.ts [requests]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import { currentTotp } from '../packages/server/src/modules/auth/totp.js';
import { generateBenchData } from './generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const n = Number(process.argv[2] ?? 5000);
const file = join(root, 'node_modules/.cache/forefront-bench/probe/forefront.sqlite');
const data = await generateBenchData({ file });
const config = loadConfig({
  ...process.env,
  DATABASE_URL: undefined,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  FOREFRONT_DATA_DIR: join(file, '..'),
});
const handle = openDatabase(config.database);
const { app } = await buildApp(config, handle, { serveWeb: false });
await app.ready();
const s = await app.inject({
  method: 'POST',
  url: '/api/auth/sign-in',
  payload: { email: data.admin.email, password: data.admin.password },
});
const halfCookie = s.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const { csrfToken } = s.json<{ csrfToken: string }>();
const v = await app.inject({
  method: 'POST',
  url: '/api/auth/mfa/verify',
  headers: { cookie: halfCookie, 'x-csrf-token': csrfToken },
  payload: { code: currentTotp(data.admin.totpSecret) },
});
if (v.statusCode !== 200) throw new Error(v.body);
// The second step renews the session: its cookie is the one that is signed in.
const cookie = v.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const url =
  process.env.PROBE_URL === 'district'
    ? `/api/districts/${data.districtId}`
    : `/api/districts/${data.districtId}/schools?limit=50`;
for (let i = 0; i < 500; i++) await app.inject({ url, headers: { cookie } });
const session = process.env.PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const r = await app.inject({ url, headers: { cookie } });
  if (r.statusCode !== 200) throw new Error(r.body);
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
  session.disconnect();
}
console.log(
  `${n} requests: ${((wall * 1000) / n).toFixed(0)} µs wall, ${((cpu.user + cpu.system) / n).toFixed(0)} µs CPU per request`,
);
await app.close();
await handle.close();
