import type { Command } from 'commander';

// Imports happen inside the action so `forefront --help` stays fast (see audit.command.ts).

/** A one-line progress bar on stderr: percent of all files read, schools and schools per second. */
function progressBar() {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let last = 0;
  return (p: { file: string; rows: number; bytes: number; totalBytes: number }, final = false) => {
    const now = Date.now();
    if (!final && now - last < 250) return;
    last = now;
    const pct = p.totalBytes > 0 ? Math.min(100, (p.bytes / p.totalBytes) * 100) : 100;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const rate = Math.round(p.rows / Math.max(0.001, (now - started) / 1000));
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct.toFixed(1).padStart(5)}%  ${p.rows.toLocaleString('en-US')} schools  ${rate.toLocaleString('en-US')}/s  ${p.file}`;
    if (tty) process.stderr.write(`\r${line.padEnd(100)}${final ? '\n' : ''}`);
    else if (final) process.stderr.write(`${line}\n`);
  };
}

export function registerCrdcCommands(program: Command) {
  const crdc = program
    .command('crdc')
    .description('Federal benchmark data: the Civil Rights Data Collection (docs/crdc.md)');
  crdc
    .command('import')
    .description(
      'Import CRDC school-level public-use CSV files (idempotent: a rerun replaces the same year and school)',
    )
    .argument('<files...>', 'CSV files, e.g. ../shared/data/crdc-2020-21/*.csv')
    .option('--year <year>', 'collection year, e.g. 2020-21 (default: from the file name)')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts: { year?: string; json?: boolean }) => {
      const { withContext } = await import('./context.js');
      const { importCrdcFiles } = await import('../modules/crdc/crdc.import.js');
      const bar = progressBar();
      let lastProgress = { file: '', rows: 0, bytes: 0, totalBytes: 0 };
      const reports = await withContext((ctx) =>
        importCrdcFiles(ctx.db, files, {
          ...(opts.year && { year: opts.year }),
          onProgress: (p) => bar((lastProgress = p)),
        }),
      );
      bar(lastProgress, true);
      if (opts.json) console.log(JSON.stringify({ files: reports }));
      else
        for (const r of reports)
          console.log(
            `${r.file}: ${r.rows} schools (${r.states.join(', ')}, ${r.year}), ${r.linked} linked to a district's own school`,
          );
    });
  crdc
    .command('summary')
    .description(
      'State totals from imported CRDC data: schools, enrollment, sworn officers, counselors, referrals, arrests',
    )
    .requiredOption('--state <XX>', 'two-letter state code')
    .requiredOption('--year <year>', 'collection year, e.g. 2020-21')
    .option('--json', 'print one JSON object')
    .action(async (opts: { state: string; year: string; json?: boolean }) => {
      const { withContext } = await import('./context.js');
      const { readStateSummary } = await import('../modules/crdc/crdc.service.js');
      const summary = await withContext((ctx) => readStateSummary(ctx, opts.state, opts.year));
      if (opts.json) console.log(JSON.stringify(summary));
      else
        for (const [k, v] of Object.entries(summary))
          console.log(`${k.padEnd(28)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    });
}
