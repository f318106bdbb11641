import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrainingReminders } from '../src/modules/training/training.reminders.js';
import { buildDistrict, buildSchool, buildUser } from './builders.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import { addOfficer, addRecord, setStandard } from './training-compliance.helpers.js';

/** A real SMTP server on an ephemeral local port that keeps each message's recipients and raw text. */
async function startSmtp() {
  const inbox: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { inbox, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Issue 14 item 3, "the reminder mail arrives at a local SMTP server 30 days before a lapse (clock
 * set in the test)": CPR completed 1 April 2025, renewed every 12 months, lapses 1 April 2026.
 */
describe(`training reminders on ${TEST_DIALECT}`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let districtId: string;
  let officerId: string;
  let coordinatorEmail: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    const school = await buildSchool(t.ctx, d.id);
    await setStandard(t.ctx, d.id, [
      { kind: 'credential', key: 'cpr', credential: 'cpr', due: { when: 'before_assignment' }, renewEveryMonths: 12 },
    ]);
    officerId = await addOfficer(t.ctx, d.id, {
      name: 'Priya Nair',
      email: 'priya.nair@pd.example.test',
      schoolId: school.id,
    });
    await addRecord(t.ctx, d.id, officerId, { completedOn: '2025-04-01', hours: 4, credential: 'cpr' });
    // Another officer, without an e-mail address, whose CPR lapses months later: no reminder yet.
    const other = await addOfficer(t.ctx, d.id, { name: 'James Bell', schoolId: school.id });
    await addRecord(t.ctx, d.id, other, { completedOn: '2025-09-01', hours: 4, credential: 'cpr' });
    coordinatorEmail = (await buildUser(t.ctx, { role: 'training_coordinator', districtId: d.id })).email;
    await buildUser(t.ctx, { role: 'district_admin', districtId: d.id }); // not mailed: a coordinator exists
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('sends nothing 61 days ahead, the 60-day mail from 60 days, the 30-day mail from 30 days, each once', async () => {
    expect(await sendTrainingReminders(t.ctx, districtId, '2026-01-30')).toEqual([]);
    const sixty = await sendTrainingReminders(t.ctx, districtId, '2026-02-01');
    expect(sixty.map((s) => [s.officerId, s.lapsesOn, s.daysBefore])).toEqual([[officerId, '2026-04-01', 60]]);
    smtp.inbox.length = 0;

    const thirty = await sendTrainingReminders(t.ctx, districtId, '2026-03-02');
    expect(thirty).toEqual([
      { districtId, officerId, ruleKey: 'cpr', lapsesOn: '2026-04-01', daysBefore: 30, recipients: 2 },
    ]);
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([[coordinatorEmail], ['priya.nair@pd.example.test']].sort());
    const raw = smtp.inbox[0]!.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain('Priya Nair');
    expect(raw).toContain('2026-04-01');
    expect(raw).toContain(`/app/officers/${officerId}`);
    // The requirement in plain words (the district has no credential type named cpr: its key).
    expect(raw).toContain('The requirement: Hold a current cpr certificate, earned before being assigned');

    // Again the same day, and the next: no duplicate.
    expect(await sendTrainingReminders(t.ctx, districtId, '2026-03-02')).toEqual([]);
    expect(await sendTrainingReminders(t.ctx, districtId, '2026-03-03')).toEqual([]);
    expect(smtp.inbox).toHaveLength(2);
    const audit = await t.ctx.db
      .selectFrom('auditEvents')
      .select('payload')
      .where('districtId', '=', districtId)
      .where('kind', '=', 'training.reminder_sent')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.payload).join(' ')).not.toContain('Priya');
  });
});
