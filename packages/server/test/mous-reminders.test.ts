import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MouSummary } from '@forefront/contract';
import { createMouIn } from '../src/modules/mous/mou.service.js';
import { addSignatoryIn, signVersionIn } from '../src/modules/mous/mou.signing.service.js';
import { scheduleMouReminders, sendDueReminders } from '../src/modules/mous/mou.reminders.js';
import type { AppContext } from '../src/shared/context.js';
import { type CliTarget, cliOk, createCliTarget, withDb } from './cli-helpers.js';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTestApp, createTestDatabase, TEST_DIALECT, testConfig, type TestApp } from './harness.js';
import { buildDistrict, buildUser, signIn } from './builders.js';
import { call } from './auth.helpers.js';
import { dayFromToday } from './mous.helpers.js';

/** A district whose signed MOU is in force, with its review date `reviewInDays` from today. */
async function districtWithMouInForce(ctx: AppContext, reviewInDays: number) {
  const d = await buildDistrict(ctx, { name: 'Riverbend Unified' });
  const admin = await buildUser(ctx, { role: 'district_admin', districtId: d.id });
  const retired = await buildUser(ctx, { role: 'district_admin', districtId: d.id, disabled: true });
  const mou = await ctx.db.transaction().execute(async (trx) => {
    const m = await createMouIn(
      trx,
      ctx,
      null,
      d.id,
      {
        title: 'SRO Agreement',
        agencyName: 'Riverbend PD',
        template: 'cops_minimum',
        effectiveDate: dayFromToday(-300),
        reviewDate: dayFromToday(reviewInDays),
      },
      admin.id,
    );
    const mou = { id: m.mouId, districtId: d.id };
    const s = await addSignatoryIn(trx, ctx, null, mou, {
      party: 'district',
      name: 'Dana Whitfield',
      title: 'Superintendent',
      email: null,
    });
    await signVersionIn(
      trx,
      ctx,
      null,
      mou,
      s.id,
      { version: 1, signedName: 'Dana Whitfield' },
      { method: 'staff_entered', recordedBy: admin.id },
    );
    return mou;
  });
  return { d, admin, retired, mou };
}

const outboxOf = (ctx: AppContext, districtId: string) =>
  ctx.db.selectFrom('mailOutbox').selectAll().where('districtId', '=', districtId).orderBy('createdAt').execute();

