import type { Command } from 'commander';

export function registerSetupCommands(program: Command) {
  program
    .command('migrate')
    .description('Apply database migrations (SQLite, or PostgreSQL when DATABASE_URL is set)')
    .action(async () => {
      const { withContext } = await import('./context.js');
      await withContext(() => Promise.resolve(console.log('Database is up to date.')));
    });
  program
    .command('setup')
    .description('Print a one-time link to create the first district and its administrator')
    .action(async () => {
      const { withContext } = await import('./context.js');
      const { isSetupNeeded, issueSetupLink } = await import('../modules/setup/setup.service.js');
      await withContext(async (ctx) => {
        if (!(await isSetupNeeded(ctx))) {
          console.log('Forefront is already set up: a district exists. Sign in as its administrator to add people.');
          return;
        }
        const link = await issueSetupLink(ctx);
        console.log(`Open this one-time link to create the first district and its administrator:\n\n  ${link}\n`);
      });
    });
}
