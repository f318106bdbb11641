import {
  DEFAULT_EQUITY_THRESHOLD,
  EQUITY_DIMENSIONS,
  type EquityAlert,
  type EquityDimension,
  type EquityFigure,
  type EquityGroup,
  type EquityMeasure,
} from '@forefront/contract';
import { per1000, riskRatio, share } from '../transparency/transparency.stats.js';
import { STUDENT_GROUPS } from '../transparency/transparency.publication.js';
import type { CaseCounts, ReferralCounts } from './equity.repository.js';

/**
 * The equity audit's figures from the aggregated counts (pure; equity.service.ts loads them).
 * Every rate, share and risk ratio is the transparency report's own (transparency.stats.ts).
 */
export interface EquityCounts {
  /** Per combination of groups (equity.repository.ts `caseAggregates`). */
  cases: readonly CaseCounts[];
  /** Distinct students with a case: `*` and `<dimension>:<group>`. */
  students: ReadonlyMap<string, number>;
  referrals: readonly ReferralCounts[];
  /** Enrolled students: `all:*` and `<dimension>:<group>` (transparency_counts keys). */
  enrolled: ReadonlyMap<string, number>;
}

const CASE_FIELDS = ['cases', 'classified', 'serious', 'le', 'withOutcome', 'removal', 'supportOnly'] as const;
type CaseSums = Record<(typeof CASE_FIELDS)[number], number>;
type RefSums = { made: number; completed: number };
type Row = { race: string; sex: string; disability: string; englishLearner: string };

const groupOf = (dim: EquityDimension, r: Row) =>
  dim === 'race' ? r.race : dim === 'sex' ? r.sex : dim === 'disability' ? r.disability : r.englishLearner;
/** The keys a row counts under: `*` and `<dimension>:<group>` for each dimension. */
const keysOf = (r: Row) => ['*', ...EQUITY_DIMENSIONS.map((d) => `${d}:${groupOf(d, r)}`)];

const zeroCases = (): CaseSums => Object.fromEntries(CASE_FIELDS.map((k) => [k, 0])) as CaseSums;

/** Each key's sums over the combinations, and its distinct students with a case. */
export function sumByGroup(c: EquityCounts) {
  const cases = new Map<string, CaseSums>();
  for (const r of c.cases)
    for (const k of keysOf(r)) {
      const s = cases.get(k) ?? cases.set(k, zeroCases()).get(k)!;
      for (const f of CASE_FIELDS) s[f] += r[f];
    }
  const refs = new Map<string, RefSums>();
  for (const r of c.referrals)
    for (const k of keysOf(r)) {
      const s = refs.get(k) ?? refs.set(k, { made: 0, completed: 0 }).get(k)!;
      s.made += r.made;
      s.completed += r.completed;
    }
  return {
    cases: (k: string): CaseSums => cases.get(k) ?? zeroCases(),
    students: (k: string) => c.students.get(k) ?? 0,
    refs: (k: string) => refs.get(k) ?? { made: 0, completed: 0 },
  };
}

/** A share and its risk ratio against the rest: `part` of the group's `whole`, against the others'. */
function shareFigure(part: number, whole: number, allPart: number, allWhole: number): EquityFigure {
  return {
    count: part,
    of: whole,
    rate: share(part, whole),
    riskRatio: riskRatio(part, whole, allPart - part, allWhole - whole),
  };
}

/** Groups of a dimension: the report's list, then any other value found in the rows (sorted). */
export function groupsOf(dim: EquityDimension, c: EquityCounts): string[] {
  const listed = STUDENT_GROUPS[dim];
  const found = new Set<string>([
    ...c.cases.map((r) => groupOf(dim, r)),
    ...c.referrals.map((r) => groupOf(dim, r)),
    ...[...c.enrolled.keys()].filter((k) => k.startsWith(`${dim}:`)).map((k) => k.slice(dim.length + 1)),
  ]);
  return [...listed, ...[...found].filter((g) => !listed.includes(g)).sort()];
}

export function equityGroups(c: EquityCounts, sums = sumByGroup(c)): EquityGroup[] {
  const all = sums.cases('*');
  const allRefs = sums.refs('*');
  const enrolledAll = c.enrolled.get('all:*') ?? 0;
  const studentsAll = sums.students('*');
  const out: EquityGroup[] = [];
  for (const dim of EQUITY_DIMENSIONS) {
    for (const group of groupsOf(dim, c)) {
      const key = `${dim}:${group}`;
      const mine = sums.cases(key);
      const refs = sums.refs(key);
      const enrolled = c.enrolled.get(key) ?? 0;
      const students = sums.students(key);
      out.push({
        dimension: dim,
        group,
        enrolled,
        students,
        opened: {
          count: mine.cases,
          of: enrolled,
          rate: per1000(mine.cases, enrolled),
          // A risk is per student: the share of the group's students with a case against the others'.
          riskRatio: riskRatio(students, enrolled, studentsAll - students, enrolledAll - enrolled),
        },
        serious: shareFigure(mine.serious, mine.classified, all.serious, all.classified),
        le: shareFigure(mine.le, mine.cases, all.le, all.cases),
        removal: shareFigure(mine.removal, mine.withOutcome, all.removal, all.withOutcome),
        supportOnly: { count: mine.supportOnly, share: share(mine.supportOnly, mine.withOutcome) },
        referralsCompleted: shareFigure(refs.completed, refs.made, allRefs.completed, allRefs.made),
      });
    }
  }
  return out;
}

const MEASURES: readonly EquityMeasure[] = ['opened', 'serious', 'le', 'removal', 'referralsCompleted'];

/**
 * Alerts: a group whose risk ratio is at least the threshold with the interval's lower bound
 * above 1. For completed referrals a low ratio is the concern (the group's referrals reach the
 * service less often), so the test is mirrored: the ratio at most 1/threshold with the upper
 * bound below 1.
 */
export function equityAlerts(groups: readonly EquityGroup[], threshold = DEFAULT_EQUITY_THRESHOLD): EquityAlert[] {
  const alerts: EquityAlert[] = [];
  for (const g of groups)
    for (const measure of MEASURES) {
      const rr = g[measure].riskRatio;
      if (!rr) continue;
      const flagged =
        measure === 'referralsCompleted'
          ? rr.estimate <= 1 / threshold && rr.high < 1
          : rr.estimate >= threshold && rr.low > 1;
      if (flagged) alerts.push({ dimension: g.dimension, group: g.group, measure, riskRatio: rr });
    }
  return alerts;
}
