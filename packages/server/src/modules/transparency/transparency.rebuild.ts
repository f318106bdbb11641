import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { RESPONSE_BUCKETS, WEAPON_BEHAVIORS } from '@forefront/contract';
import type { Db } from '../../db/database.js';

/**
 * Recomputes a district's transparency_students and every transparency_counts row except
 * `enrolled` (a roster snapshot, not derivable from incidents) from the raw incident tables, in
 * the caller's transaction. Written on purpose without the incremental code (transparency.derive.ts,
 * transparency.aggregates.ts): it is the oracle the tests compare the incremental figures with, and
 * the repair tool if they ever drift. Set-based: a handful of statements whatever the district's size.
 */

const COUNTED = sql`('submitted', 'reviewed', 'closed')`;
const FORCE = sql`('restrained_physical', 'restrained_mechanical', 'used_force')`;
const WEAPONS = sql`(${sql.join(WEAPON_BEHAVIORS.map((b) => sql.lit(b)))})`;

/** RESPONSE_BUCKETS ('0-2', '2-5', ..., '60+': minutes, [from, to)) as a CASE over seconds. */
function responseCase(): RawBuilder<unknown> {
  const whens = RESPONSE_BUCKETS.map((label) => {
    const m = /^(\d+)(?:-(\d+)|\+)$/.exec(label);
    if (!m) throw new Error(`Unexpected response bucket ${label}`);
    return m[2] === undefined
      ? sql`else ${sql.lit(label)}`
      : sql`when c.response_seconds < ${sql.lit(Number(m[2]) * 60)} then ${sql.lit(label)}`;
  });
  return sql`case ${sql.join(whens, sql` `)} end`;
}

export interface RebuildSummary {
  students: number;
  counts: number;
}

