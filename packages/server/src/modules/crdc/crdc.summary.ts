import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { CRDC_RACES, type CrdcRace, sqlName } from './crdc.columns.js';

export { CrdcSummarySchema, type CrdcSummary } from '@forefront/contract';
import type { CrdcSummary } from '@forefront/contract';

const col = (prop: string) => sql.raw(sqlName(prop));
const cap = (r: string) => r[0] + r.slice(1).toLowerCase();
/** SUM skips NULL (reserve codes); a group with every value missing sums to 0, not null. */
const total = (props: string[]) =>
  sql.join(
    props.map((p) => sql`coalesce(sum(${col(p)}), 0)`),
    sql` + `,
  );
const both = (stem: string) => [`${stem}M`, `${stem}F`];
/** A school's own enrollment: the published male and female totals, a missing one left out. */
const schoolEnrollment = sql`(coalesce(enr_tot_m, 0) + coalesce(enr_tot_f, 0))`;
/** A sworn officer on site (FTE > 0) and a counselor FTE published as exactly 0: missing is not "no counselor". */
const leoNoCounselor = sql`fte_leo > 0 and fte_counselor = 0`;

export interface CrdcScope {
  year: string;
  state?: string;
  leaIds?: string[];
}

/** Sums in the database (one row back), so the public route never ships school rows to Node. */
export async function crdcSummary(db: Db, scope: CrdcScope): Promise<CrdcSummary> {
  const selections: Record<string, RawBuilder<unknown>> = {
    schools: sql`count(*)`,
    enrollment: total([...both('enrTot')]),
    leofte: sql`coalesce(sum(fte_leo), 0)`,
    withleo: sql`coalesce(sum(case when fte_leo > 0 then 1 else 0 end), 0)`,
    leonocounselor: sql`coalesce(sum(case when ${leoNoCounselor} then 1 else 0 end), 0)`,
    studentsleonocounselor: sql`coalesce(sum(case when ${leoNoCounselor} then ${schoolEnrollment} else 0 end), 0)`,
    referrals: total([...both('refWodisTot'), ...both('refIdeaTot'), ...both('refSec504')]),
    arrests: total([...both('arrWodisTot'), ...both('arrIdeaTot'), ...both('arrSec504')]),
  };
  for (const r of CRDC_RACES) {
    selections[`ref${r.toLowerCase()}`] = total([...both(`refWodis${cap(r)}`), ...both(`refIdea${cap(r)}`)]);
    selections[`arr${r.toLowerCase()}`] = total([...both(`arrWodis${cap(r)}`), ...both(`arrIdea${cap(r)}`)]);
    selections[`enr${r.toLowerCase()}`] = total(both(`enr${cap(r)}`));
  }
  let q = sql`select ${sql.join(Object.entries(selections).map(([k, v]) => sql`${v} as ${sql.raw(k)}`))} from crdc_schools where year = ${scope.year}`;
  if (scope.state) q = sql`${q} and state = ${scope.state}`;
  if (scope.leaIds) q = sql`${q} and lea_id in (${sql.join(scope.leaIds.length ? scope.leaIds : [''])})`;
  const { rows } = await q.execute(db);
  const row = rows[0] as Record<string, string | number | null>;
  const n = (k: string) => Number(row[k] ?? 0);
  const races = (prefix: string) =>
    Object.fromEntries(CRDC_RACES.map((r) => [r, n(`${prefix}${r.toLowerCase()}`)])) as Record<CrdcRace, number>;
  return {
    schools: n('schools'),
    enrollment: n('enrollment'),
    // FTEs are published in hundredths; rounding the sum removes binary floating-point noise.
    leo_fte: Math.round(n('leofte') * 100) / 100,
    schools_with_leo: n('withleo'),
    schools_leo_no_counselor: n('leonocounselor'),
    students_leo_no_counselor: n('studentsleonocounselor'),
    referrals: n('referrals'),
    arrests: n('arrests'),
    referrals_by_race_excl_504: races('ref'),
    arrests_by_race_excl_504: races('arr'),
    enrollment_by_race: races('enr'),
  };
}
