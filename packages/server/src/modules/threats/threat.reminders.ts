import { localDate } from '@forefront/contract';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';

/**
 * Issue 15: a mail once per overdue item of an open case, a safety-plan task (to its owner) or a
 * monitoring check-in (to its owner and the team's mental-health members), and once per referral
 * past its follow-up date while it still awaits follow-up (to the provider's account and whoever
 * made it). The claim on threat_reminders (unique per item) comes before the mail, so reruns and
 * two servers send each once. The mail goes through the outbox, which is not sealed: it names the
 * case number, the kind of item and its due date, never the student or any sealed text; the link
 * opens the record for those allowed to see it. Users have no language preference: English, then Spanish.
 */
export type ReminderSubject = 'task' | 'checkin' | 'referral';
export interface SentThreatReminder {
  districtId: string;
  subjectKind: ReminderSubject;
  subjectId: string;
  caseId: string | null;
  dueOn: string;
  recipients: number;
}

interface Due {
  kind: ReminderSubject;
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  teamId: string | null;
  dueOn: string;
  /** The owner, the provider's account or the referral's maker. */
  people: (string | null)[];
}

/** What is overdue as of `today` (before the claims): open tasks, check-ins not done, referrals waiting. */
export async function overdueItems(db: Db, districtId: string, today: string): Promise<Due[]> {
  const tasks = await db
    .selectFrom('threatSafetyTasks as t')
    .innerJoin('threatCases as c', 'c.id', 't.caseId')
    .select(['t.id', 't.caseId', 'c.number', 'c.teamId', 't.dueOn', 't.ownerId'])
    .where('t.districtId', '=', districtId)
    .where('t.status', '=', 'open')
    .where('t.dueOn', '<', today)
    .where('c.status', '=', 'open')
    .orderBy('t.dueOn')
    .orderBy('t.id')
    .execute();
  const checkins = await db
    .selectFrom('threatCheckins as k')
    .innerJoin('threatCases as c', 'c.id', 'k.caseId')
    .select(['k.id', 'k.caseId', 'c.number', 'c.teamId', 'k.dueOn', 'k.ownerId'])
    .where('k.districtId', '=', districtId)
    .where('k.doneAt', 'is', null)
    .where('k.dueOn', '<', today)
    .where('c.status', '=', 'open')
    .orderBy('k.dueOn')
    .orderBy('k.id')
    .execute();
  const referrals = await db
    .selectFrom('supportReferrals as r')
    .leftJoin('supportProviders as p', 'p.id', 'r.providerId')
    .select(['r.id', 'r.caseId', 'r.followUpDueOn', 'r.madeBy', 'p.userId as providerUserId'])
    .where('r.districtId', '=', districtId)
    .where('r.status', 'in', ['made', 'accepted'])
    .where('r.followUpDueOn', '<', today)
    .orderBy('r.followUpDueOn')
    .orderBy('r.id')
    .execute();
  return [
    ...tasks.map((t) => ({
      kind: 'task' as const,
      id: t.id,
      caseId: t.caseId,
      caseNumber: t.number,
      teamId: t.teamId,
      dueOn: t.dueOn,
      people: [t.ownerId],
    })),
    ...checkins.map((k) => ({
      kind: 'checkin' as const,
      id: k.id,
      caseId: k.caseId,
      caseNumber: k.number,
      teamId: k.teamId,
      dueOn: k.dueOn,
      people: [k.ownerId],
    })),
    ...referrals.map((r) => ({
      kind: 'referral' as const,
      id: r.id,
      // Whether the reader may follow a referral to its case is the referral page's business.
      caseId: r.caseId,
      caseNumber: null,
      teamId: null,
      dueOn: r.followUpDueOn,
      people: [r.providerUserId, r.madeBy],
    })),
  ];
}

const WORDS: Record<ReminderSubject, { en: string; es: string }> = {
  task: { en: 'A safety plan task', es: 'Una tarea del plan de seguridad' },
  checkin: { en: 'A monitoring check-in', es: 'Un seguimiento de monitoreo' },
  referral: { en: 'A referral to support services', es: 'Una remisión a servicios de apoyo' },
};