export async function rebuildTransparency(db: Db, districtId: string): Promise<RebuildSummary> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg)
    await sql`select pg_advisory_xact_lock(hashtextextended(${`transparency-rebuild:${districtId}`}, 0))`.execute(db);
  await db
    .deleteFrom('transparencyCounts')
    .where('districtId', '=', districtId)
    .where('measure', '<>', 'enrolled')
    .execute();
  await db.deleteFrom('transparencyStudents').where('districtId', '=', districtId).execute();

  const behaviors = pg
    ? sql`cross join lateral jsonb_array_elements_text(i.behaviors::jsonb) as b(value)`
    : sql`cross join json_each(i.behaviors) b`;
  const counted = sql`i.district_id = ${districtId} and i.state in ${COUNTED}`;
  await sql`insert into transparency_counts (district_id, school_year, school_id, measure, ${sql.id('key')}, value)
    select ${districtId}, school_year, school_id, measure, k, n from (
      select i.school_year, i.school_id, 'incidents' as measure, '*' as k, count(*) as n from incidents i where ${counted} group by i.school_year, i.school_id
      union all
      select i.school_year, i.school_id, 'incident_type', b.value, count(distinct i.id)
        from incidents i ${behaviors}
        where ${counted} group by i.school_year, i.school_id, b.value
      union all
      select i.school_year, i.school_id, 'weapon_incidents', '*', count(distinct i.id)
        from incidents i ${behaviors}
        where ${counted} and b.value in ${WEAPONS} group by i.school_year, i.school_id
      union all
      select i.school_year, i.school_id, 'contacts', c.purpose, count(*)
        from incidents i join sro_contacts c on c.incident_id = i.id
        where ${counted} group by i.school_year, i.school_id, c.purpose
      union all
      select i.school_year, i.school_id, 'classroom_contacts', '*', count(*)
        from incidents i join sro_contacts c on c.incident_id = i.id
        where ${counted} and i.location = 'classroom' group by i.school_year, i.school_id
      union all
      select i.school_year, i.school_id, 'violations', f.kind, count(*)
        from incidents i join incident_flags f on f.incident_id = i.id
        where ${counted} group by i.school_year, i.school_id, f.kind
      union all
      select i.school_year, i.school_id, 'force', a.action, count(*)
        from incidents i join sro_actions a on a.incident_id = i.id
        where ${counted} and a.action in ${FORCE} group by i.school_year, i.school_id, a.action
      union all
      select i.school_year, i.school_id, 'response', ${responseCase()}, count(*) from incidents i join sro_contacts c on c.incident_id = i.id
        where ${counted} and c.response_seconds is not null group by i.school_year, i.school_id, ${responseCase()}
    ) x`.execute(db);

  // One row per student, school year and the student's own school: counts of distinct incidents,
  // demographics from the row of the incident no other counted incident of theirs comes after.
  await sql`insert into transparency_students (district_id, school_year, school_id, student_id, race, sex, idea, section504, english_learner, referrals, arrests)
    select s.district_id, s.school_year, s.school_id, s.student_id, s.race, s.sex, s.idea, s.section504, s.english_learner, agg.referrals, agg.arrests
    from incident_students s
    join incidents i on i.id = s.incident_id
    join (
      select s2.school_year, s2.school_id, s2.student_id,
        count(distinct case when s2.referred = 1 then s2.incident_id end) as referrals,
        count(distinct case when s2.arrested = 1 then s2.incident_id end) as arrests
      from incident_students s2 join incidents i2 on i2.id = s2.incident_id
      where s2.district_id = ${districtId} and i2.state in ${COUNTED}
      group by s2.school_year, s2.school_id, s2.student_id
    ) agg on agg.school_year = s.school_year and agg.school_id = s.school_id and agg.student_id = s.student_id
    where s.district_id = ${districtId} and i.state in ${COUNTED}
      and not exists (
        select 1 from incident_students s3 join incidents i3 on i3.id = s3.incident_id
        where s3.student_id = s.student_id and s3.school_year = s.school_year and s3.school_id = s.school_id and i3.state in ${COUNTED}
          and (i3.occurred_at > i.occurred_at or (i3.occurred_at = i.occurred_at and i3.id > i.id))
      )`.execute(db);

  // Distinct students per group: one grouped read, the keys spelled out here.
  const groups = await sql<{
    schoolYear: string;
    schoolId: string;
    race: string;
    sex: string;
    idea: number;
    section504: number;
    englishLearner: number;
    referred: number | string;
    arrested: number | string;
  }>`
    select school_year, school_id, race, sex, idea, section504, english_learner,
      sum(case when referrals > 0 then 1 else 0 end) as referred, sum(case when arrests > 0 then 1 else 0 end) as arrested
    from transparency_students where district_id = ${districtId}
    group by school_year, school_id, race, sex, idea, section504, english_learner`.execute(db);
  const cells = new Map<
    string,
    { schoolYear: string; schoolId: string; measure: string; key: string; value: number }
  >();
  for (const g of groups.rows) {
    const disability = Number(g.idea) ? 'idea' : Number(g.section504) ? 'section504_only' : 'no_disability';
    const el = Number(g.englishLearner) ? 'english_learner' : 'not_english_learner';
    for (const [measure, n] of [
      ['referred', Number(g.referred)],
      ['arrested', Number(g.arrested)],
    ] as const) {
      if (n === 0) continue;
      for (const k of [
        'all:*',
        `race:${g.race}`,
        `sex:${g.sex}`,
        `disability:${disability}`,
        `english_learner:${el}`,
      ]) {
        const id = `${g.schoolYear}|${g.schoolId}|${measure}|${k}`;
        const c =
          cells.get(id) ??
          cells.set(id, { schoolYear: g.schoolYear, schoolId: g.schoolId, measure, key: k, value: 0 }).get(id)!;
        c.value += n;
      }
    }
  }
  const rows = [...cells.values()];
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('transparencyCounts')
      .values(rows.slice(i, i + 500).map((r) => ({ districtId, ...r })))
      .execute();

  const [students, counts] = await Promise.all([
    db
      .selectFrom('transparencyStudents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('districtId', '=', districtId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('transparencyCounts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('districtId', '=', districtId)
      .where('measure', '<>', 'enrolled')
      .executeTakeFirstOrThrow(),
  ]);
  return { students: Number(students.n), counts: Number(counts.n) };
}
