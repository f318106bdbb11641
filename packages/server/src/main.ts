import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { isSetupNeeded, issueSetupLink } from './modules/setup/setup.service.js';

/** Process entry: config, database, migrations, app, listen; graceful shutdown on SIGTERM/SIGINT. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const { app, ctx } = await buildApp(config, handle);
  await app.listen({ port: config.port, host: config.host });
  if (await isSetupNeeded(ctx)) {
    const link = await issueSetupLink(ctx);
    console.log(`\nForefront has no district yet. Open this one-time link to create the first district and its administrator:\n\n  ${link}\n\n(Or load a demo district: npx forefront demo)\n`);
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // close() stops accepting connections and waits for in-flight requests, so every write that
    // was acknowledged has committed (synchronous=FULL) before the database is closed.
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
