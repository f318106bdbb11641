import { REMOVAL_OUTCOMES } from '@forefront/contract';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * The equity audit's queries: every figure is aggregated in the database (GROUP BY), so the audit
 * of five years of a large district reads a few hundred rows, never the cases themselves.
 * Instants are ISO text; `[from, to)` are instants (the service turns local dates into them).
 */
export interface EquityFilter {
  districtId: string;
  schoolId?: string;
  from: string;
  to: string;
}

/** The CRDC disability group of a row, as transparency.derive.ts `studentGroupKeys` names it. */
const disabilityGroup = sql<string>`case when ${sql.ref('idea')} = 1 then 'idea' when ${sql.ref(
  'section504',
)} = 1 then 'section504_only' else 'no_disability' end`;
const elGroup = sql<string>`case when ${sql.ref('englishLearner')} = 1 then 'english_learner' else 'not_english_learner' end`;

/** The SQL for each dimension's group of a row (cases and referrals keep the same columns). */
export const GROUP_EXPR = {
  race: sql<string>`${sql.ref('race')}`,
  sex: sql<string>`${sql.ref('sex')}`,
  disability: disabilityGroup,
  english_learner: elGroup,
} as const;

const count = (cond: Expression<SqlBool>) => sql<number | string>`sum(case when ${cond} then 1 else 0 end)`;
const removal = sql.join(REMOVAL_OUTCOMES.map((o) => sql.lit(o)));

export interface CaseCounts {
  race: string;
  sex: string;
  disability: string;
  englishLearner: string;
  cases: number;
  classified: number;
  serious: number;
  le: number;
  withOutcome: number;
  removal: number;
  supportOnly: number;
}

/** Cases opened in the range by the five-way combination of groups, with each measure's counts. */
export async function caseCounts(db: Db, f: EquityFilter): Promise<CaseCounts[]> {
  let q = db
    .selectFrom('threatCases')
    .select([
      'race',
      'sex',
      disabilityGroup.as('disability'),
      elGroup.as('englishLearner'),
      sql<number | string>`count(*)`.as('cases'),
      count(sql`${sql.ref('severity')} is not null`).as('classified'),
      count(sql`${sql.ref('severity')} in ('serious', 'very_serious')`).as('serious'),
      count(sql`${sql.ref('leInvolved')} = 1`).as('le'),
      count(sql`${sql.ref('outcome')} is not null`).as('withOutcome'),
      count(sql`${sql.ref('outcome')} in (${removal})`).as('removal'),
      count(sql`${sql.ref('outcome')} = 'support_only'`).as('supportOnly'),
    ])
    .where('districtId', '=', f.districtId)
    .where('openedAt', '>=', f.from)
    .where('openedAt', '<', f.to);
  if (f.schoolId) q = q.where('schoolId', '=', f.schoolId);
  const rows = await q.groupBy(['race', 'sex', 'idea', 'section504', 'englishLearner']).execute();
  // Two rows can share a group combination (idea=1 with or without a 504 plan): merged below by the caller's sums.
  return rows.map((r) => ({
    race: r.race,
    sex: r.sex,
    disability: r.disability,
    englishLearner: r.englishLearner,
    cases: Number(r.cases),
    classified: Number(r.classified),
    serious: Number(r.serious),
    le: Number(r.le),
    withOutcome: Number(r.withOutcome),
    removal: Number(r.removal),
    supportOnly: Number(r.supportOnly),
  }));
}

/**
 * Distinct students with a case in the range, per group of one dimension (a student counts in
 * each group their cases name), and in all (`*`).
 */
export async function studentsWithCase(db: Db, f: EquityFilter): Promise<Map<string, number>> {
  const base = () => {
    let q = db
      .selectFrom('threatCases')
      .where('districtId', '=', f.districtId)
      .where('openedAt', '>=', f.from)
      .where('openedAt', '<', f.to);
    if (f.schoolId) q = q.where('schoolId', '=', f.schoolId);
    return q;
  };
  const n = sql<number | string>`count(distinct ${sql.ref('studentId')})`;
  const out = new Map<string, number>();
  const parts = await Promise.all([
    base()
      .select([sql<string>`'*'`.as('g'), n.as('n')])
      .execute(),
    ...Object.entries(GROUP_EXPR).map(async ([dim, expr]) =>
      (
        await base()
          .select([expr.as('g'), n.as('n')])
          .groupBy(expr)
          .execute()
      ).map((r) => ({
        g: `${dim}:${r.g}`,
        n: r.n,
      })),
    ),
  ]);
  for (const r of parts.flat()) out.set(r.g, Number(r.n));
  return out;
}

export interface ReferralCounts {
  race: string;
  sex: string;
  disability: string;
  englishLearner: string;
  made: number;
  completed: number;
}

/** Support referrals made in the range, and how many of them reached `completed`, by combination of groups. */
export async function referralCounts(db: Db, f: EquityFilter): Promise<ReferralCounts[]> {
  let q = db
    .selectFrom('supportReferrals')
    .select([
      'race',
      'sex',
      disabilityGroup.as('disability'),
      elGroup.as('englishLearner'),
      sql<number | string>`count(*)`.as('made'),
      count(sql`${sql.ref('status')} = 'completed'`).as('completed'),
    ])
    .where('districtId', '=', f.districtId)
    .where('madeAt', '>=', f.from)
    .where('madeAt', '<', f.to);
  if (f.schoolId) q = q.where('schoolId', '=', f.schoolId);
  const rows = await q.groupBy(['race', 'sex', 'idea', 'section504', 'englishLearner']).execute();
  return rows.map((r) => ({
    race: r.race,
    sex: r.sex,
    disability: r.disability,
    englishLearner: r.englishLearner,
    made: Number(r.made),
    completed: Number(r.completed),
  }));
}

/** The stored roster snapshot of a school year (`enrolled` in transparency_counts), key -> students. */
export async function storedEnrollment(
  db: Db,
  districtId: string,
  schoolYear: string,
  schoolId?: string,
): Promise<Map<string, number> | null> {
  let q = db
    .selectFrom('transparencyCounts')
    .select(['key', (eb) => eb.fn.sum<number | string>('value').as('n')])
    .where('districtId', '=', districtId)
    .where('schoolYear', '=', schoolYear)
    .where('measure', '=', 'enrolled');
  if (schoolId) q = q.where('schoolId', '=', schoolId);
  const rows = await q.groupBy('key').execute();
  if (rows.length === 0) return null;
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** The district's equity settings, or null when it has not saved its threat assessment settings. */
export const findEquitySettings = (db: Db, districtId: string) =>
  db
    .selectFrom('threatSettings')
    .select(['equityThreshold', 'equityPublic'])
    .where('districtId', '=', districtId)
    .executeTakeFirst();
