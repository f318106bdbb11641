import type { FastifyInstance } from 'fastify';
import type { MouReminderKind } from '@forefront/contract';
import { nowIso } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { type DailyOptions, scheduleDaily } from '../../shared/daily.js';
import { newId } from '../../shared/ids.js';
import { findDistrict } from '../districts/district.repository.js';
import * as repo from './mou.repository.js';
import { daysBetween, reminderKind, todayIso } from './mou.status.js';
import { loadBundles } from './mou.view.js';

export interface SentReminder {
  districtId: string;
  mouId: string;
  version: number;
  kind: MouReminderKind;
  reviewDate: string;
  recipients: number;
}

const SUBJECT: Record<MouReminderKind, string> = {
  review_due_60: 'MOU annual review due within 60 days',
  review_due_30: 'MOU annual review due within 30 days',
  review_overdue: 'MOU annual review is overdue',
};

/**
 * The annual review reminder: for every MOU version in force whose review date is within 60 or
 * 30 days, or past, mail the district's administrators, once per version and kind. The claim on
 * mou_reminders (unique per version and kind) comes first, so two servers running this at once,
 * or a rerun the same day, send each reminder only once.
 */
export async function sendDueReminders(ctx: AppContext, today = todayIso()): Promise<SentReminder[]> {
  const bundles = await loadBundles(ctx.db, await repo.findAllMous(ctx.db), today);
  const sent: SentReminder[] = [];
  for (const b of bundles) {
    const v = b.standing.inForce;
    const kind = v && reminderKind(v.reviewDate, today);
    if (!v || !kind) continue;
    const claimed = await repo.claimReminder(ctx.db, {
      id: newId(),
      districtId: b.mou.districtId,
      mouVersionId: v.id,
      kind,
      dueDate: v.reviewDate,
      sentAt: nowIso(),
    });
    if (!claimed) continue;
    const district = await findDistrict(ctx.db, b.mou.districtId);
    const admins = await repo.findDistrictAdmins(ctx.db, b.mou.districtId);
    const days = daysBetween(today, v.reviewDate);
    const when =
      days < 0 ? `was due on ${v.reviewDate} (${-days} days ago)` : `is due on ${v.reviewDate} (in ${days} days)`;
    const link = `${ctx.config.publicUrl.replace(/\/$/, '')}/app/mous/${b.mou.id}`;
    for (const admin of admins) {
      await ctx.mailer.send({
        to: admin.email,
        districtId: b.mou.districtId,
        subject: `${SUBJECT[kind]}: ${b.mou.title}`,
        text: [
          `Hello ${admin.displayName},`,
          '',
          `The annual review of "${b.mou.title}" (version ${v.version}) between ${district?.name ?? 'your district'} and ${b.mou.agencyName} ${when}.`,
          'Review the agreement and its data with your law-enforcement partner, then write and sign a new version (or confirm this one with a new review date).',
          '',
          `Open the MOU: ${link}`,
        ].join('\n'),
      });
    }
    sent.push({
      districtId: b.mou.districtId,
      mouId: b.mou.id,
      version: v.version,
      kind,
      reviewDate: v.reviewDate,
      recipients: admins.length,
    });
  }
  return sent;
}

/** The MOU review reminders once shortly after the server starts, then daily. */
export function scheduleMouReminders(app: FastifyInstance, ctx: AppContext, opts: DailyOptions = {}) {
  scheduleDaily(app, ctx, 'MOU review reminders', () => sendDueReminders(ctx), { ...opts, defaultFirstRunMs: 60_000 });
}
