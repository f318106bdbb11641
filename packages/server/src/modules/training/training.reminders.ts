import { REMINDER_DAYS_BEFORE, addDays, explainRule, localDate } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/district.repository.js';
import { complianceOf } from './compliance.compute.js';
import { credentialTypesOf } from './training.catalog.repository.js';
import { findStandard } from './training.standard.repository.js';

/**
 * Issue 14 item 3: a mail 60 and 30 days before an officer's training lapses (a met rule's
 * `lapsesOn`) or falls due (an unmet rule's deadline), to the officer and the district's training
 * coordinators (its administrators when it has none). A lapse on D: the 60-day mail is due from
 * D-60, the 30-day one from D-30; only the nearest threshold is sent (a server that was down
 * for the 60-day one does not send both). The claim on training_reminders (unique per officer,
 * rule, date and threshold) comes first, so reruns and two servers send each once. Users have no
 * language preference, so the body is in English then Spanish.
 */
export interface SentTrainingReminder {
  districtId: string;
  officerId: string;
  ruleKey: string;
  lapsesOn: string;
  daysBefore: number;
  recipients: number;
}

const DAY_MS = 86_400_000;
const daysUntil = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The threshold a date `days` away falls in: 30 within 30 days, 60 within 60, none otherwise. */
export function thresholdFor(days: number): number | null {
  const sorted = [...REMINDER_DAYS_BEFORE].sort((a, b) => a - b);
  if (days <= 0) return null;
  return sorted.find((t) => days <= t) ?? null;
}

async function coordinatorsOf(ctx: AppContext, districtId: string) {
  const people = (role: string) =>
    ctx.db
      .selectFrom('users')
      .select(['id', 'email', 'displayName'])
      .where('districtId', '=', districtId)
      .where('role', '=', role)
      .where('disabled', '=', 0)
      .orderBy('email')
      .execute();
  const coordinators = await people('training_coordinator');
  return coordinators.length > 0 ? coordinators : people('district_admin');
}

/** The rule in plain words, in each language: what the officer has to keep up. */
type RuleWords = Record<'en' | 'es', string>;

function body(name: string, rule: RuleWords, lapsesOn: string, days: number, due: boolean, link: string) {
  return [
    due
      ? `${name}'s training is due on ${lapsesOn} (in ${days} days).`
      : `${name}'s training lapses on ${lapsesOn} (in ${days} days): after that day it no longer counts.`,
    `The requirement: ${rule.en}`,
    'Plan the training now so the officer stays compliant, and record it in Forefront once completed.',
    `Open the officer: ${link}`,
    '',
    '---',
    '',
    due
      ? `La capacitación de ${name} debe completarse el ${lapsesOn} (en ${days} días).`
      : `La capacitación de ${name} caduca el ${lapsesOn} (en ${days} días): después de ese día ya no cuenta.`,
    `El requisito: ${rule.es}`,
    'Planifique la capacitación ahora para que el oficial siga cumpliendo, y regístrela en Forefront cuando la complete.',
    `Abrir el oficial: ${link}`,
  ].join('\n');
}

/** Each rule of the district's standard in plain words (contract training-explain.ts). */
async function ruleWordsOf(ctx: AppContext, districtId: string): Promise<Map<string, RuleWords>> {
  const [standard, types] = await Promise.all([
    findStandard(ctx.db, districtId),
    credentialTypesOf(ctx.db, districtId),
  ]);
  const name = (lang: 'en' | 'es') => (key: string) => {
    const type = types.find((c) => c.key === key);
    return type ? (lang === 'en' ? type.nameEn : type.nameEs) : key;
  };
  return new Map(
    standard.rules.map((r) => [r.key, { en: explainRule(r, 'en', name('en')), es: explainRule(r, 'es', name('es')) }]),
  );
}

/** One district's reminders as of `asOf` (the district's local date when absent). */
export async function sendTrainingReminders(
  ctx: AppContext,
  districtId: string,
  asOf?: string,
): Promise<SentTrainingReminder[]> {
  const district = await findDistrict(ctx.db, districtId);
  if (!district) return [];
  const today = asOf ?? localDate(new Date(), district.timeZone);
  const officers = (
    await complianceOf(ctx.db, district.id, { asOf: today, yearStart: district.schoolYearStart })
  ).filter((o) => o.officerStatus === 'active');
  const emails = new Map(
    (await ctx.db.selectFrom('officers').select(['id', 'email']).where('districtId', '=', district.id).execute()).map(
      (o) => [o.id, o.email],
    ),
  );
  const sent: SentTrainingReminder[] = [];
  let coordinators: Awaited<ReturnType<typeof coordinatorsOf>> | null = null;
  let words: Map<string, RuleWords> | null = null;
  for (const o of officers) {
    for (const rule of o.result.rules) {
      const date = rule.met ? rule.lapsesOn : rule.dueOn;
      if (date === null || date <= today) continue;
      const days = daysUntil(today, date);
      const threshold = thresholdFor(days);
      if (threshold === null || addDays(date, -threshold) > today) continue;
      const claimed = await ctx.db
        .insertInto('trainingReminders')
        .values({
          id: newId(),
          districtId: district.id,
          officerId: o.officerId,
          ruleKey: rule.rule,
          lapsesOn: date,
          daysBefore: threshold,
          sentAt: nowIso(),
        })
        .onConflict((oc) => oc.columns(['officerId', 'ruleKey', 'lapsesOn', 'daysBefore']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      coordinators ??= await coordinatorsOf(ctx, district.id);
      const to = [emails.get(o.officerId), ...coordinators.map((c) => c.email)].filter((e): e is string => !!e);
      const link = `${ctx.config.publicUrl.replace(/\/$/, '')}/app/officers/${o.officerId}`;
      const subject = rule.met
        ? `Training lapses in ${days} days: ${o.name} / La capacitación caduca en ${days} días`
        : `Training due in ${days} days: ${o.name} / Capacitación pendiente en ${days} días`;
      words ??= await ruleWordsOf(ctx, district.id);
      const rulesWords = words.get(rule.rule) ?? { en: rule.rule, es: rule.rule };
      const text = body(o.name, rulesWords, date, days, !rule.met, link);
      for (const address of new Set(to)) await ctx.mailer.send({ to: address, districtId: district.id, subject, text });
      await ctx.db.transaction().execute((trx) =>
        appendAudit(
          trx,
          { dialect: ctx.dialect, actor: null, districtId: district.id },
          {
            kind: 'training.reminder_sent',
            officerId: o.officerId,
            ruleKey: rule.rule,
            lapsesOn: date,
            daysBefore: threshold,
            recipients: new Set(to).size,
          },
        ),
      );
      sent.push({
        districtId: district.id,
        officerId: o.officerId,
        ruleKey: rule.rule,
        lapsesOn: date,
        daysBefore: threshold,
        recipients: new Set(to).size,
      });
    }
  }
  return sent;
}

/** Every district's reminders (the daily schedule and `forefront training reminders`). */
export async function sendAllTrainingReminders(ctx: AppContext, asOf?: string): Promise<SentTrainingReminder[]> {
  const districts = await ctx.db.selectFrom('districts').select('id').orderBy('id').execute();
  const out: SentTrainingReminder[] = [];
  for (const d of districts) out.push(...(await sendTrainingReminders(ctx, d.id, asOf)));
  return out;
}
