import type { Command } from 'commander';

export function registerMouCommands(program: Command) {
  const mou = program.command('mou').description('Memoranda of understanding (MOUs) with law-enforcement agencies');
  mou
    .command('reminders')
    .description(
      'Mail district administrators about MOUs in force whose annual review is due within 60 or 30 days, or overdue (each reminder once; `serve` also runs this daily)',
    )
    .option('--date <YYYY-MM-DD>', 'act as if today were this date (to check ahead)')
    .option('--json', 'print the reminders sent as JSON')
    .action(async (opts: { date?: string; json?: boolean }) => {
      if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
        console.error('forefront: --date must look like 2026-08-15');
        process.exitCode = 2;
        return;
      }
      const { withContext } = await import('./context.js');
      const { sendDueReminders } = await import('../modules/mous/mou.reminders.js');
      await withContext(async (ctx) => {
        const sent = await sendDueReminders(ctx, opts.date);
        if (opts.json) console.log(JSON.stringify({ sent }));
        else if (sent.length === 0) console.log('No MOU review reminders due.');
        else
          for (const s of sent)
            console.log(
              `Sent ${s.kind} for MOU ${s.mouId} version ${s.version} (review ${s.reviewDate}) to ${s.recipients} administrator(s).`,
            );
      });
    });
}
