import type { Command } from 'commander';

// Imports happen inside the action so `forefront --help` stays fast (see audit.command.ts).

export function registerExportCommands(program: Command) {
  const exp = program
    .command('export')
    .description("Exports of a district's records; each export with student data is recorded as a FERPA disclosure");
  exp
    .command('incidents')
    .description(
      'Export incidents: CSV, one row per student per incident with the demographic snapshot, actions and MOU flags; or Ed-Fi JSON',
    )
    .requiredOption('--district <id>', 'the district')
    .option('--format <format>', 'csv or edfi', 'csv')
    .option('--year <YYYY-YY>', 'one school year only, e.g. 2025-26')
    .option('--party <party>', 'who receives the records (FERPA 99.32 record of disclosure)')
    .option('--purpose <purpose>', 'why they receive them')
    .option('--legal-basis <basis>', 'the FERPA exception the disclosure relies on')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      async (opts: {
        district: string;
        format: string;
        year?: string;
        party?: string;
        purpose?: string;
        legalBasis?: string;
        out?: string;
      }) => {
        const { SchoolYearSchema } = await import('@forefront/contract');
        if (opts.format !== 'csv' && opts.format !== 'edfi') throw new Error('--format must be csv or edfi');
        if (opts.year && !SchoolYearSchema.safeParse(opts.year).success)
          throw new Error('--year must be a school year like 2025-26');
        const { createWriteStream } = await import('node:fs');
        const { Readable } = await import('node:stream');
        const { pipeline } = await import('node:stream/promises');
        const { withContext } = await import('./context.js');
        const { startIncidentExport } = await import('../modules/exports/export.service.js');
        const result = await withContext(async (ctx) => {
          const out = await startIncidentExport(
            ctx,
            { operator: true },
            {
              districtId: opts.district,
              schoolYear: opts.year ?? null,
              party: opts.party,
              purpose: opts.purpose,
              legalBasis: opts.legalBasis,
            },
            opts.format as 'csv' | 'edfi',
          );
          await pipeline(Readable.from(out.text), opts.out ? createWriteStream(opts.out) : process.stdout);
          return out;
        });
        process.stderr.write(
          `Exported ${result.records} student record(s); FERPA disclosure ${result.disclosureId} recorded.\n`,
        );
      },
    );
  exp
    .command('crdc')
    .description(
      "CRDC counts per school for one school year: students referred to law enforcement and arrested, offenses, restraint and seclusion, in OCR's groups; as a table, JSON, or OCR's public-use CSV layout",
    )
    .requiredOption('--district <id>', 'the district')
    .requiredOption('--year <YYYY-YY>', 'the school year, e.g. 2025-26')
    .option(
      '--format <format>',
      "table, json, or crdc-csv (OCR's 2020-21 school-level public-use file layout)",
      'table',
    )
    .option('--json', 'the same as --format json')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { district: string; year: string; format: string; json?: boolean; out?: string }) => {
      const { SchoolYearSchema } = await import('@forefront/contract');
      if (!SchoolYearSchema.safeParse(opts.year).success) throw new Error('--year must be a school year like 2025-26');
      const format = opts.json ? 'json' : opts.format;
      if (!['table', 'json', 'crdc-csv'].includes(format)) throw new Error('--format must be table, json or crdc-csv');
      const { writeFileSync } = await import('node:fs');
      const { withContext } = await import('./context.js');
      const { crdcExport, crdcLayoutExport } = await import('../modules/exports/export.service.js');
      const write = (text: string) => (opts.out ? writeFileSync(opts.out, text) : process.stdout.write(text));
      if (format === 'crdc-csv') {
        const out = await withContext((ctx) => crdcLayoutExport(ctx, { operator: true }, opts.district, opts.year));
        write(out.csv);
        process.stderr.write(
          `Wrote ${out.schools} school(s) in the CRDC public-use file layout; load it with \`forefront crdc import <file> --year ${opts.year}\`.\n`,
        );
        return;
      }
      const report = await withContext((ctx) => crdcExport(ctx, { operator: true }, opts.district, opts.year));
      if (format === 'json') write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const lines = [`CRDC ${report.schoolYear}: students referred to law enforcement / arrested (unduplicated)`];
        for (const s of report.schools)
          lines.push(
            `  ${s.ncesSchoolId}  ${s.name.padEnd(40)} referred ${String(s.referred.total).padStart(6)}  arrested ${String(s.arrested.total).padStart(6)}`,
          );
        write(`${lines.join('\n')}\n`);
      }
    });
}
