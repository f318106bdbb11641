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
    .option('--anchor <file>', 'also check the heads recorded in a signed anchor (`forefront audit anchor`)')
    .action(async (opts: { json?: boolean; chain?: string; anchor?: string }) => {
      const { withContext } = await import('./context.js');
      const { verifyTrail } = await import('../modules/audit/audit.service.js');
      const { readAnchorFile } = await import('../modules/audit/audit.anchor.file.js');
      const { AnchorError } = await import('../modules/audit/audit.anchor.js');
      const { findHead } = await import('../modules/audit/audit.repository.js');
      await withContext(async (ctx) => {
        let anchor;
        try {
          anchor = opts.anchor ? readAnchorFile(ctx, opts.anchor) : undefined;
        } catch (err) {
          if (!(err instanceof AnchorError)) throw err;
          // Exit 2, not 1: nothing was checked, so nothing can be said about the trail.
          console.error(`forefront: ${err.message}`);
          process.exitCode = 2;
          return;
        }
        const result = await verifyTrail(ctx, { chains: opts.chain ? [opts.chain] : undefined, anchor });
        const against = anchor ? ` and against the anchor of ${anchor.createdAt} (${anchor.heads.length} chains)` : '';
        if (opts.json) console.log(JSON.stringify(result));
        else if (result.ok) console.log(`Audit trail intact: ${result.checked} events verified${against}.`);
        else {
          const b = result.firstBroken!;
          console.error(
            `Audit trail BROKEN at chain ${b.chain}, event #${b.seq}: ${b.reason}. (${result.checked} events verified before it.)`,
          );
        }
        if (!result.ok) process.exitCode = 1;
        if (opts.chain && !opts.json) {
          const head = await findHead(ctx.db, opts.chain);
          // `forefront audit anchor` records every head, signed; this prints one for a quick look.
          if (head) console.log(`Head of ${opts.chain}: #${head.seq} ${head.hash}`);
        }
      });
    });
  audit
    .command('anchor')
    .description(
      'Write the head of every chain to a new file, signed with the audit anchor key kept outside the database',
    )
    .requiredOption('--out <file>', 'the anchor file to create (it must not exist); keep it off this machine')
    .action(async (opts: { out: string }) => {
      const path = await import('node:path');
      const { withContext } = await import('./context.js');
      const { makeAnchor } = await import('../modules/audit/audit.service.js');
      const { writeAnchorFile } = await import('../modules/audit/audit.anchor.file.js');
      await withContext(async (ctx) => {
        const anchor = await makeAnchor(ctx);
        const file = path.resolve(opts.out);
        try {
          writeAnchorFile(file, anchor);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST')
            throw new Error(`${file} already exists; an anchor is never overwritten, choose a new file name`, {
              cause: err,
            });
          throw err;
        }
        const events = anchor.heads.reduce((n, h) => n + h.count, 0);
        console.log(`Anchored ${anchor.heads.length} chains (${events} events) in ${file}`);
      });
    });
}
