import {
  EQUITY_DIMENSIONS,
  type PublicEquity,
  type PublicEquityFigure,
  type PublicEquityGroup,
  type PublicEquitySection,
  addDays,
  localDate,
  schoolYearOfDate,
  startOfLocalDay,
} from '@forefront/contract';
import type { Db } from '../../db/database.js';
import { type LoadedDistrict, districtOrNotFound } from '../../shared/load-district.js';
import { schoolYearStartOf } from '../activities/activity.summary.js';
import { releasePublication } from '../suppression/suppression.ledger.js';
import type { Publication, SuppressionCell, SuppressionLine } from '../suppression/suppression.types.js';
import { per1000, share } from '../transparency/transparency.stats.js';
import { groupsOf, sumByGroup } from './equity.compute.js';
import * as repo from './equity.repository.js';
import { enrollmentFor } from './equity.service.js';

/** The ledger's dataset for the public equity table (one release per school year). */
export const EQUITY_DATASET = 'equity_public';
const MEASURES = ['cases', 'serious', 'le', 'removal', 'referralsCompleted', 'support'] as const;
type Measure = (typeof MEASURES)[number];
const PER_1000: readonly Measure[] = ['cases', 'support'];

/** Each measure's count and denominator for one group key (`*` or `<dimension>:<group>`). */
export type EquityPublicCounts = (key: string) => Record<Measure, { value: number; of: number }>;

/**
 * The counts as the engine's publication: one cell per measure and group, a rate over its
 * denominator (so the engine checks the complement and the group size too), and per measure and
 * dimension a line: the groups add up to all students.
 */
export function equityPublication(keys: Record<string, string[]>, counts: EquityPublicCounts): Publication {
  const all = ['*', ...Object.entries(keys).flatMap(([d, gs]) => gs.map((g) => `${d}:${g}`))];
  const cells: SuppressionCell[] = all.flatMap((k) =>
    MEASURES.map((m) => {
      const { value, of } = counts(k)[m];
      return { id: `${m}/${k}`, value, ...(of > 0 && of >= value ? { denominator: of } : {}) };
    }),
  );
  const lines: SuppressionLine[] = MEASURES.flatMap((m) =>
    Object.entries(keys).map(([d, gs]) => ({ total: `${m}/*`, parts: gs.map((g) => `${m}/${d}:${g}`) })),
  );
  return { cells, lines };
}

/**
 * When the district shows its equity table publicly, computes the school year so far, releases
 * it through the ledger and stores the section, inside the publication's transaction
 * (transparency.publish.ts `publishIn`); otherwise removes any section published before.
 * `referred`: the public report's released referral figures (law enforcement), by cell id.
 */
export async function publishEquityIn(
  trx: Db,
  district: LoadedDistrict,
  publishedAt: string,
  referred: Readonly<Record<string, number>> | undefined,
): Promise<PublicEquitySection | null> {
  await trx.deleteFrom('publicEquityPages').where('districtId', '=', district.id).execute();
  const settings = await repo.findEquitySettings(trx, district.id);
  if (!settings || Number(settings.equityPublic) !== 1) return null;
  const asOf = localDate(publishedAt, district.timeZone);
  const schoolYear = schoolYearOfDate(asOf, district.schoolYearStart);
  const from = schoolYearStartOf(asOf, district.schoolYearStart);
  const filter = {
    districtId: district.id,
    from: startOfLocalDay(from, district.timeZone),
    to: startOfLocalDay(addDays(asOf, 1), district.timeZone),
  };
  const { combos, students } = await repo.caseAggregates(trx, filter);
  const referrals = await repo.referralCounts(trx, filter);
  const support = await repo.supportStudents(trx, filter);
  const { enrolled } = await enrollmentFor(trx, district, asOf, asOf);
  const counts = { cases: combos, students, referrals, enrolled };
  const sums = sumByGroup(counts);
  const keys = Object.fromEntries(EQUITY_DIMENSIONS.map((d) => [d, groupsOf(d, counts)]));
  const countsOf: EquityPublicCounts = (k) => {
    const c = sums.cases(k);
    const r = sums.refs(k);
    const e = enrolled.get(k === '*' ? 'all:*' : k) ?? 0;
    return {
      cases: { value: c.cases, of: e },
      serious: { value: c.serious, of: c.classified },
      le: { value: c.le, of: c.cases },
      removal: { value: c.removal, of: c.withOutcome },
      referralsCompleted: { value: r.completed, of: r.made },
      support: { value: support.get(k) ?? 0, of: e },
    };
  };
  const release = await releasePublication(trx, {
    districtId: district.id,
    dataset: EQUITY_DATASET,
    period: schoolYear,
    n: district.suppressionMinN,
    publication: equityPublication(keys, countsOf),
  });
  const outcome = new Map(release.cells.map((c) => [c.id, c]));
  const figure = (m: Measure, k: string): PublicEquityFigure => {
    const c = outcome.get(`${m}/${k}`);
    if (!c || !c.published) return { value: null, of: null, rate: null, withheld: c && !c.published ? c.reason : null };
    const of = c.denominator ?? null;
    const rate = of === null ? null : PER_1000.includes(m) ? per1000(c.value, of) : share(c.value, of);
    return { value: c.value, of, rate, withheld: null };
  };
  const group = (dimension: PublicEquityGroup['dimension'], g: string, k: string): PublicEquityGroup => {
    const support = figure('support', k);
    // The report's own released count of students referred to law enforcement, over the enrollment published here.
    const le = referred?.[`district/referred/${k === '*' ? 'all:*' : k}`];
    return {
      dimension,
      group: g,
      cases: figure('cases', k),
      serious: figure('serious', k),
      le: figure('le', k),
      removal: figure('removal', k),
      referralsCompleted: figure('referralsCompleted', k),
      support,
      lawEnforcement: {
        value: le ?? null,
        rate: le !== undefined && support.of !== null ? per1000(le, support.of) : null,
      },
    };
  };
  const section: PublicEquitySection = {
    schoolYear,
    from,
    to: asOf,
    minN: district.suppressionMinN,
    groups: [
      group('all', '*', '*'),
      ...EQUITY_DIMENSIONS.flatMap((d) => keys[d]!.map((g) => group(d, g, `${d}:${g}`))),
    ],
    publishedAt,
  };
  await trx
    .insertInto('publicEquityPages')
    .values({ districtId: district.id, schoolYear, payload: JSON.stringify(section), publishedAt })
    .execute();
  return section;
}

/** The public section as stored: no case or referral is read on a public request. */
export async function readPublicEquity(db: Db, districtId: string): Promise<PublicEquity> {
  const district = await districtOrNotFound(db, districtId);
  const row = await db
    .selectFrom('publicEquityPages')
    .select('payload')
    .where('districtId', '=', district.id)
    .executeTakeFirst();
  return { districtId: district.id, section: row ? (JSON.parse(row.payload) as PublicEquitySection) : null };
}
