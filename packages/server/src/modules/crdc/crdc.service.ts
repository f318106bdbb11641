import type { AppContext } from '../../shared/context.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { type CrdcSummary, crdcSummary } from './crdc.summary.js';

export const CRDC_SOURCE = {
  name: 'Civil Rights Data Collection (CRDC), school-level public-use file',
  publisher: 'U.S. Department of Education, Office for Civil Rights',
  url: 'https://civilrightsdata.ed.gov/data',
} as const;

/** Guards both the CLI and the public route: a clear 4xx, never a query with junk in it. */
export function checkStateYear(state: string, year: string) {
  if (!/^[A-Z]{2}$/.test(state)) throw new ValidationError('state must be a two-letter postal code, e.g. "NH"');
  if (!/^\d{4}-\d{2}$/.test(year)) throw new ValidationError('year must look like 2020-21');
}

/**
 * A state's CRDC totals for one collection year, as published (public data: no authorization, no
 * suppression, no audit; see docs/crdc.md). 404 when nothing was imported for that state and year.
 */
export async function readStateSummary(ctx: AppContext, state: string, year: string): Promise<CrdcSummary> {
  checkStateYear(state, year);
  const summary = await crdcSummary(ctx.db, { year, state });
  if (summary.schools === 0)
    throw new NotFoundError('CRDC data', `No CRDC data imported for ${state} ${year} (forefront crdc import <files>)`);
  return summary;
}

/** Each loaded collection: state, year and its number of schools (one row each), newest year first. */
export async function listLoaded(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom('crdcSchools')
    .select(['state', 'year', (eb) => eb.fn.countAll<string | number>().as('schools')])
    .groupBy(['state', 'year'])
    .orderBy('year', 'desc')
    .orderBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, year: r.year, schools: Number(r.schools) }));
}
