import { type Command, InvalidArgumentError } from 'commander';
import { DEMO_SEED } from '../modules/demo/demo.data.js';

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
    .option(
      '--seed <n>',
      'seed for the synthetic data (the same seed always gives the same districts, ids and accounts)',
      parseSeed,
      DEMO_SEED,
    )
    .action(async (opts: { json?: boolean; seed: number }) => {
      const { withContext } = await import('./context.js');
      const { loadDemo } = await import('../modules/demo/demo.service.js');
      await withContext(async (ctx) => {
        const r = await loadDemo(ctx, opts.seed);
        if (opts.json) return console.log(JSON.stringify(r, null, 2));
        console.log(r.alreadyLoaded ? 'The demo district is already loaded.' : 'Loaded the demo district.');
        console.log(`\nOpen ${ctx.config.publicUrl}/sign-in and use password "${r.password}" with any of:\n`);
        for (const a of r.accounts)
          console.log(`  ${(ROLE_LABELS[a.role] ?? a.role).padEnd(26)} ${a.email.padEnd(38)} ${a.profession ?? ''}`);
        console.log('\nEvery role that can see student data uses two-step verification. Get the current code with:');
        console.log(
          "  npx forefront demo code <email>    (or add the account's secret from `npx forefront demo --json` to an authenticator app)\n",
        );
      });
    });
  demo
    .command('code <email>')
    .description('Print the current two-step verification code of a demo account')
    .action(async (email: string) => {
      const { withContext } = await import('./context.js');
      const { currentTotp } = await import('../modules/auth/totp.js');
      const { openTotpSecret } = await import('../modules/auth/totp.secret.js');
      await withContext(async (ctx) => {
        const u = await ctx.db
          .selectFrom('users')
          .select(['id', 'mfaSecret'])
          .where('email', '=', email.toLowerCase())
          .where('email', 'like', '%@demo.forefront.test')
          .executeTakeFirst();
        if (!u) throw new Error(`${email} is not a demo account`);
        if (!u.mfaSecret) throw new Error(`${email} does not use two-step verification`);
        console.log(currentTotp(openTotpSecret(ctx.config, u.id, u.mfaSecret)));
      });
    });
}
