import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DistrictClock, Flag, IncidentInput } from '@forefront/contract';
import { type CountDelta, studentYearKeys, transparencyContribution } from './transparency.derive.js';

/**
 * Keeps transparency_counts and transparency_students in step with incident writes, inside the
 * caller's transaction (transparency.derive.ts says what each measure counts):
 * - incident measures by adding each incident's change of contribution (applyTransparencyChange),
 * - distinct-student measures by recomputing the touched students' rows from incident_students and
 *   then the `referred`/`arrested` rows of the touched schools from transparency_students
 *   (refreshStudentYears; refreshDistrictYears does the same for whole years, for the bulk import).
 */

const ROWS_PER_STATEMENT = 500;

/** An incident as the figures see it: its content, its flags and its state. */
export interface IncidentFigures {
  input: IncidentInput;
  flags: readonly Pick<Flag, 'kind'>[];
  state: string;
}

/**
 * One incident's write (create, edit, review, state change): its contribution moves from `before`
 * (null when new) to `after`, and the students on either side are recomputed.
 */
export async function applyIncidentTransparency(
  db: Db,
  districtId: string,
  before: IncidentFigures | null,
  after: IncidentFigures,
  clock: DistrictClock,
): Promise<void> {
  const was = before ? transparencyContribution(before.input, before.flags, before.state, clock) : null;
  await applyTransparencyChange(
    db,
    districtId,
    was,
    transparencyContribution(after.input, after.flags, after.state, clock),
  );
  await refreshStudentYears(db, districtId, [
    ...(before ? studentYearKeys(before.input, before.state, clock) : []),
    ...studentYearKeys(after.input, after.state, clock),
  ]);
}

const key = (d: Omit<CountDelta, 'value'>) => `${d.schoolYear}|${d.schoolId}|${d.measure}|${d.key}`;

/** Adds `after - before` (before null: a new incident) to the stored counts. */
export async function applyTransparencyChange(
  db: Db,
  districtId: string,
  before: readonly CountDelta[] | null,
  after: readonly CountDelta[],
): Promise<void> {
  const merged = new Map<string, CountDelta>();
  const add = (sign: 1 | -1, ds: readonly CountDelta[]) => {
    for (const d of ds) {
      const m = merged.get(key(d));
      if (m) m.value += sign * d.value;
      else merged.set(key(d), { ...d, value: sign * d.value });
    }
  };
  if (before) add(-1, before);
  add(1, after);
  await addCounts(
    db,
    districtId,
    [...merged.values()].filter((d) => d.value !== 0),
  );
}

/**
 * Adds deltas to transparency_counts, one key at most once per statement (PostgreSQL refuses to
 * upsert the same row twice in one), in key order so concurrent writers lock shared rows in the
 * same order. Rows a negative delta brought to zero are deleted: a missing row reads as 0, and a
 * school year with nothing left in it should not look like a year with figures.
 */
export async function addCounts(db: Db, districtId: string, deltas: readonly CountDelta[]): Promise<void> {
  const sorted = [...deltas].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
    const chunk = sorted.slice(i, i + ROWS_PER_STATEMENT);
    await db
      .insertInto('transparencyCounts')
      .values(
        chunk.map((d) => ({
          districtId,
          schoolYear: d.schoolYear,
          schoolId: d.schoolId,
          measure: d.measure,
          key: d.key,
          value: d.value,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['districtId', 'schoolYear', 'measure', 'key', 'schoolId'])
          .doUpdateSet((eb) => ({ value: eb('transparencyCounts.value', '+', eb.ref('excluded.value')) })),
      )
      .execute();
  }
  const lowered = sorted.filter((d) => d.value < 0);
  for (let i = 0; i < lowered.length; i += 100) {
    const chunk = lowered.slice(i, i + 100);
    await db
      .deleteFrom('transparencyCounts')
      .where('districtId', '=', districtId)
      .where('value', '=', 0)
      .where((eb) =>
        eb.or(
          chunk.map((d) =>
            eb.and([
              eb('schoolYear', '=', d.schoolYear),
              eb('schoolId', '=', d.schoolId),
              eb('measure', '=', d.measure),
              eb('key', '=', d.key),
            ]),
          ),
        ),
      )
      .execute();
  }
}

/** The incident measures summed in memory over a whole import, written once at the end. */
export class TransparencyAccumulator {
  private sums = new Map<string, CountDelta>();
  add(deltas: readonly CountDelta[]) {
    for (const d of deltas) {
      const m = this.sums.get(key(d));
      if (m) m.value += d.value;
      else this.sums.set(key(d), { ...d });
    }
  }
  /** School years touched, for refreshDistrictYears. */
  get years(): string[] {
    return [...new Set([...this.sums.values()].map((d) => d.schoolYear))].sort();
  }
  write(db: Db, districtId: string) {
    return addCounts(
      db,
      districtId,
      [...this.sums.values()].filter((d) => d.value !== 0),
    );
  }
}

/**
 * On PostgreSQL, writers that recompute the same school year's student rows wait for each other
 * (a transaction-scoped advisory lock), so each recomputation sees the other's committed rows
 * (READ COMMITTED takes a new snapshot per statement). SQLite serializes writers already.
 */
async function lockYears(db: Db, districtId: string, years: readonly string[]) {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const y of [...new Set(years)].sort())
    await sql`select pg_advisory_xact_lock(hashtextextended(${`transparency:${districtId}:${y}`}, 0))`.execute(db);
}

