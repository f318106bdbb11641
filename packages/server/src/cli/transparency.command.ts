import type { Command } from 'commander';
import type { Db } from '../db/database.js';

// Imports happen inside the actions so `forefront --help` stays fast (see audit.command.ts).

/** A district by id or NCES LEA id; without one, the only district in the database. */
async function resolveDistrict(db: Db, ref: string | undefined): Promise<{ id: string; name: string }> {
  const { findDistrict, findDistrictByLeaId } = await import('../modules/districts/district.repository.js');
  if (ref !== undefined) {
    const d = (await findDistrict(db, ref)) ?? (/^\d{7}$/.test(ref) ? await findDistrictByLeaId(db, ref) : undefined);
    if (!d) throw new Error(`No district with id or NCES LEA id ${ref}`);
    return d;
  }
  const all = await db.selectFrom('districts').select(['id', 'name']).limit(2).execute();
  if (all.length === 1) return all[0]!;
  throw new Error(
    all.length === 0
      ? 'No district yet (forefront setup)'
      : 'Several districts: name one with --district <id or NCES LEA id>',
  );
}

export function registerTransparencyCommands(program: Command) {
  const tr = program
    .command('transparency')
    .description(
      'The public transparency report: suppressed figures per district, school and school year (docs/transparency.md)',
    );
  tr.command('publish')
    .description(
      'Suppress and publish the transparency report (every school year with figures, or one); reuses unchanged releases',
    )
    .option('--district <id>', 'district id or 7-digit NCES LEA id (default: the only district)')
    .option('--year <year>', 'one school year, e.g. 2025-26 (default: every year with figures)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { district?: string; year?: string; json?: boolean }) => {
      const { withContext } = await import('./context.js');
      const { publishTransparency } = await import('../modules/transparency/transparency.publish.js');
      const result = await withContext(async (ctx) => {
        const d = await resolveDistrict(ctx.db, opts.district);
        process.stderr.write(`Publishing the transparency report of ${d.name}\n`);
        return publishTransparency(ctx, null, d.id, {
          ...(opts.year !== undefined && { year: opts.year }),
          onProgress: (p) =>
            process.stderr.write(
              `${p.year} ${p.family.padEnd(10)} ${String(p.published).padStart(5)} published ${String(p.suppressed).padStart(5)} withheld  ${p.changed ? 'new release' : 'unchanged'}  ${p.ms} ms\n`,
            ),
        });
      });
      if (opts.json) return console.log(JSON.stringify(result));
      if (result.years.length === 0) console.log('No figures to publish yet.');
      for (const y of result.years)
        console.log(
          `${y.year}: ${y.published} figures published, ${y.suppressed} withheld${y.changed ? '' : ' (unchanged since the last release)'}`,
        );
    });
  tr.command('rebuild')
    .description(
      'Recompute the transparency counts of a district from its incident records (repair; enrollment snapshots are kept)',
    )
    .option('--district <id>', 'district id or 7-digit NCES LEA id (default: the only district)')
    .action(async (opts: { district?: string }) => {
      const { withContext } = await import('./context.js');
      const { rebuildTransparency } = await import('../modules/transparency/transparency.rebuild.js');
      const summary = await withContext(async (ctx) => {
        const d = await resolveDistrict(ctx.db, opts.district);
        return ctx.db.transaction().execute((trx) => rebuildTransparency(trx, d.id));
      });
      console.log(
        `Rebuilt: ${summary.students} student-year rows, ${summary.counts} counts. Run \`forefront transparency publish\` to update the public report.`,
      );
    });
}
