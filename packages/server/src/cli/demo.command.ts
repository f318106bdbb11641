import type { Command } from 'commander';
import { currentTotp } from '../modules/auth/totp.js';
import { DEMO_SEED, loadDemo } from '../modules/demo/demo.service.js';
import { withContext } from './context.js';

const ROLE_LABELS: Record<string, string> = {
  district_admin: 'District administrator',
  school_admin: 'School administrator',
  sro: 'School resource officer',
  support_staff: 'Support staff',
  auditor: 'Independent auditor',
  state_viewer: 'State viewer',
};

export function registerDemoCommand(program: Command) {
  const demo = program
    .command('demo')
    .description('Load a deterministic synthetic district with people in every role, and print how to sign in as each')
    .option('--json', 'print the district id and the accounts as JSON')
    .option('--seed <n>', 'seed for the synthetic data', String(DEMO_SEED))
    .action((opts: { json?: boolean; seed: string }) =>
      withContext(async (ctx) => {
        const r = await loadDemo(ctx, Number(opts.seed));
        if (opts.json) return console.log(JSON.stringify(r, null, 2));
        console.log(r.alreadyLoaded ? 'The demo district is already loaded.' : 'Loaded the demo district.');
        console.log(`\nOpen ${ctx.config.publicUrl}/sign-in and use password "${r.password}" with any of:\n`);
        for (const a of r.accounts) console.log(`  ${(ROLE_LABELS[a.role] ?? a.role).padEnd(26)} ${a.email.padEnd(38)} ${a.profession ?? ''}`);
        console.log('\nEvery role that can see student data uses two-step verification. Get the current code with:');
        console.log('  npx forefront demo code <email>    (or add the account\'s secret from `npx forefront demo --json` to an authenticator app)\n');
      }),
    );
  demo
    .command('code <email>')
    .description('Print the current two-step verification code of a demo account')
    .action((email: string) =>
      withContext(async (ctx) => {
        const u = await ctx.db.selectFrom('users').select(['mfaSecret']).where('email', '=', email.toLowerCase()).where('email', 'like', '%@demo.forefront.test').executeTakeFirst();
        if (!u) throw new Error(`${email} is not a demo account`);
        if (!u.mfaSecret) throw new Error(`${email} does not use two-step verification`);
        console.log(currentTotp(u.mfaSecret));
      }),
    );
}
