import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendThreatReminders } from '../src/modules/threats/threat.reminders.js';
import { buildDistrict, buildSchool, buildUser } from './builders.js';
import { type CliTarget, cliOk, createCliTarget, runCli } from './cli-helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  addCase,
  addCheckin,
  addProvider,
  addReferral,
  addStudent,
  addTask,
  addTeam,
} from './threat-records.helpers.js';

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
 * Issue 15: "overdue tasks and check-ins: reminders by mail through the job system". A case opened
 * on 1 March 2026 with a task due 10 March, a check-in due 12 March, another task due later and one
 * done; a referral whose follow-up was due 11 March; and a closed case's overdue task (no mail).
 */
describe(`threat assessment reminders on ${TEST_DIALECT}`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let districtId: string;
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const CANARY = 'Confirm the firearm is stored at the uncle’s workplace';
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    const d = await buildDistrict(t.ctx);
    districtId = d.id;
    const school = await buildSchool(t.ctx, d.id);
    const user = async (key: string, role: 'school_admin' | 'support_staff' | 'sro') => {
      const u = await buildUser(t.ctx, { role, districtId: d.id, schoolIds: [school.id] });
      ids[key] = u.id;
      emails[key] = u.email;
    };
    await user('principal', 'school_admin');
    await user('counselor', 'support_staff');
    await user('psychologist', 'support_staff');
    await user('sro', 'sro');
    await user('provider', 'support_staff');
    const team = await addTeam(t.ctx, d.id, school.id, [
      [ids.principal!, 'administrator'],
      [ids.counselor!, 'mental_health'],
      [ids.psychologist!, 'mental_health'],
      [ids.sro!, 'law_enforcement'],
    ]);
    const studentId = await addStudent(t.ctx, d.id, school.id);
    const base = { districtId: d.id, schoolId: school.id, teamId: team, studentId };
    const caseId = await addCase(t.ctx, { ...base, number: 'TA-2026-0001', openedAt: '2026-03-01T14:00:00.000Z' });
    ids.case = caseId;
    ids.task = await addTask(t.ctx, { districtId, caseId, ownerId: ids.sro!, dueOn: '2026-03-10', title: CANARY });
    await addTask(t.ctx, { districtId, caseId, ownerId: ids.sro!, dueOn: '2026-04-10' });
    await addTask(t.ctx, { districtId, caseId, ownerId: ids.sro!, dueOn: '2026-03-05', status: 'done' });
    ids.checkin = await addCheckin(t.ctx, { districtId, caseId, ownerId: ids.principal!, dueOn: '2026-03-12' });
    const closed = await addCase(t.ctx, {
      ...base,
      number: 'TA-2026-0002',
      openedAt: '2026-02-01T14:00:00.000Z',
      status: 'closed',
    });
    await addTask(t.ctx, { districtId, caseId: closed, ownerId: ids.sro!, dueOn: '2026-02-10' });
    const providerId = await addProvider(t.ctx, d.id, ids.provider!);
    const ref = { districtId, schoolId: school.id, studentId, providerId, madeBy: ids.counselor! };
    ids.referral = await addReferral(t.ctx, { ...ref, status: 'accepted', followUpDueOn: '2026-03-11' });
    await addReferral(t.ctx, { ...ref, status: 'first_contact', followUpDueOn: '2026-03-11' });
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('sends nothing before anything is overdue, then each overdue item once to its people', async () => {
    expect(await sendThreatReminders(t.ctx, districtId, '2026-03-10')).toEqual([]);
    const sent = await sendThreatReminders(t.ctx, districtId, '2026-03-13');
    expect(sent.map((s) => [s.subjectKind, s.subjectId, s.dueOn, s.recipients]).sort()).toEqual(
      [
        ['task', ids.task, '2026-03-10', 1],
        // The owner and both mental-health members of the team.
        ['checkin', ids.checkin, '2026-03-12', 3],
        // The provider's account and the counselor who made it.
        ['referral', ids.referral, '2026-03-11', 2],
      ].sort(),
    );
    const to = (address: string) => smtp.inbox.filter((m) => m.to.includes(address));
    expect(to(emails.sro!)).toHaveLength(1);
    expect(to(emails.principal!)).toHaveLength(1);
    expect(to(emails.psychologist!)).toHaveLength(1);
    expect(to(emails.counselor!)).toHaveLength(2); // the check-in (mental health) and the referral (its maker)
    expect(to(emails.provider!)).toHaveLength(1);
    const raw = to(emails.sro!)[0]!.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain('TA-2026-0001');
    expect(raw).toContain('2026-03-10');
    expect(raw).toContain(`/app/threat/cases/${ids.case}`);
    expect(raw).toContain('Una tarea del plan de seguridad');
    // The task's sealed title never leaves in a mail (the outbox is not sealed).
    expect(smtp.inbox.map((m) => m.raw).join('')).not.toContain('firearm');

    // Again, and days later: no duplicate.
    expect(await sendThreatReminders(t.ctx, districtId, '2026-03-13')).toEqual([]);
    expect(await sendThreatReminders(t.ctx, districtId, '2026-03-20')).toEqual([]);
    expect(smtp.inbox).toHaveLength(6);
    const audit = await t.ctx.db
      .selectFrom('auditEvents')
      .select('payload')
      .where('districtId', '=', districtId)
      .where('kind', '=', 'threat_records.reminder_sent')
      .execute();
    expect(audit).toHaveLength(3);
    const outbox = await t.ctx.db.selectFrom('mailOutbox').select(['subject', 'textBody']).execute();
    expect(JSON.stringify(outbox)).not.toContain('firearm');
  });
});

/** `forefront threat reminders`: the same reminders from the command line, for every district. */
describe(`forefront threat reminders on ${TEST_DIALECT}`, () => {
  let cli: CliTarget;
  beforeAll(async () => {
    cli = await createCliTarget();
  });
  afterAll(() => cli?.drop());

  it('refuses a date that is not one, and says when nothing is due', async () => {
    const bad = await runCli(['threat', 'reminders', '--as-of', '2026-02-30'], cli);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of must be a real date');
    expect(await cliOk(['threat', 'reminders', '--as-of', '2026-03-13'], cli)).toContain(
      'No threat assessment reminders due.',
    );
    expect(JSON.parse(await cliOk(['threat', 'reminders', '--json'], cli))).toEqual({ sent: [] });
  }, 60_000);
});
