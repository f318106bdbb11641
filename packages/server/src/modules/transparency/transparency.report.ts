import {
  type Cell,
  type PublicTable,
  STUDENT_DIMENSIONS,
  SUPPRESSED,
  type TransparencyReport,
  TransparencyReportSchema,
} from '@forefront/contract';
import { ALL, DISTRICT_SCOPE } from './transparency.publication.js';
import { compositionIndex, groupedMedian, per1000, riskRatio, share } from './transparency.stats.js';
import { type PublishedYear, derive } from './transparency.view.js';

/**
 * The public report of one scope (the district or a school) and school year, rendered from the
 * published view only (transparency.view.ts) and checked against the contract's schema. Derived
 * figures (rates, ratios, shares, the median) are computed from published counts only.
 * docs/transparency.md lists the tables and columns.
 */
export interface ReportContext {
  district: TransparencyReport['district'];
  schools: ReadonlyMap<string, { id: string; name: string; ncesSchoolId: string }>;
  /** Every published year, oldest first. */
  years: readonly PublishedYear[];
  publishedAt: string;
}

type Row = PublicTable['rows'][number];
const col = (key: string, kind: PublicTable['columns'][number]['kind']) => ({ key, kind });
const num = (c: Cell) => c as number;

/** The headline figures of a scope and year (also the trend and schools rows). */
function headline(y: PublishedYear, scope: string) {
  const enrolled = y.enrolled(scope, ALL);
  const referred = y.value('referred', scope, `referred/${ALL}`);
  const arrested = y.value('arrested', scope, `arrested/${ALL}`);
  const contacts = y.value('contacts', scope, '*');
  return {
    enrolled,
    studentsReferred: referred,
    referredPer1000: derive([referred, enrolled], per1000),
    studentsArrested: arrested,
    arrestedPer1000: derive([arrested, enrolled], per1000),
    incidents: y.value('incidents', scope, '*'),
    contacts,
    routineShare: derive([y.value('contacts', scope, 'purpose:routine_discipline'), contacts], share),
    mouViolations: y.value('violations', scope, '*'),
  };
}

function studentTable(y: PublishedYear, scope: string, outcome: 'referred' | 'arrested'): PublicTable {
  const all = { students: y.value(outcome, scope, `${outcome}/${ALL}`), enrolled: y.enrolled(scope, ALL) };
  const rows: Row[] = [];
  for (const dimension of STUDENT_DIMENSIONS) {
    const groups = dimension === 'all' ? ['*'] : y.keys(outcome, scope, `${outcome}/${dimension}:`);
    for (const g of groups) {
      const key = `${dimension}:${g}`;
      const students = y.value(outcome, scope, `${outcome}/${key}`);
      const enrolled = y.enrolled(scope, key);
      const inputs = [students, enrolled, all.students, all.enrolled];
      rows.push({
        key: dimension === 'all' ? 'all' : g,
        dimension,
        cells: {
          enrolled,
          students,
          per1000: derive([students, enrolled], per1000),
          risk_ratio: dimension === 'all' ? null : derive(inputs, (a, n1, A, N) => riskRatio(a, n1, A - a, N - n1)),
          composition_index:
            dimension === 'all' ? null : derive(inputs, (a, n1, A, N) => compositionIndex(a, A, n1, N)),
        },
      });
    }
  }
  return {
    key: outcome === 'referred' ? 'students_referred' : 'students_arrested',
    columns: [
      col('enrolled', 'count'),
      col('students', 'count'),
      col('per1000', 'per1000'),
      col('risk_ratio', 'interval'),
      col('composition_index', 'interval'),
    ],
    rows,
  };
}

/** A total row `all` and one row per key, with the count and (optionally) its share of the total. */
function countTable(
  key: PublicTable['key'],
  count: string,
  total: Cell,
  parts: { key: string; value: Cell }[],
  withShare: boolean,
): PublicTable {
  const row = (k: string, value: Cell): Row => ({
    key: k,
    cells: { [count]: value, ...(withShare ? { share: derive([value, total], share) } : {}) },
  });
  return {
    key,
    columns: [col(count, 'count'), ...(withShare ? [col('share', 'share')] : [])],
    rows: [row('all', total), ...parts.map((p) => row(p.key, p.value))],
  };
}

