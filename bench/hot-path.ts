/**
 * The measured endpoint's work, piece by piece, in one process (no HTTP): each SQL statement of
 * the request as a prepared better-sqlite3 statement, the same through Kysely (as the app runs
 * it), and the response's zod serialisation. Best of 5 runs each, in microseconds.
 *   node --import tsx bench/hot-path.ts
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageOf, SchoolSchema } from '@forefront/contract';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { loadConfig } from '../packages/server/src/config.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import { findSessionWithUser, insertSession } from '../packages/server/src/modules/auth/auth.repository.js';
import { findDistrict, findSchools } from '../packages/server/src/modules/districts/district.repository.js';
import { toSchool } from '../packages/server/src/modules/districts/district.service.js';
import { generateBenchData } from './generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'node_modules/.cache/forefront-bench/hot-path/forefront.sqlite');
const data = await generateBenchData({ file });
const handle = openDatabase(
  loadConfig({ ...process.env, DATABASE_URL: undefined, FOREFRONT_DATA_DIR: join(file, '..') }).database,
);
const raw = handle.sqlite!;
const db = handle.db;
const admin = raw.prepare('select id from users where email = ?').get(data.admin.email) as { id: string };
const sessionId = 'bench-session';
const now = new Date().toISOString();
await insertSession(db, {
  id: sessionId,
  districtId: data.districtId,
  userId: admin.id,
  csrfToken: 'x',
  mfaVerified: 1,
  createdAt: now,
  lastSeenAt: now,
  expiresAt: '2999-01-01T00:00:00.000Z',
});

async function best(fn: () => unknown, n = 2000): Promise<number> {
  for (let i = 0; i < 500; i++) await fn();
  let min = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / n / 1000);
  }
  return min;
}

const page = { limit: 50, offset: 0 };
const steps: [string, string, unknown[], () => Promise<unknown>][] = [
  [
    'session joined with its user and their schools',
    'select s.id, s.csrf_token, s.mfa_verified, s.last_seen_at, s.expires_at, u.id, u.district_id, u.role, u.state, u.disabled, u.access_expires_at, u.mfa_enabled, us.school_id from sessions s join users u on u.id = s.user_id left join user_schools us on us.user_id = u.id where s.id = ?',
    [sessionId],
    () => findSessionWithUser(db, sessionId),
  ],
  ['the district', 'select * from districts where id = ?', [data.districtId], () => findDistrict(db, data.districtId)],
  [
    '50 schools, ordered',
    'select * from schools where district_id = ? order by name, id limit ? offset ?',
    [data.districtId, 50, 0],
    async () => (await findSchools(db, data.districtId, page)).items,
  ],
  [
    'count of schools',
    'select count(*) as n from schools where district_id = ?',
    [data.districtId],
    async () => (await findSchools(db, data.districtId, page)).total,
  ],
];
console.log('| step | SQLite (prepared statement) µs | through Kysely µs |\n|---|---:|---:|');
let rawTotal = 0;
let kyselyTotal = 0;
for (const [name, sqlText, params, viaKysely] of steps) {
  const stmt = raw.prepare(sqlText);
  const r = await best(() => stmt.all(...params));
  // findSchools runs the page and the count together: time it once, under the page's row.
  const k = name === 'count of schools' ? NaN : await best(viaKysely);
  rawTotal += r;
  if (!Number.isNaN(k)) kyselyTotal += k;
  console.log(`| ${name} | ${r.toFixed(1)} | ${Number.isNaN(k) ? '(with the page above)' : k.toFixed(1)} |`);
}
console.log(`| **all four queries** | **${rawTotal.toFixed(0)}** | **${kyselyTotal.toFixed(0)}** |`);
const prepare = await best(() => raw.prepare(steps[3]![1]));
console.log(
  `\npreparing the schools statement once: ${prepare.toFixed(1)} µs (Kysely's driver prepared every query anew before the statement cache)`,
);

const schools = (await findSchools(db, data.districtId, page)).items.map(toSchool);
const body = { items: schools, total: 100, ...page };
const serialize = serializerCompiler({ schema: pageOf(SchoolSchema), method: 'GET', url: '/x' }) as (
  d: unknown,
) => string;
console.log(
  `zod response serialisation of the 50-school page: ${(await best(() => serialize(body))).toFixed(1)} µs (JSON.stringify alone: ${(await best(() => JSON.stringify(body))).toFixed(1)} µs)`,
);
await handle.close();
