import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { sendAllTrainingReminders } from './training.reminders.js';

const DAY_MS = 86_400_000;

/**
 * The training reminders once shortly after the server starts and then daily, as the MOU reviews
 * (mou.reminders.ts): no person starts them; the unique claims make a rerun or a second server harmless.
 */
export function scheduleTrainingReminders(
  app: FastifyInstance,
  ctx: AppContext,
  opts: { firstRunMs?: number; everyMs?: number } = {},
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const run = () => {
    running = sendAllTrainingReminders(ctx)
      .then((sent) => sent.length && ctx.log.info({ count: sent.length }, 'training reminders sent'))
      .catch((err: Error) => ctx.log.error({ err: { message: err.message } }, 'training reminders failed'))
      .finally(() => (running = null));
  };
  app.addHook('onReady', (done) => {
    timer = setTimeout(function tick() {
      run();
      timer = setTimeout(tick, opts.everyMs ?? DAY_MS);
      timer.unref();
    }, opts.firstRunMs ?? 90_000);
    timer.unref();
    done();
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
  });
}