function family(
  y: PublishedYear,
  scope: string,
  fam: 'incidents' | 'contacts' | 'violations' | 'force',
  prefix: string,
) {
  return y.keys(fam, scope, prefix).map((k) => ({ key: k, value: y.value(fam, scope, `${prefix}${k}`) }));
}

function classroomTable(y: PublishedYear, scope: string): PublicTable {
  const row = (key: string, count: Cell, of: Cell): Row => ({
    key,
    cells: { count, of, share: derive([count, of], share) },
  });
  return {
    key: 'classroom_response',
    columns: [col('count', 'count'), col('of', 'count'), col('share', 'share')],
    rows: [
      // Contacts in a classroom of all contacts; officers with a classroom contact of officers with any (BJS).
      row('contacts', y.value('contacts', scope, 'classroom'), y.value('contacts', scope, '*')),
      row('officers', y.value('officers', scope, 'classroom'), y.value('officers', scope, 'any')),
    ],
  };
}

function responseTable(y: PublishedYear, scope: string): PublicTable {
  const total = y.value('contacts', scope, 'response:*');
  const buckets = y
    .keys('contacts', scope, 'response:')
    .filter((k) => k !== '*')
    .map((k) => ({ key: k, value: y.value('contacts', scope, `response:${k}`) }));
  const t = countTable('response_times', 'contacts', total, buckets, true);
  // The median from published counts only: the total and every bucket up to the one holding the
  // middle contact (a withheld bucket before it would make the median narrow that bucket).
  let median: ReturnType<typeof groupedMedian> | typeof SUPPRESSED = SUPPRESSED;
  if (typeof total === 'number') {
    let before = 0;
    for (const [i, b] of buckets.entries()) {
      if (typeof b.value !== 'number') break;
      before += b.value;
      if (before >= total / 2) {
        median = groupedMedian(
          buckets.slice(0, i + 1).map((x) => ({ key: x.key, count: num(x.value) })),
          total,
        );
        break;
      }
    }
    if (total === 0) median = null;
  }
  t.columns.push(col('minutes', 'minutes'));
  const cell = median === SUPPRESSED ? SUPPRESSED : (median?.minutes ?? null);
  t.rows.push({
    key: 'median',
    ...(median && median !== SUPPRESSED ? { label: median.bucket } : {}),
    cells: { minutes: cell },
  });
  return t;
}

function trendTable(ctx: ReportContext, scope: string, upTo: string): PublicTable {
  const rows = ctx.years
    .filter((y) => y.year <= upTo && y.has(scope))
    .map((y): Row => {
      const h = headline(y, scope);
      return {
        key: y.year,
        cells: {
          enrolled: h.enrolled,
          students_referred: h.studentsReferred,
          referred_per1000: h.referredPer1000,
          students_arrested: h.studentsArrested,
          arrested_per1000: h.arrestedPer1000,
          incidents: h.incidents,
          contacts: h.contacts,
          routine_share: h.routineShare,
        },
      };
    });
  const c = (k: string, kind: Parameters<typeof col>[1]) => col(k, kind);
  return {
    key: 'trend',
    columns: [
      c('enrolled', 'count'),
      c('students_referred', 'count'),
      c('referred_per1000', 'per1000'),
      c('students_arrested', 'count'),
      c('arrested_per1000', 'per1000'),
      c('incidents', 'count'),
      c('contacts', 'count'),
      c('routine_share', 'share'),
    ],
    rows,
  };
}

/** Weapon-offense incidents by school year (count and per 1,000 enrolled), beside the referral trend. */
function weaponTrendTable(ctx: ReportContext, scope: string, upTo: string): PublicTable {
  const rows = ctx.years
    .filter((y) => y.year <= upTo && y.has(scope))
    .map((y): Row => {
      const h = headline(y, scope);
      const weapon = y.value('incidents', scope, 'weapon');
      return {
        key: y.year,
        cells: {
          weapon_incidents: weapon,
          weapon_per1000: derive([weapon, h.enrolled], per1000),
          students_referred: h.studentsReferred,
          referred_per1000: h.referredPer1000,
        },
      };
    });
  return {
    key: 'weapon_trend',
    columns: [
      col('weapon_incidents', 'count'),
      col('weapon_per1000', 'per1000'),
      col('students_referred', 'count'),
      col('referred_per1000', 'per1000'),
    ],
    rows,
  };
}

