import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { type DailyOptions, scheduleDaily } from '../../shared/daily.js';
import { sendAllThreatReminders } from './threat.reminders.js';

/**
 * Overdue safety-plan tasks, check-ins and referral follow-ups, once shortly after the server
 * starts and then daily, as the training reminders: the unique claims make a rerun harmless.
 */
export function scheduleThreatReminders(app: FastifyInstance, ctx: AppContext, opts: DailyOptions = {}) {
  scheduleDaily(app, ctx, 'threat assessment reminders', () => sendAllThreatReminders(ctx), {
    ...opts,
    defaultFirstRunMs: 120_000,
  });
}
