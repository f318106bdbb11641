import type { Command } from 'commander';

export function registerTrainingCommands(program: Command) {
  const training = program.command('training').description("Officers' training (issue 14)");
  training
    .command('reminders')
    .description(
      'Mail officers and training coordinators about training that lapses or falls due within 60 or 30 days (each reminder once; `serve` also runs this daily)',
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
      const { sendAllTrainingReminders } = await import('../modules/training/training.reminders.js');
      await withContext(async (ctx) => {
        const sent = await sendAllTrainingReminders(ctx, opts.asOf);
        if (opts.json) console.log(JSON.stringify({ sent }));
        else if (sent.length === 0) console.log('No training reminders due.');
        else
          for (const s of sent)
            console.log(
              `Sent the ${s.daysBefore}-day reminder for officer ${s.officerId} (rule ${s.ruleKey}, ${s.lapsesOn}) to ${s.recipients} recipient(s).`,
            );
      });
    });
}
