import { basename } from 'node:path';
import type { Command } from 'commander';

// Imports happen inside the action so `forefront --help` stays fast (see audit.command.ts).

/** A one-line progress bar on stderr: percent of the file read, rows and rows per second. */
function progressBar(total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update({ rows, bytes }: { rows: number; bytes: number }, final = false) {
      const now = Date.now();
      if (!final && now - last < 250) return;
      last = now;
      const pct = total > 0 ? Math.min(100, (bytes / total) * 100) : 100;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const rate = Math.round(rows / Math.max(0.001, (now - started) / 1000));
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct.toFixed(1).padStart(5)}%  ${rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`;
      if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
      else if (final) process.stderr.write(`${line}\n`);
    },
  };
}

export function registerImportCommands(program: Command) {
  const imp = program
    .command('import')
    .description('Bulk imports into a district (one transaction per file: all or nothing)');
  imp
    .command('incidents')
    .description(
      'Import incidents from a CSV file (docs/incident-csv.md); a file with any invalid row is rejected whole, with a report per row',
    )
    .requiredOption('--district <id>', 'the district to import into')
    .requiredOption('--file <csv>', 'the CSV file')
    .option('--as <email>', "the user recorded as creator (default: the district's first district administrator)")
    .option('--json', 'print the report as JSON')
    .action(async (opts: { district: string; file: string; as?: string; json?: boolean }) => {
      const { createReadStream, statSync } = await import('node:fs');
      const { withContext } = await import('./context.js');
      const { importIncidentsCli } = await import('../modules/incident-import/import.service.js');
      let size: number;
      try {
        size = statSync(opts.file).size;
      } catch {
        throw new Error(`cannot read ${opts.file}`);
      }
      const bar = progressBar(size);
      const report = await withContext((ctx) =>
        importIncidentsCli(ctx, opts.district, opts.as, {
          stream: createReadStream(opts.file),
          file: basename(opts.file),
          onProgress: (p) => bar.update(p),
        }),
      );
      bar.update({ rows: report.rows, bytes: size }, true);
      if (opts.json) console.log(JSON.stringify(report));
      else if (report.accepted)
        console.log(
          `Imported ${report.incidents} incidents (${report.rows} rows, ${report.flags} role-clarity flags): ${report.numbers?.first} to ${report.numbers?.last}.`,
        );
      else {
        console.error(`Rejected: ${report.errorCount} problem(s); nothing was imported.`);
        for (const e of report.errors) console.error(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
        if (report.errorCount > report.errors.length)
          console.error(`  ... and ${report.errorCount - report.errors.length} more`);
      }
      if (!report.accepted) process.exitCode = 1;
    });
}
