import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';

const DAY_MS = 86_400_000;

export interface DailyOptions {
  /** How long after the server is ready the first run starts. */
  firstRunMs?: number;
  everyMs?: number;
}

/**
 * Work no person starts (reminders): once shortly after the server starts, then daily. The timer is
 * cleared when the app closes, so shutdown never waits for the next run, but a run already under way
 * finishes before the database is closed. A failure is logged and tried again the next day.
 */
export function scheduleDaily(
  app: FastifyInstance,
  ctx: AppContext,
  what: string,
  task: () => Promise<readonly unknown[]>,
  opts: DailyOptions & { defaultFirstRunMs: number },
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const run = () => {
    running = task()
      .then((sent) => sent.length && ctx.log.info({ count: sent.length }, `${what} sent`))
      .catch((err: Error) => ctx.log.error({ err: { message: err.message } }, `${what} failed`))
      .finally(() => (running = null));
  };
  app.addHook('onReady', (done) => {
    timer = setTimeout(function tick() {
      run();
      timer = setTimeout(tick, opts.everyMs ?? DAY_MS);
      timer.unref();
    }, opts.firstRunMs ?? opts.defaultFirstRunMs);
    timer.unref();
    done();
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
  });
}