/**
 * Exposure to police by group (district only): per race, the students in schools with a sworn
 * officer that year of all the group's students, and the share. No rows without a roster snapshot.
 */
function exposureTable(y: PublishedYear): PublicTable {
  const groups = y.keys('exposure', DISTRICT_SCOPE, '').filter((k) => k.endsWith(':*'));
  return {
    key: 'exposure',
    columns: [col('enrolled', 'count'), col('with_officer', 'count'), col('share', 'share')],
    rows: groups.map((k): Row => {
      const g = k.slice(0, -2);
      const enrolled = y.value('exposure', DISTRICT_SCOPE, `${g}:*`);
      const withOfficer = y.value('exposure', DISTRICT_SCOPE, `${g}:with`);
      return {
        key: g === 'all' ? 'all' : g.slice('race:'.length),
        dimension: g === 'all' ? 'all' : 'race',
        cells: { enrolled, with_officer: withOfficer, share: derive([withOfficer, enrolled], share) },
      };
    }),
  };
}

function schoolsTable(ctx: ReportContext, y: PublishedYear): PublicTable {
  return {
    key: 'schools',
    columns: [
      col('enrolled', 'count'),
      col('students_referred', 'count'),
      col('referred_per1000', 'per1000'),
      col('students_arrested', 'count'),
      col('arrested_per1000', 'per1000'),
      col('incidents', 'count'),
    ],
    rows: y.schoolIds.map((id) => {
      const h = headline(y, id);
      return {
        key: id,
        label: ctx.schools.get(id)?.name ?? id,
        cells: {
          enrolled: h.enrolled,
          students_referred: h.studentsReferred,
          referred_per1000: h.referredPer1000,
          students_arrested: h.studentsArrested,
          arrested_per1000: h.arrestedPer1000,
          incidents: h.incidents,
        },
      };
    }),
  };
}

/** The report of one scope (DISTRICT_SCOPE or a school id) for one published year. */
export function renderReport(ctx: ReportContext, y: PublishedYear, scope: string): TransparencyReport {
  const school = scope === DISTRICT_SCOPE ? null : ctx.schools.get(scope);
  if (school === undefined) throw new Error(`no school ${scope} in the district`);
  const tables: PublicTable[] = [
    studentTable(y, scope, 'referred'),
    studentTable(y, scope, 'arrested'),
    countTable(
      'incident_types',
      'incidents',
      y.value('incidents', scope, '*'),
      family(y, scope, 'incidents', 'type:'),
      true,
    ),
    countTable(
      'contacts_by_purpose',
      'contacts',
      y.value('contacts', scope, '*'),
      family(y, scope, 'contacts', 'purpose:'),
      true,
    ),
    countTable(
      'mou_violations',
      'violations',
      y.value('violations', scope, '*'),
      family(y, scope, 'violations', 'kind:'),
      false,
    ),
    countTable(
      'restraint_and_force',
      'actions',
      y.value('force', scope, '*'),
      family(y, scope, 'force', 'action:'),
      false,
    ),
    classroomTable(y, scope),
    responseTable(y, scope),
    trendTable(ctx, scope, y.year),
    ...(school === null ? [schoolsTable(ctx, y)] : []),
    weaponTrendTable(ctx, scope, y.year),
    ...(school === null ? [exposureTable(y)] : []),
  ];
  const report: TransparencyReport = {
    scope: school === null ? 'district' : 'school',
    district: ctx.district,
    school: school && { id: school.id, name: school.name, ncesSchoolId: school.ncesSchoolId },
    year: y.year,
    years: ctx.years
      .filter((x) => x.has(scope))
      .map((x) => x.year)
      .reverse(),
    minN: y.n,
    publishedAt: ctx.publishedAt,
    highlights: headline(y, scope),
    tables,
  };
  // The stored payload is served as it is: it must be exactly the contract's shape.
  return TransparencyReportSchema.parse(report);
}
