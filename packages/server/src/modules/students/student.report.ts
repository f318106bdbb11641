import type { StudentImportReport } from '@forefront/contract';
import type { Progress } from './student.oneroster.js';

/**
 * The CLI's progress indicator: one line on stderr, rewritten in place on a terminal and
 * printed per file otherwise (so a log file shows progress without control characters).
 */
export function progressLine(out: NodeJS.WriteStream): { update: Progress; done(): void } {
  const tty = out.isTTY === true;
  let file = '';
  let line = '';
  return {
    update: (f, rows) => {
      if (!tty && file && f !== file) out.write(`${line}\n`);
      file = f;
      line = `Reading ${f}: ${rows.toLocaleString('en-US')} rows`;
      if (tty) out.write(`\r${line}\x1b[K`);
    },
    done: () => {
      if (line) out.write(tty ? '\n' : `${line}\n`);
    },
  };
}

/** A readable report: the counts, or every invalid value with its file, row, column and reason. */
export function formatReport(r: StudentImportReport): string {
  if (r.accepted)
    return [
      `Imported ${r.students} students from ${r.rowsRead} users.csv rows (demographics as of ${r.asOf}):`,
      `  created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, deactivated ${r.deactivated}`,
      `  demographic history rows added: ${r.demographicChanges}`,
    ].join('\n');
  const lines = [
    `Rejected: ${r.errorCount} invalid ${r.errorCount === 1 ? 'value' : 'values'}; nothing was changed.`,
    '',
  ];
  for (const e of r.errors)
    lines.push(`  ${e.file} row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
  if (r.errorCount > r.errors.length) lines.push(`  ... and ${r.errorCount - r.errors.length} more`);
  return lines.join('\n');
}

export function printReport(r: StudentImportReport, json: boolean) {
  if (json) console.log(JSON.stringify(r, null, 2));
  else if (r.accepted) console.log(formatReport(r));
  else console.error(formatReport(r));
}
