import { beforeAll, describe, expect, it } from 'vitest';
import { findSessionWithUser } from '../src/modules/auth/auth.repository.js';
import { createSession, sessionIdOf } from '../src/modules/auth/session.js';
import { findDistrict } from '../src/modules/districts/district.repository.js';
import { buildDistrict, buildSchool, buildUser } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';

/**
 * The per-request queries (db/compiled.ts) read through their own prepared statements on SQLite,
 * outside Kysely's executor. They must answer exactly what Kysely answers, and a read must never
 * see another request's uncommitted transaction (Kysely serialises the single SQLite connection).
 */
describe(`compiled per-request queries on ${TEST_DIALECT}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  it("answer the session with its account and the account's schools, as Kysely does", async () => {
    const d = await buildDistrict(t.ctx);
    const [a, b] = [await buildSchool(t.ctx, d.id), await buildSchool(t.ctx, d.id)];
    const user = await buildUser(t.ctx, { role: 'sro', districtId: d.id, schoolIds: [a.id, b.id] });
    const { token } = await createSession(t.ctx.db, { id: user.id, districtId: d.id }, true);
    const id = sessionIdOf(token);

    const found = await findSessionWithUser(t.ctx.db, id);
    const viaKysely = await t.ctx.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .select([
        's.id as sessionId',
        's.csrfToken',
        's.mfaVerified',
        's.lastSeenAt',
        's.expiresAt',
        'u.id as userId',
        'u.districtId',
        'u.role',
        'u.state',
        'u.disabled',
        'u.accessExpiresAt',
        'u.mfaEnabled',
      ])
      .where('s.id', '=', id)
      .executeTakeFirstOrThrow();
    const { schoolIds, ...session } = found!;
    expect(session).toEqual(viaKysely);
    expect(Object.keys(session)).toEqual(Object.keys(viaKysely));
    // The account's schools come in the same statement, one row each.
    expect([...schoolIds].sort()).toEqual([a.id, b.id].sort());
    const admin = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    const adminSession = await createSession(t.ctx.db, { id: admin.id, districtId: d.id }, true);
    expect(await findSessionWithUser(t.ctx.db, sessionIdOf(adminSession.token))).toMatchObject({
      userId: admin.id,
      schoolIds: [],
    });
    expect(await findSessionWithUser(t.ctx.db, sessionIdOf('no such token'))).toBeUndefined();

    expect(await findDistrict(t.ctx.db, d.id)).toEqual(
      await t.ctx.db.selectFrom('districts').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow(),
    );
  });

  it("never see another transaction's uncommitted writes: a read during a transaction waits for it", async () => {
    const d = await buildDistrict(t.ctx, { name: 'Committed name' });
    let written!: () => void;
    let finish!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const finished = new Promise<void>((r) => (finish = r));
    const trx = t.ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('districts').set({ name: 'Uncommitted name' }).where('id', '=', d.id).execute();
        written();
        await finished;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await wrote;
    const read = findDistrict(t.ctx.db, d.id);
    finish();
    await trx;
    expect((await read)?.name).toBe('Committed name');
  });
});