describe(`MOU review reminders on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('mails the active district administrators once per kind: 60 days ahead, 30 days ahead, overdue', async () => {
    const { d, admin, retired, mou } = await districtWithMouInForce(t.ctx, 45);
    const mine = async (today?: string) => (await sendDueReminders(t.ctx, today)).filter((s) => s.districtId === d.id);

    expect(await mine()).toEqual([
      {
        districtId: d.id,
        mouId: mou.id,
        version: 1,
        kind: 'review_due_60',
        reviewDate: dayFromToday(45),
        recipients: 1,
      },
    ]);
    const mail = await outboxOf(t.ctx, d.id);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.toAddress).toBe(admin.email);
    expect(mail[0]!.toAddress).not.toBe(retired.email);
    expect(mail[0]!.subject).toMatch(/within 60 days: SRO Agreement/);
    expect(mail[0]!.textBody).toContain(`http://forefront.test/app/mous/${mou.id}`);
    expect(mail[0]!.textBody).toContain('(in 45 days)');

    // The same day again, or a second server at the same time: nothing more.
    expect(await Promise.all([mine(), mine()])).toEqual([[], []]);
    expect(await outboxOf(t.ctx, d.id)).toHaveLength(1);

    // The list shows the reminder too.
    const session = await signIn(t.app, admin);
    const list = (await call(t.app, session, 'GET', `/api/districts/${d.id}/mous`)).json<{ items: MouSummary[] }>();
    expect(list.items[0]!.reminder).toEqual({ kind: 'review_due_60', reviewDate: dayFromToday(45), version: 1 });

    expect((await mine(dayFromToday(20))).map((s) => s.kind)).toEqual(['review_due_30']);
    expect(await mine(dayFromToday(25))).toEqual([]);
    expect((await mine(dayFromToday(46))).map((s) => s.kind)).toEqual(['review_overdue']);
    expect(await mine(dayFromToday(100))).toEqual([]);
    const subjects = (await outboxOf(t.ctx, d.id)).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[2]).toMatch(/overdue/);
  });

  it('sends nothing for an MOU whose review is far off, or that is not in force', async () => {
    const far = await districtWithMouInForce(t.ctx, 200);
    expect((await sendDueReminders(t.ctx)).filter((s) => s.districtId === far.d.id)).toEqual([]);
    // A draft with a review date next week is not an agreement in force: no reminder.
    const d = await buildDistrict(t.ctx);
    const admin = await buildUser(t.ctx, { role: 'district_admin', districtId: d.id });
    await t.ctx.db.transaction().execute((trx) =>
      createMouIn(
        trx,
        t.ctx,
        null,
        d.id,
        {
          title: 'Draft agreement',
          agencyName: 'County Sheriff',
          template: 'secure',
          effectiveDate: dayFromToday(-300),
          reviewDate: dayFromToday(7),
        },
        admin.id,
      ),
    );
    expect((await sendDueReminders(t.ctx)).filter((s) => s.districtId === d.id)).toEqual([]);
  });

  it('runs from a timer started with the app, and the timer stops when the app closes', async () => {
    const tdb = await createTestDatabase();
    const handle = openDatabase(testConfig(tdb.database).database);
    try {
      await migrateToLatest(handle.db);
      const { app, ctx } = await buildApp(testConfig(tdb.database), handle, { serveWeb: false });
      scheduleMouReminders(app, ctx, { firstRunMs: 10, everyMs: 30 });
      await app.ready();
      const first = await districtWithMouInForce(ctx, 10);
      await waitFor(async () => (await outboxOf(ctx, first.d.id)).length === 1);
      await app.close();
      // After close, a newly due MOU gets no mail: the timer is gone.
      const second = await districtWithMouInForce(ctx, 10);
      await new Promise((r) => setTimeout(r, 200));
      expect(await outboxOf(ctx, second.d.id)).toEqual([]);
      expect(await outboxOf(ctx, first.d.id)).toHaveLength(1);
    } finally {
      await handle.close();
      await tdb.drop();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`forefront mou reminders on ${TEST_DIALECT}`, () => {
  let target: CliTarget;
  beforeAll(async () => {
    target = await createCliTarget();
  });
  afterAll(() => target?.drop());

  it('sends the due reminders into the outbox once, and says so', async () => {
    // The first run migrates the empty database and finds nothing.
    expect(await cliOk(['mou', 'reminders'], target)).toMatch(/No MOU review reminders due/);
    const d = await withDb(target.database, async (db) => {
      const log = pino({ level: 'silent' });
      const ctx = {
        db,
        dialect: target.dialect,
        config: testConfig(target.database),
        log,
        mailer: { configured: true, send: () => Promise.resolve(true), close: () => undefined },
      } as unknown as AppContext;
      return (await districtWithMouInForce(ctx, 50)).d;
    });
    // Without SMTP the mailer also prints each message to stdout; the JSON is the last line.
    const first = JSON.parse((await cliOk(['mou', 'reminders', '--json'], target)).trim().split('\n').pop()!) as {
      sent: { districtId: string; kind: string; recipients: number }[];
    };
    expect(first.sent).toEqual([expect.objectContaining({ districtId: d.id, kind: 'review_due_60', recipients: 1 })]);
    expect(await cliOk(['mou', 'reminders'], target)).toMatch(/No MOU review reminders due/);
    expect(await cliOk(['mou', 'reminders', '--date', dayFromToday(60)], target)).toMatch(
      /Sent review_overdue for MOU/,
    );
    const outbox = await withDb(target.database, (db) =>
      db.selectFrom('mailOutbox').select(['subject']).where('districtId', '=', d.id).execute(),
    );
    expect(outbox.map((m) => m.subject)).toEqual([
      expect.stringMatching(/within 60 days/),
      expect.stringMatching(/overdue/),
    ]);
  });
});
