import { type Command, InvalidArgumentError } from 'commander';

interface ImportOpts {
  district: string;
  users: string;
  demographics: string;
  orgs?: string;
  flags?: string;
  asOf?: string;
  deactivateMissing?: boolean;
  json?: boolean;
}

function parseDate(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw new InvalidArgumentError('Use a date as YYYY-MM-DD, e.g. 2026-08-15.');
  return value;
}

const HELP_AFTER = `
Files (OneRoster 1.1 CSV, with a header row):
  users.csv         sourcedId, status, role, orgSourcedIds, givenName, familyName, identifier, grades (others ignored);
                    only role=student rows are imported; identifier is the local id (sourcedId when empty)
  demographics.csv  sourcedId, sex (male|female|other), americanIndianOrAlaskaNative, asian, blackOrAfricanAmerican,
                    nativeHawaiianOrOtherPacificIslander, white, demographicRaceTwoOrMoreRaces, hispanicOrLatinoEthnicity
  orgs.csv          optional: sourcedId, identifier; maps OneRoster org ids to 12-digit NCES school ids
                    (without it, each orgSourcedIds value must itself be the school's NCES id)
  flags.csv         local_id or sourcedId, idea, section504, english_learner (true/false, 1/0, Y/N; empty = false);
                    section504 means Section 504 ONLY: a row with both idea and section504 is rejected

Every row is checked first; if any is invalid, nothing is written and each problem is listed with
file, row, column and reason (exit code 1).`;

export function registerStudentsCommands(program: Command) {
  const students = program.command('students').description('The district student roster (OneRoster 1.1 CSV import)');
  students
    .command('import')
    .description("Import or update a district's students from OneRoster 1.1 CSV files plus a flags CSV; all or nothing")
    .requiredOption('--district <id>', 'the district id (see the district settings page or `forefront demo --json`)')
    .requiredOption('--users <file>', 'OneRoster users.csv')
    .requiredOption('--demographics <file>', 'OneRoster demographics.csv')
    .option('--orgs <file>', 'OneRoster orgs.csv mapping org sourcedId to the NCES school id (identifier column)')
    .option('--flags <file>', 'IDEA / Section 504 / English learner flags CSV')
    .option('--as-of <date>', 'date (YYYY-MM-DD) the imported demographics are valid from; default today', parseDate)
    .option('--deactivate-missing', "mark the district's students absent from users.csv as inactive (a full roster)")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: ImportOpts) => {
      const { createReadStream, existsSync } = await import('node:fs');
      for (const [flag, file] of [
        ['--users', opts.users],
        ['--demographics', opts.demographics],
        ['--orgs', opts.orgs],
        ['--flags', opts.flags],
      ] as const)
        if (file !== undefined && !existsSync(file)) throw new Error(`${flag}: no such file ${file}`);
      const { withContext } = await import('./context.js');
      const { importRoster } = await import('../modules/students/student.service.js');
      const { findDistrict } = await import('../modules/districts/district.repository.js');
      const { printReport, progressLine } = await import('../modules/students/student.report.js');
      await withContext(async (ctx) => {
        if (!(await findDistrict(ctx.db, opts.district))) throw new Error(`No district with id ${opts.district}`);
        const progress = progressLine(process.stderr);
        const report = await importRoster(
          ctx,
          null,
          opts.district,
          {
            users: createReadStream(opts.users),
            demographics: createReadStream(opts.demographics),
            ...(opts.orgs && { orgs: createReadStream(opts.orgs) }),
            ...(opts.flags && { flags: createReadStream(opts.flags) }),
          },
          { asOf: opts.asOf, deactivateMissing: opts.deactivateMissing, source: 'cli', onProgress: progress.update },
        );
        progress.done();
        printReport(report, opts.json === true);
        if (!report.accepted) process.exitCode = 1;
      });
    });
}
