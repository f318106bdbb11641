import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  type CrdcDistrictBenchmarkAnswer,
  type CrdcExposureRow,
  SchoolYearSchema,
  type StaffRatios,
} from '@forefront/contract';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { CRDC_SOURCE } from './crdc.service.js';
import { CRDC_RACES } from './crdc.columns.js';
import { crdcSummary } from './crdc.summary.js';

/** Recommended students per professional: ASCA (counselors), SSWAA (social workers), NASP (psychologists). */
export const RECOMMENDED_RATIOS = { counselor: 250, socialWorker: 250, psychologist: 500 } as const;

/** Staff FTE totals over the same rows a summary covers (reserve codes skipped by SUM). */
async function ratiosFor(
  db: Db,
  year: string,
  where: { state?: string; leaIds?: string[] },
  enrollment: number,
): Promise<StaffRatios> {
  let q = sql`select coalesce(sum(fte_counselor), 0) as c, coalesce(sum(fte_social_worker), 0) as s, coalesce(sum(fte_psychologist), 0) as p from crdc_schools where year = ${year}`;
  if (where.state) q = sql`${q} and state = ${where.state}`;
  if (where.leaIds) q = sql`${q} and lea_id in (${sql.join(where.leaIds.length ? where.leaIds : [''])})`;
  const row = (await q.execute(db)).rows[0] as Record<string, number | string>;
  const per = (fte: number) => (fte > 0 ? Math.round((enrollment / fte) * 10) / 10 : null);
  return {
    counselor: { studentsPerFte: per(Number(row.c)), recommended: 250 },
    socialWorker: { studentsPerFte: per(Number(row.s)), recommended: 250 },
    psychologist: { studentsPerFte: per(Number(row.p)), recommended: 500 },
  };
}

/**
 * Exposure to police by group from the CRDC school rows of a state or district: per race (and
 * `all`), students in schools whose sworn-officer FTE is published, and of them those in schools
 * with FTE > 0. A reserve-coded (missing) FTE leaves the school out of both; a missing enrollment
 * cell counts 0. Shares to four decimals.
 */
export async function crdcExposure(
  db: Db,
  year: string,
  where: { state?: string; leaIds?: string[] },
): Promise<CrdcExposureRow[]> {
  const enr = (stem: string) =>
    sql`coalesce(${sql.raw(`enr_${stem}_m`)}, 0) + coalesce(${sql.raw(`enr_${stem}_f`)}, 0)`;
  const groups = [['all', 'tot'], ...CRDC_RACES.map((r) => [r, r.toLowerCase()])] as const;
  const selections = groups.flatMap(([, stem]) => [
    sql`coalesce(sum(${enr(stem)}), 0) as ${sql.raw(`e${stem}`)}`,
    sql`coalesce(sum(case when fte_leo > 0 then ${enr(stem)} else 0 end), 0) as ${sql.raw(`w${stem}`)}`,
  ]);
  let q = sql`select ${sql.join(selections)} from crdc_schools where year = ${year} and fte_leo is not null`;
  if (where.state) q = sql`${q} and state = ${where.state}`;
  if (where.leaIds) q = sql`${q} and lea_id in (${sql.join(where.leaIds.length ? where.leaIds : [''])})`;
  const row = (await q.execute(db)).rows[0] as Record<string, number | string | null>;
  return groups.map(([group, stem]) => {
    const enrolled = Number(row[`e${stem}`] ?? 0);
    const withOfficer = Number(row[`w${stem}`] ?? 0);
    return {
      group,
      enrolled,
      withOfficer,
      share: enrolled > 0 ? Math.round((withOfficer / enrolled) * 10000) / 10000 : null,
    };
  });
}

/**
 * The federal benchmark views for one district (for the public pages): the district's CRDC figures
 * (matched by its NCES LEA id) beside its state and beside districts of similar enrollment, the
 * schools with a sworn officer but no counselor and their students, and staff ratios against the
 * recommended 250/250/500, and the exposure to police by group (district and state). Published
 * federal data: no suppression applies (docs/crdc.md), but the source is named with every answer.
 * 400 for a malformed year; 404 for an unknown district; `available: false` for a district with no
 * CRDC rows that year (e.g. its NCES LEA id is not in the imported files): the public page asks for
 * it on every visit, and "not loaded" is an answer, not a failed request.
 */
export async function crdcDistrictBenchmark(
  db: Db,
  districtId: string,
  year: string,
): Promise<CrdcDistrictBenchmarkAnswer> {
  // Checked before any query: a clear 400 rather than a 404 for a year that cannot exist.
  if (!SchoolYearSchema.safeParse(year).success) throw new ValidationError('year must be a school year like 2020-21');
  const district = await db
    .selectFrom('districts')
    .select(['ncesLeaId', 'state'])
    .where('id', '=', districtId)
    .executeTakeFirst();
  if (!district) throw new NotFoundError('District');
  const leaId = district.ncesLeaId;
  const own = await crdcSummary(db, { year, leaIds: [leaId] });
  if (own.schools === 0) return { available: false, year, source: CRDC_SOURCE };
  const state = await crdcSummary(db, { year, state: district.state });

  const sizes = await sql<{ leaId: string; enrollment: number | string }>`
    select lea_id, coalesce(sum(enr_tot_m), 0) + coalesce(sum(enr_tot_f), 0) as enrollment
    from crdc_schools where year = ${year} and state = ${district.state} and lea_id <> ${leaId} group by lea_id`.execute(
    db,
  );
  const similarIds = sizes.rows
    .map((r) => ({ leaId: r.leaId, enrollment: Number(r.enrollment) }))
    .filter((r) => r.enrollment >= own.enrollment / 2 && r.enrollment <= own.enrollment * 2)
    .sort(
      (a, b) =>
        Math.abs(a.enrollment - own.enrollment) - Math.abs(b.enrollment - own.enrollment) ||
        a.leaId.localeCompare(b.leaId),
    )
    .slice(0, 10)
    .map((r) => r.leaId);
  const similar = await crdcSummary(db, { year, leaIds: similarIds });

  const schools = await db
    .selectFrom('crdcSchools')
    .select(['combokey', 'schoolName', 'schoolId', 'fteLeo', 'enrTotM', 'enrTotF'])
    .where('year', '=', year)
    .where('leaId', '=', leaId)
    .where('fteLeo', '>', 0)
    .where('fteCounselor', '=', 0)
    .orderBy('schoolName')
    .execute();
  return {
    available: true,
    year,
    source: CRDC_SOURCE,
    exposure: {
      district: await crdcExposure(db, year, { leaIds: [leaId] }),
      state: await crdcExposure(db, year, { state: district.state }),
    },
    district: { leaId, summary: own, ratios: await ratiosFor(db, year, { leaIds: [leaId] }, own.enrollment) },
    state: {
      state: district.state,
      summary: state,
      ratios: await ratiosFor(db, year, { state: district.state }, state.enrollment),
    },
    similar: {
      leaIds: similarIds,
      summary: similar,
      ratios: await ratiosFor(db, year, { leaIds: similarIds }, similar.enrollment),
    },
    leoNoCounselor: schools.map((s) => ({
      combokey: s.combokey,
      schoolName: s.schoolName,
      schoolId: s.schoolId,
      enrollment: (s.enrTotM ?? 0) + (s.enrTotF ?? 0),
      leoFte: Number(s.fteLeo),
    })),
  };
}
