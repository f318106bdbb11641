import {
  type CpiRow,
  type CrdcDistrictBenchmark,
  type CrdcSummary,
  type Race,
  type StaffRatios,
} from '@forefront/contract';

/**
 * Figures the benchmark section derives from published federal data (CRDC 2020-21, CPI 2017-18).
 * They are already public, so nothing is suppressed; a figure that cannot be computed is null.
 */

export function per1000(count: number | null | undefined, enrolled: number | null | undefined): number | null {
  if (count === null || count === undefined || !enrolled || enrolled <= 0) return null;
  return (count / enrolled) * 1000;
}

/** The three places compared, in column order. */
export type Place = 'district' | 'state' | 'similar';
export const PLACES: readonly Place[] = ['district', 'state', 'similar'];

export function summaries(b: CrdcDistrictBenchmark): Record<Place, CrdcSummary> {
  return { district: b.district.summary, state: b.state.summary, similar: b.similar.summary };
}

export function ratiosOf(b: CrdcDistrictBenchmark): Record<Place, StaffRatios> {
  return { district: b.district.ratios, state: b.state.ratios, similar: b.similar.ratios };
}

/** The overview rows: each measure for the district, its state and similar districts. */
export const OVERVIEW_MEASURES = [
  'schools',
  'enrollment',
  'leo_fte',
  'schools_with_leo',
  'schools_leo_no_counselor',
  'students_leo_no_counselor',
  'referrals',
  'arrests',
  'referrals_per1000',
  'arrests_per1000',
] as const;
export type OverviewMeasure = (typeof OVERVIEW_MEASURES)[number];

export function overviewValue(s: CrdcSummary, measure: OverviewMeasure): number | null {
  if (measure === 'referrals_per1000') return per1000(s.referrals, s.enrollment);
  if (measure === 'arrests_per1000') return per1000(s.arrests, s.enrollment);
  return s[measure];
}

/**
 * Referrals or arrests per 1,000 enrolled students of each race. CRDC's by-race counts leave out
 * students with a Section 504 plan only, while its enrollment by race counts them, so these rates
 * read slightly low; the section says so.
 */
export function raceRate(s: CrdcSummary, race: Race, outcome: 'referrals' | 'arrests'): number | null {
  const counts = outcome === 'referrals' ? s.referrals_by_race_excl_504 : s.arrests_by_race_excl_504;
  return per1000(counts[race], s.enrollment_by_race[race]);
}

export const STAFF = ['counselor', 'socialWorker', 'psychologist'] as const;
export type Staff = (typeof STAFF)[number];

/** The CPI row for a state's postal code (the district's state), if CPI has one. */
export function cpiStateRow(states: readonly CpiRow[], state: string): CpiRow | undefined {
  return states.find((r) => r.state?.toUpperCase() === state.toUpperCase());
}

/** CPI writes state names in capitals ("NEW HAMPSHIRE"); a page reads them as names ("New Hampshire (NH)"). */
export function stateName(row: CpiRow): string {
  const name = row.name
    .toLowerCase()
    .replace(/\b\p{L}/gu, (c) => c.toUpperCase())
    .replace(/\bOf\b/g, 'of');
  return row.state ? `${name} (${row.state})` : name;
}

export const CPI_MEASURES = [
  'enrollment',
  'referrals',
  'referralsPerThousand',
  'leoFtePerThousand',
  'blackPer1000',
  'disabledPer1000',
] as const;
export type CpiMeasure = (typeof CPI_MEASURES)[number];

/** A CPI figure as published, or (Black students, students with disabilities) a rate per 1,000 from CPI's own counts. */
export function cpiValue(row: CpiRow, measure: CpiMeasure): number | null {
  if (measure === 'blackPer1000') return per1000(row.referralsByRaceExcl504.BL, row.enrollmentByRace.BL);
  if (measure === 'disabledPer1000') return per1000(row.referralsDisabled, row.enrollmentDisabled);
  return row[measure];
}
