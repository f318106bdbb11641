import type { Command } from 'commander';

// Commands import what they run inside their action (here and in every src/cli/ file), so
// `forefront --help` starts in a fraction of a second instead of loading the whole server.

export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description('Walk every hash chain; name the first broken link and exit 1 when the trail was altered')
    .option('--json', 'print the result as JSON')
    .option('--chain <chain>', 'verify one chain only (a district id, or "system")')
    .action(async (opts: { json?: boolean; chain?: string }) => {
      const { withContext } = await import('./context.js');
      const { verifyChains } = await import('../modules/audit/audit.service.js');
      const { findHead } = await import('../modules/audit/audit.repository.js');
      await withContext(async (ctx) => {
        const result = await verifyChains(ctx.db, opts.chain ? [opts.chain] : undefined);
        if (opts.json) console.log(JSON.stringify(result));
        else if (result.ok) console.log(`Audit trail intact: ${result.checked} events verified.`);
        else {
          const b = result.firstBroken!;
          console.error(
            `Audit trail BROKEN at chain ${b.chain}, event #${b.seq}: ${b.reason}. (${result.checked} events verified before it.)`,
          );
        }
        if (!result.ok) process.exitCode = 1;
        if (opts.chain && !opts.json) {
          const head = await findHead(ctx.db, opts.chain);
          // Record this head outside Forefront: it anchors the chain against wholesale rewriting.
          if (head) console.log(`Head of ${opts.chain}: #${head.seq} ${head.hash}`);
        }
      });
    });
}