function mailOf(item: Due, link: string) {
  const w = WORDS[item.kind];
  const where = item.caseNumber ? ` (case ${item.caseNumber})` : '';
  const donde = item.caseNumber ? ` (caso ${item.caseNumber})` : '';
  const en =
    item.kind === 'referral'
      ? `${w.en} was due for follow-up on ${item.dueOn} and no follow-up is recorded yet.`
      : `${w.en}${where} was due on ${item.dueOn} and is not marked done.`;
  const es =
    item.kind === 'referral'
      ? `${w.es} debía tener seguimiento el ${item.dueOn} y todavía no se ha registrado.`
      : `${w.es}${donde} vencía el ${item.dueOn} y no está marcada como hecha.`;
  return {
    subject: `Overdue${where}: ${w.en.toLowerCase()} / Vencido${donde}: ${w.es.toLowerCase()}`,
    text: [
      en,
      'Record what was done in Forefront, or change the date with the team.',
      `Open it: ${link}`,
      '',
      '---',
      '',
      es,
      'Registre en Forefront lo que se hizo, o cambie la fecha con el equipo.',
      `Abrirlo: ${link}`,
    ].join('\n'),
  };
}

async function emailsOf(ctx: AppContext, districtId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('districtId', '=', districtId)
    .where('id', 'in', userIds)
    .where('disabled', '=', 0)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** One district's reminders as of `asOf` (the district's local date when absent). */
export async function sendThreatReminders(
  ctx: AppContext,
  districtId: string,
  asOf?: string,
): Promise<SentThreatReminder[]> {
  const district = await findDistrict(ctx.db, districtId);
  if (!district) return [];
  const today = asOf ?? localDate(new Date(), district.timeZone);
  const base = ctx.config.publicUrl.replace(/\/$/, '');
  const sent: SentThreatReminder[] = [];
  for (const item of await overdueItems(ctx.db, district.id, today)) {
    const claimed = await ctx.db
      .insertInto('threatReminders')
      .values({ id: newId(), districtId: district.id, subjectKind: item.kind, subjectId: item.id, sentOn: today })
      .onConflict((oc) => oc.columns(['subjectKind', 'subjectId']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    const people = item.people.filter((p): p is string => !!p);
    if (item.kind === 'checkin' && item.teamId) {
      const mh = await ctx.db
        .selectFrom('threatTeamMembers')
        .select('userId')
        .where('teamId', '=', item.teamId)
        .where('teamRole', '=', 'mental_health')
        .execute();
      people.push(...mh.map((m) => m.userId));
    }
    const to = await emailsOf(ctx, district.id, [...new Set(people)]);
    const link =
      item.kind === 'referral' ? `${base}/app/referrals/${item.id}` : `${base}/app/threat/cases/${item.caseId}`;
    const mail = mailOf(item, link);
    for (const address of to) await ctx.mailer.send({ to: address, districtId: district.id, ...mail });
    await ctx.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        { dialect: ctx.dialect, actor: null, districtId: district.id },
        {
          kind: 'threat_records.reminder_sent',
          subjectKind: item.kind,
          subjectId: item.id,
          caseId: item.caseId,
          recipients: to.length,
        },
      ),
    );
    sent.push({
      districtId: district.id,
      subjectKind: item.kind,
      subjectId: item.id,
      caseId: item.caseId,
      dueOn: item.dueOn,
      recipients: to.length,
    });
  }
  return sent;
}

/** Every district's reminders (the daily schedule and `forefront threat reminders`). */
export async function sendAllThreatReminders(ctx: AppContext, asOf?: string): Promise<SentThreatReminder[]> {
  const districts = await ctx.db.selectFrom('districts').select('id').orderBy('id').execute();
  const out: SentThreatReminder[] = [];
  for (const d of districts) out.push(...(await sendThreatReminders(ctx, d.id, asOf)));
  return out;
}
