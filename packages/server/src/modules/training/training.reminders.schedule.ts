import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { type DailyOptions, scheduleDaily } from '../../shared/daily.js';
import { sendAllTrainingReminders } from './training.reminders.js';

/**
 * The training reminders once shortly after the server starts and then daily, as the MOU reviews:
 * no person starts them; the unique claims make a rerun or a second server harmless.
 */
export function scheduleTrainingReminders(app: FastifyInstance, ctx: AppContext, opts: DailyOptions = {}) {
  scheduleDaily(app, ctx, 'training reminders', () => sendAllTrainingReminders(ctx), {
    ...opts,
    defaultFirstRunMs: 90_000,
  });
}
