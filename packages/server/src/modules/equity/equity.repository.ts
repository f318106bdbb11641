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

const count = (cond: Expression<SqlBool>) => sql<number | string>`sum(case when ${cond} then 1 else 0 end)`;

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

/**
 * Cases opened in the range: each measure's counts per combination of the groups recorded at
 * intake, and the distinct students with a case per group of each dimension and in all. One
 * statement, one pass over the cases: a per-student grouping (materialized once; on SQLite read
 * in the covering index's order, threat_cases_equity) feeds both the combination sums and the
 * `count(distinct)` per group, so only a few hundred rows leave the database.
 */
export async function caseAggregates(db: Db, f: EquityFilter) {
  const school = f.schoolId ? sql`and school_id = ${f.schoolId}` : sql``;
  const dis = sql.raw(
    "case when idea = 1 then 'idea' when section504 = 1 then 'section504_only' else 'no_disability' end",
  );
  const el = sql.raw("case when english_learner = 1 then 'english_learner' else 'not_english_learner' end");
  const when = (cond: string) => sql.raw(`sum(case when ${cond} then 1 else 0 end)`);
  const distinct = (dim: string, expr: ReturnType<typeof sql.raw>) =>
    sql`select ${sql.lit(dim)}, g, null, null, null, count(*),
      null, null, null, null, null, null, null from (select distinct student_id, ${expr} as g from s) d group by g`;
  const rows = await sql<Record<string, string | number | null>>`
    with s as materialized (
      select student_id, race, sex, ${dis} as dis, ${el} as el, count(*) as n,
        ${when('severity is not null')} as classified,
        ${when("severity in ('serious', 'very_serious')")} as serious,
        ${when('le_involved = 1')} as le,
        ${when('outcome is not null')} as closed,
        ${when(`outcome in (${REMOVAL_OUTCOMES.map((o) => `'${o}'`).join(', ')})`)} as removal,
        ${when("outcome = 'support_only'")} as support
      from threat_cases
      where district_id = ${f.districtId} and opened_at >= ${f.from} and opened_at < ${f.to} ${school}
      group by student_id, race, sex, idea, section504, english_learner
    )
    select 'combo' as kind, race as g1, sex as g2, dis as g3, el as g4, count(*) as students,
      sum(n) as cases, sum(classified) as classified, sum(serious) as serious, sum(le) as le,
      sum(closed) as closed, sum(removal) as removal, sum(support) as support
    from s group by race, sex, dis, el
    union all ${distinct('race', sql.raw('race'))}
    union all ${distinct('sex', sql.raw('sex'))}
    union all ${distinct('disability', sql.raw('dis'))}
    union all ${distinct('english_learner', sql.raw('el'))}
    union all select '*', '*', null, null, null, count(*), null, null, null, null, null, null, null
      from (select distinct student_id from s) d
  `.execute(db);
  const combos: CaseCounts[] = [];
  const students = new Map<string, number>();
  for (const r of rows.rows) {
    if (r.kind !== 'combo') {
      students.set(r.kind === '*' ? '*' : `${r.kind}:${r.g1}`, Number(r.students));
      continue;
    }
    combos.push({
      race: String(r.g1),
      sex: String(r.g2),
      disability: String(r.g3),
      englishLearner: String(r.g4),
      cases: Number(r.cases),
      classified: Number(r.classified),
      serious: Number(r.serious),
      le: Number(r.le),
      withOutcome: Number(r.closed),
      removal: Number(r.removal),
      supportOnly: Number(r.support),
    });
  }
  return { combos, students };
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

/**
 * Distinct students with a support referral made in the range, per group key (`*`, `race:BL`...).
 * A student counts in one group per dimension (their groups on their referrals, the largest
 * value when they differ), so each dimension's groups add up to all, as a public line needs.
 */
export async function supportStudents(db: Db, f: EquityFilter): Promise<Map<string, number>> {
  const school = f.schoolId ? sql`and school_id = ${f.schoolId}` : sql``;
  const rows = await sql<{ kind: string; g: string; n: number | string }>`
    with s as materialized (
      select student_id, max(race) as race, max(sex) as sex, max(idea) as idea, max(section504) as s504,
        max(english_learner) as el
      from support_referrals
      where district_id = ${f.districtId} and made_at >= ${f.from} and made_at < ${f.to} ${school}
      group by student_id
    )
    select 'race' as kind, race as g, count(*) as n from s group by race
    union all select 'sex', sex, count(*) from s group by sex
    union all select 'disability', case when idea = 1 then 'idea' when s504 = 1 then 'section504_only'
      else 'no_disability' end, count(*) from s
      group by case when idea = 1 then 'idea' when s504 = 1 then 'section504_only' else 'no_disability' end
    union all select 'english_learner', case when el = 1 then 'english_learner' else 'not_english_learner' end,
      count(*) from s group by case when el = 1 then 'english_learner' else 'not_english_learner' end
    union all select '*', '*', count(*) from s
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.kind === '*' ? '*' : `${r.kind}:${r.g}`, Number(r.n)]));
}
