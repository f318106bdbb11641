import { rmSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_NEUTRAL_SQL, ACCESS_TABLES, changesAccess, openAccessEpoch } from '../src/db/access-epoch.js';
import { compiledQuery } from '../src/db/compiled.js';
import { accessEpochOf, openDatabase } from '../src/db/database.js';
import { epochCacheOf } from '../src/db/epoch-cache.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ALL_WORKERS_LISTENING } from '../src/cluster.js';
import type { DemoResult } from '../src/modules/demo/demo.service.js';
import {
  type CliTarget,
  type RunningServer,
  api,
  cliOk,
  createCliTarget,
  signInHttp,
  startServer,
  totpOf,
  withDb,
} from './cli-helpers.js';
import { TEST_DIALECT, createTempDir } from './harness.js';

/**
 * The access epoch (db/access-epoch.ts) is what lets a process keep copies of sessions and
 * districts (db/epoch-cache.ts) without weakening "a change of access takes effect on the very
 * next request": these tests hold it to that, down to the SQL and across processes.
 */
describe('which statements change access', () => {
  it('writes naming an access table, and every delete or schema change, do', () => {
    for (const sql of [
      'update "users" set "disabled" = ? where "id" = ?',
      'update "users" set "role" = ?, "updated_at" = ? where "id" = ?',
      'insert into "user_schools" ("district_id", "user_id", "school_id") values (?, ?, ?)',
      'update "sessions" set "mfa_verified" = ? where "id" = ?',
      'update "districts" set "name" = ? where "id" = ?',
      'insert into "users" ("id", "email") values (?, ?)',
      'delete from "sessions" where "user_id" = ?',
      'delete from "schools" where "id" = ?',
      'alter table "incidents" add column "x" text',
      'drop table "anything"',
    ])
      expect(changesAccess(sql, false), sql).toBe(true);
  });

  it('reads, writes elsewhere, a new session and the idle touch do not', () => {
    expect(changesAccess('select * from "users" where "id" = ?', true)).toBe(false);
    expect(changesAccess('insert into "incidents" ("id") values (?)', false)).toBe(false);
    expect(changesAccess('insert into "audit_events" ("id", "payload") values (?, ?)', false)).toBe(false);
    expect(changesAccess('insert into "sessions" ("id", "user_id") values (?, ?)', false)).toBe(false);
    for (const sql of ACCESS_NEUTRAL_SQL) expect(changesAccess(sql, false)).toBe(false);
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')('the access epoch on SQLite', () => {
  let dir: string;
  const file = () => join(dir, 'forefront.sqlite');
  beforeAll(() => void (dir = createTempDir('epoch')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is shared by every handle on the same file, as it is by every process', () => {
    const a = openAccessEpoch(file());
    const b = openAccessEpoch(file());
    try {
      const before = b.read();
      expect(a.read()).toBe(before);
      a.advance();
      expect(b.read()).not.toBe(before);
      expect(b.read()).toBe(a.read());
    } finally {
      a.close();
      b.close();
    }
  });

  it('the touch statement Kysely compiles is the one the epoch lets pass, and the cached reads touch only access tables', async () => {
    const handle = openDatabase({ dialect: 'sqlite', file: file() });
    try {
      const touch = handle.db
        .updateTable('sessions')
        .set({ lastSeenAt: 'x' })
        .where('id', '=', 'x')
        .where('lastSeenAt', '<', 'x')
        .compile();
      expect(ACCESS_NEUTRAL_SQL).toContain(touch.sql);
      const { findSessionWithUser } = await import('../src/modules/auth/auth.repository.js');
      const { findDistrict } = await import('../src/modules/districts/district.repository.js');
      // The SQL of the two cached reads, as the statement cache saw them prepared.
      await migrateToLatest(handle.db);
      const seen: string[] = [];
      const sqlite = handle.sqlite!;
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = (sql: string) => (seen.push(sql), prepare(sql));
      await findSessionWithUser(handle.db, 'none');
      await findDistrict(handle.db, 'none');
      sqlite.prepare = prepare;
      expect(seen).toHaveLength(2);
      for (const sql of seen)
        for (const [, table] of sql.matchAll(/(?:from|join) "(\w+)"/g)) expect(ACCESS_TABLES, sql).toContain(table);
    } finally {
      await handle.close();
    }
  });

  it('moves after a committed access write, at commit inside a transaction, and not for other writes', async () => {
    const handle = openDatabase({ dialect: 'sqlite', file: file() });
    const other = openAccessEpoch(file());
    try {
      await migrateToLatest(handle.db);
      const { db } = handle;
      let e = other.read();
      const moved = () => {
        const now = other.read();
        const m = now !== e;
        e = now;
        return m;
      };
      await db
        .insertInto('districts')
        .values({
          id: 'd1',
          ncesLeaId: '9900001',
          name: 'D',
          state: 'VA',
          suppressionMinN: 10,
          createdAt: 'now',
          updatedAt: 'now',
        })
        .execute();
      expect(moved()).toBe(true);
      await db.updateTable('districts').set({ name: 'E' }).where('id', '=', 'd1').execute();
      expect(moved()).toBe(true);

      // Not before the commit: a process reading now would read the old rows and keep them.
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('districts').set({ name: 'F' }).where('id', '=', 'd1').execute();
        expect(moved()).toBe(false);
      });
      expect(moved()).toBe(true);

      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('districts').selectAll().execute();
      });
      expect(moved()).toBe(false);

      await expect(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('districts').set({ name: 'G' }).where('id', '=', 'd1').execute();
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      // A rollback changed nothing; announcing it anyway only costs a re-read.
      moved();

      await db.selectFrom('users').selectAll().execute();
      await db
        .insertInto('schools')
        .values({
          id: 's1',
          districtId: 'd1',
          ncesSchoolId: '990000100001',
          name: 'S',
          gradeLow: '06',
          gradeHigh: '08',
          enrollment: 1,
          createdAt: 'now',
          updatedAt: 'now',
        })
        .execute();
      expect(moved()).toBe(false);
    } finally {
      other.close();
      await handle.close();
    }
  });

  it('a compiled query that writes (returning rows) still goes through the statement cache, and announces', async () => {
    const handle = openDatabase({ dialect: 'sqlite', file: file() });
    try {
      await migrateToLatest(handle.db);
      const rename = compiledQuery((db: typeof handle.db, name: string, id: string) =>
        db.updateTable('districts').set({ name }).where('id', '=', id).returning('name'),
      );
      await handle.db
        .insertInto('districts')
        .values({
          id: 'd2',
          ncesLeaId: '9900002',
          name: 'D',
          state: 'VA',
          suppressionMinN: 10,
          createdAt: 'now',
          updatedAt: 'now',
        })
        .execute();
      const epoch = accessEpochOf(handle.db)!;
      const before = epoch.read();
      expect(await rename(handle.db, 'Renamed', 'd2')).toEqual([{ name: 'Renamed' }]);
      expect(epoch.read()).not.toBe(before);
    } finally {
      await handle.close();
    }
  });

  it('a cache keeps nothing read under an epoch that has moved since, and drops everything when it moves', () => {
    const handle = openDatabase({ dialect: 'sqlite', file: file() });
    try {
      const cache = epochCacheOf<{ n: number }>(handle.db, 'test')!;
      const e1 = cache.currentEpoch();
      cache.keep('a', { n: 1 }, e1);
      expect(cache.get('a')).toEqual({ n: 1 });
      expect(Object.isFrozen(cache.get('a'))).toBe(true);
      accessEpochOf(handle.db)!.advance();
      // A read that began under e1 finishes after the change: it must not be kept.
      const e2 = cache.currentEpoch();
      expect(e2).not.toBe(e1);
      expect(cache.get('a')).toBeUndefined();
      cache.keep('b', { n: 2 }, e1);
      expect(cache.get('b')).toBeUndefined();
      cache.keep('b', { n: 2 }, e2);
      expect(cache.get('b')).toEqual({ n: 2 });
    } finally {
      void handle.close();
    }
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('PostgreSQL', () => {
  it('has no access epoch, so every request reads the database', async () => {
    const handle = openDatabase({ dialect: 'postgres', url: process.env.TEST_DATABASE_URL! });
    try {
      expect(accessEpochOf(handle.db)).toBeUndefined();
      expect(epochCacheOf(handle.db, 'sessions')).toBeNull();
    } finally {
      await handle.close();
    }
  });
});

/** GET on a connection of its own: the supervisor hands each new connection to the next worker. */
function getFresh(url: string, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { agent: false, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe(`two workers and another process on ${TEST_DIALECT}: a change of access holds from the very next request`, () => {
  let target: CliTarget;
  let server: RunningServer | undefined;
  let demo: DemoResult;

  beforeAll(async () => {
    target = await createCliTarget();
    demo = JSON.parse(await cliOk(['demo', '--json'], target)) as DemoResult;
    server = await startServer(target, { env: { WORKERS: '2', LOG_LEVEL: 'info' }, readyLine: ALL_WORKERS_LISTENING });
  }, 60_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await target?.drop();
  });

  const account = (role: string, n = 0) =>
    demo.accounts.filter((a) => a.role === role && a.districtId === demo.districtId)[n]!;
  const statuses = async (path: string, cookie: string, n = 10) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await getFresh(server!.url, path, cookie)).status);
    return out;
  };

  it('disabling an account through the API, answered by one worker, refuses it in both', async () => {
    const admin = account('district_admin');
    const sro = account('sro');
    const adminSession = await signInHttp(server!.url, admin.email, demo.password, totpOf(admin.totpSecret!));
    const s = await signInHttp(server!.url, sro.email, demo.password, totpOf(sro.totpSecret!));
    const path = `/api/schools/${sro.schoolIds[0]}`;
    // Both workers have now served, and kept, this session.
    expect(await statuses(path, s.cookie)).toEqual(Array(10).fill(200));
    const users = await api(server!.url, adminSession, 'GET', `/api/districts/${demo.districtId}/users?limit=200`);
    const id = (users.body.items as { id: string; email: string }[]).find((u) => u.email === sro.email)!.id;
    const res = await api(server!.url, adminSession, 'PATCH', `/api/users/${id}`, { disabled: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await statuses(path, s.cookie)).toEqual(Array(10).fill(401));
  });

  it("another process's commit (a CLI, a script on the same database) is seen by both workers on the next request", async () => {
    const principal = account('school_admin');
    const s = await signInHttp(server!.url, principal.email, demo.password, totpOf(principal.totpSecret!));
    const path = `/api/schools/${principal.schoolIds[0]}`;
    expect(await statuses(path, s.cookie)).toEqual(Array(10).fill(200));
    await withDb(target.database, (db) =>
      db.updateTable('users').set({ disabled: 1 }).where('email', '=', principal.email).execute(),
    );
    expect(await statuses(path, s.cookie)).toEqual(Array(10).fill(401));
  });

  it('a district renamed by another process reads renamed in both workers', async () => {
    const viewer = demo.accounts.find((a) => a.role === 'state_viewer')!;
    const v = await signInHttp(server!.url, viewer.email, demo.password);
    const path = `/api/districts/${demo.districtId}`;
    const names = async () => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await getFresh(server!.url, path, v.cookie);
        expect(r.status, r.body).toBe(200);
        out.push((JSON.parse(r.body) as { name: string }).name);
      }
      return out;
    };
    const before = await names();
    expect(new Set(before).size).toBe(1);
    await withDb(target.database, (db) =>
      db
        .updateTable('districts')
        .set({ name: 'Renamed Elsewhere District' })
        .where('id', '=', demo.districtId)
        .execute(),
    );
    expect(await names()).toEqual(Array(6).fill('Renamed Elsewhere District'));
  });
});
