import type { Command } from 'commander';

export function registerThreatCommands(program: Command) {
  const threat = program.command('threat').description('Threat assessment cases and referrals (issue 15)');
  threat
    .command('reminders')
    .description(
      'Mail the owners of overdue safety-plan tasks and check-ins, and the people waiting on referrals ' +
        'past their follow-up date (each item once; `serve` also runs this daily)',
    )
    .option('--as-of <YYYY-MM-DD>', 'act as if today were this date in every district (to check ahead)')
    .option('--json', 'print the reminders sent as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      const { TrainingRemindersInputSchema } = await import('@forefront/contract');
      if (!TrainingRemindersInputSchema.safeParse({ asOf: opts.asOf }).success) {
        console.error('forefront: --as-of must be a real date like 2026-08-15');
        process.exitCode = 2;
        return;
      }
      const { withContext } = await import('./context.js');
      const { sendAllThreatReminders } = await import('../modules/threats/threat.reminders.js');
      await withContext(async (ctx) => {
        const sent = await sendAllThreatReminders(ctx, opts.asOf);
        if (opts.json) console.log(JSON.stringify({ sent }));
        else if (sent.length === 0) console.log('No threat assessment reminders due.');
        else
          for (const s of sent)
            console.log(
              `Sent the reminder for the overdue ${s.subjectKind} ${s.subjectId} (due ${s.dueOn}) to ${s.recipients} recipient(s).`,
            );
      });
    });
}
