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
      'CRDC counts per school for one school year: students referred to law enforcement and arrested, by race, sex, disability and English learner status',
    )
    .requiredOption('--district <id>', 'the district')
    .requiredOption('--year <YYYY-YY>', 'the school year, e.g. 2025-26')
    .option('--json', 'print JSON (the default prints a summary table)')
    .action(async (opts: { district: string; year: string; json?: boolean }) => {
      const { SchoolYearSchema } = await import('@forefront/contract');
      if (!SchoolYearSchema.safeParse(opts.year).success) throw new Error('--year must be a school year like 2025-26');
      const { withContext } = await import('./context.js');
      const { crdcExport } = await import('../modules/exports/export.service.js');
      const report = await withContext((ctx) => crdcExport(ctx, { operator: true }, opts.district, opts.year));
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else {
        console.log(`CRDC ${report.schoolYear}: students referred to law enforcement / arrested (unduplicated)`);
        for (const s of report.schools)
          console.log(
            `  ${s.ncesSchoolId}  ${s.name.padEnd(40)} referred ${String(s.referred.total).padStart(6)}  arrested ${String(s.arrested.total).padStart(6)}`,
          );
      }
    });
}