/**
 * transparency_students rows recomputed from incident_students of non-draft incidents: per student,
 * school year and the student's school, incidents that referred / arrested them, and demographics
 * from their latest such incident (by occurred_at, then id).
 */
function insertStudentRows(
  db: Db,
  districtId: string,
  schoolYear: RawBuilder<unknown>,
  studentIds: readonly string[] | null,
) {
  const students = studentIds ? sql`and s.student_id in (${sql.join(studentIds)})` : sql``;
  return sql`insert into transparency_students (district_id, school_year, school_id, student_id, race, sex, idea, section504, english_learner, referrals, arrests)
    select district_id, school_year, school_id, student_id, race, sex, idea, section504, english_learner, referrals, arrests from (
      select s.district_id, s.school_year, s.school_id, s.student_id, s.race, s.sex, s.idea, s.section504, s.english_learner,
        sum(s.referred) over w as referrals, sum(s.arrested) over w as arrests,
        row_number() over (partition by s.school_year, s.school_id, s.student_id order by i.occurred_at desc, i.id desc) as latest
      from incident_students s join incidents i on i.id = s.incident_id
      where s.district_id = ${districtId} and s.school_year ${schoolYear} ${students} and i.state <> 'draft'
      window w as (partition by s.school_year, s.school_id, s.student_id)
    ) t where latest = 1`.execute(db);
}

const GROUP_KEYS = [
  sql`'all:*'`,
  sql`'race:' || race`,
  sql`'sex:' || sex`,
  sql`case when idea = 1 then 'disability:idea' when section504 = 1 then 'disability:section504_only' else 'disability:no_disability' end`,
  sql`case when english_learner = 1 then 'english_learner:english_learner' else 'english_learner:not_english_learner' end`,
];

/** Replaces the `referred` and `arrested` rows where `where` (over transparency_students) holds. */
async function replaceStudentMeasures(db: Db, districtId: string, where: RawBuilder<unknown>) {
  await sql`delete from transparency_counts where district_id = ${districtId} and measure in ('referred', 'arrested') and ${where}`.execute(
    db,
  );
  const branches = (['referred', 'arrested'] as const).flatMap((measure) =>
    GROUP_KEYS.map(
      (
        k,
      ) => sql`select school_year, school_id, ${sql.lit(measure)} as measure, ${k} as ${sql.id('key')} from transparency_students
      where district_id = ${districtId} and ${where} and ${sql.ref(measure === 'referred' ? 'referrals' : 'arrests')} > 0`,
    ),
  );
  await sql`insert into transparency_counts (district_id, school_year, school_id, measure, ${sql.id('key')}, value)
    select ${districtId}, school_year, school_id, measure, ${sql.id('key')}, count(*) from (${sql.join(branches, sql` union all `)}) g
    group by school_year, school_id, measure, ${sql.id('key')}`.execute(db);
}

/**
 * Recomputes the transparency_students rows of these (student, school year) pairs (both before and
 * after a write), then the `referred`/`arrested` counts of every school where any of them had or
 * now has a row.
 */
export async function refreshStudentYears(
  db: Db,
  districtId: string,
  keys: readonly { studentId: string; schoolYear: string }[],
): Promise<void> {
  const byYear = new Map<string, Set<string>>();
  for (const k of keys)
    (byYear.get(k.schoolYear) ?? byYear.set(k.schoolYear, new Set()).get(k.schoolYear)!).add(k.studentId);
  if (byYear.size === 0) return;
  await lockYears(db, districtId, [...byYear.keys()]);
  for (const [year, set] of [...byYear].sort(([a], [b]) => a.localeCompare(b))) {
    const ids = [...set].sort();
    const schoolsOf = async () =>
      (
        await db
          .selectFrom('transparencyStudents')
          .select('schoolId')
          .distinct()
          .where('districtId', '=', districtId)
          .where('schoolYear', '=', year)
          .where('studentId', 'in', ids)
          .execute()
      ).map((r) => r.schoolId);
    const before = await schoolsOf();
    await db
      .deleteFrom('transparencyStudents')
      .where('districtId', '=', districtId)
      .where('schoolYear', '=', year)
      .where('studentId', 'in', ids)
      .execute();
    await insertStudentRows(db, districtId, sql`= ${year}`, ids);
    const schools = [...new Set([...before, ...(await schoolsOf())])].sort();
    if (schools.length)
      await replaceStudentMeasures(db, districtId, sql`school_year = ${year} and school_id in (${sql.join(schools)})`);
  }
}

/** The same for whole school years of a district, set-based (the bulk import, after its rows). */
export async function refreshDistrictYears(db: Db, districtId: string, years: readonly string[]): Promise<void> {
  if (years.length === 0) return;
  await lockYears(db, districtId, years);
  await db
    .deleteFrom('transparencyStudents')
    .where('districtId', '=', districtId)
    .where('schoolYear', 'in', [...years])
    .execute();
  await insertStudentRows(db, districtId, sql`in (${sql.join(years)})`, null);
  await replaceStudentMeasures(db, districtId, sql`school_year in (${sql.join(years)})`);
}
