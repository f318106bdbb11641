import pino from 'pino';
import { type Config, loadConfig } from '../config.js';
import { type DbHandle, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { sealPlainTotpSecrets } from '../modules/auth/totp.secret.js';
import { createMailer } from '../modules/mail/mailer.js';
import type { AppContext } from '../shared/context.js';

/** Open the configured database (migrated) for a CLI command, and close it when done. */
export async function withContext<T>(
  fn: (ctx: AppContext, handle: DbHandle) => Promise<T>,
  config: Config = loadConfig(),
): Promise<T> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
    await sealPlainTotpSecrets(handle.db, config);
    const log = pino({ level: 'warn' });
    const ctx: AppContext = {
      db: handle.db,
      dialect: handle.dialect,
      sqlite: handle.sqlite,
      config,
      log,
      mailer: createMailer(config, handle.db, log),
    };
    try {
      return await fn(ctx, handle);
    } finally {
      ctx.mailer.close();
    }
  } finally {
    await handle.close();
  }
}
