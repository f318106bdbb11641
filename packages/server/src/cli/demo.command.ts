import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { type Config, loadConfig } from '../config.js';
import { DEMO_SEED } from '../modules/demo/demo.data.js';

/** The Forefront folder (the repository root), where `npm run demo` and `npm start` run. */
const FOREFRONT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The configuration of `demo` and `demo code`, the same for both: every command's, except that with
 * no FOREFRONT_DATA_DIR (and no DATABASE_URL) the data directory is the Forefront folder's `data`,
 * where `npm run demo` and `npm start` put it, wherever the command is run from. So `forefront demo
 * code` run from packages/server finds the database `npm run demo` loaded.
 */
export function demoConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env.FOREFRONT_DATA_DIR || env.DATABASE_URL) return loadConfig(env);
  return loadConfig({ ...env, FOREFRONT_DATA_DIR: join(FOREFRONT_ROOT, 'data') });
}

/** Where the demo lives, in words: the database URL's host, or the data directory. */
function whereOf(config: Config): string {
  if (config.database.dialect === 'sqlite') return `the data directory ${config.dataDir}`;
  const url = new URL(config.database.url);
  return `the PostgreSQL database ${url.pathname.slice(1)} on ${url.host}`;
}

const ROLE_LABELS: Record<string, string> = {
  district_admin: 'District administrator',
  school_admin: 'School administrator',
  sro: 'School resource officer',
  support_staff: 'Support staff',
  auditor: 'Independent auditor',
  state_viewer: 'State viewer',
};

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('The seed is a whole number, e.g. 20261127.');
  return n;
}

export function registerDemoCommand(program: Command) {
  const demo = program
    .command('demo')
    .description('Load a deterministic synthetic district with people in every role, and print how to sign in as each')
    .option('--json', 'print the districts, their schools and the accounts as JSON')
    .option('--force', 'load the demo even into a database that holds a real (non-demo) district')
    .option(
      '--seed <n>',
      'seed for the synthetic data (the same seed always gives the same districts, ids and accounts)',
      parseSeed,
      DEMO_SEED,
    )
    .action(async (opts: { json?: boolean; seed: number; force?: boolean }) => {
      const { withContext } = await import('./context.js');
      const { loadDemo } = await import('../modules/demo/demo.service.js');
      const config = demoConfig();
      await withContext(async (ctx) => {
        const r = await loadDemo(ctx, opts.seed, { force: opts.force === true });
        if (opts.json) return console.log(JSON.stringify(r, null, 2));
        console.log(
          `${r.alreadyLoaded ? 'The demo district is already loaded' : 'Loaded the demo district'} in ${whereOf(config)}.`,
        );
        console.log(`\nOpen ${ctx.config.publicUrl}/sign-in and use password "${r.password}" with any of:\n`);
        for (const a of r.accounts)
          console.log(`  ${(ROLE_LABELS[a.role] ?? a.role).padEnd(26)} ${a.email.padEnd(38)} ${a.profession ?? ''}`);
        if (config.database.dialect === 'sqlite' && !process.env.FOREFRONT_DATA_DIR)
          console.log(`\nServe it with \`npm start\` in ${FOREFRONT_ROOT.replace(/\/$/, '')}.`);
        console.log('\nEvery role that can see student data uses two-step verification. Get the current code with:');
        console.log(
          "  npx forefront demo code <email>    (or add the account's secret from `npx forefront demo --json` to an authenticator app)\n",
        );
      }, config);
    });
  demo
    .command('code <email>')
    .description('Print the current two-step verification code of a demo account')
    .action(async (email: string) => {
      const { withContext } = await import('./context.js');
      const { currentTotp } = await import('../modules/auth/totp.js');
      const { openTotpSecret } = await import('../modules/auth/totp.secret.js');
      const config = demoConfig();
      await withContext(async (ctx) => {
        const u = await ctx.db
          .selectFrom('users')
          .select(['id', 'mfaSecret'])
          .where('email', '=', email.toLowerCase())
          .where('email', 'like', '%@demo.forefront.test')
          .executeTakeFirst();
        if (!u)
          throw new Error(
            `${email} is not a demo account in ${whereOf(config)} (load the demo there with \`npx forefront demo\`)`,
          );
        if (!u.mfaSecret) throw new Error(`${email} does not use two-step verification`);
        console.log(currentTotp(openTotpSecret(ctx.config, u.id, u.mfaSecret)));
      }, config);
    });
}
