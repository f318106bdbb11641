import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { RACES } from '@forefront/contract';
import type { ByRace, CrdcCounts, CrdcReport, CrdcSchool } from './crdc.js';

/**
 * A district's CRDC report written in OCR's 2020-21 school-level public-use file layout: the
 * file's 1,733 columns in OCR's order (assets/crdc-2020-21-layout/columns.txt, copied from the
 * published files), one row per school, so `forefront crdc import` reads it like OCR's own files.
 *
 * - Columns Forefront fills: identity, referrals and arrests, offenses, restraint and seclusion.
 * - Not collected (every other column: enrollment, staff, courses, ...; the state's name and the
 *   juvenile-justice flag): blank, never 0.
 * - Not applicable: `-9`, where OCR's own files put it. In the 2020-21 files every preschool-only
 *   school (39 of 39 in the eight states) carries -9 in the referral, arrest, restraint and
 *   seclusion cells and reports its offenses; Forefront does the same for a school whose grades
 *   are PK only.
 * - Only M and F: the layout has no other sex. Sex X students are in the JSON report, not here.
 */
export const CRDC_LAYOUT_YEAR = '2020-21';
export const NOT_APPLICABLE = -9;

export const CRDC_LAYOUT_COLUMNS: readonly string[] = readFileSync(
  new URL('../../../assets/crdc-2020-21-layout/columns.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .map((c) => c.trim())
  .filter(Boolean);

const SEXES = ['M', 'F'] as const;
type Cells = Record<string, number>;

const raceSum = (byRace: ByRace, sex: 'M' | 'F') => RACES.reduce((n, r) => n + byRace[r][sex], 0);

/** Referrals (`REF`) or arrests (`ARR`): the three disjoint groups, English learners within two of them. */
function disciplineCells(code: 'REF' | 'ARR', c: CrdcCounts, out: Cells) {
  for (const s of SEXES) {
    for (const r of RACES) {
      out[`SCH_DISCWODIS_${code}_${r}_${s}`] = c.withoutDisabilities[r][s];
      out[`SCH_DISCWDIS_${code}_IDEA_${r}_${s}`] = c.idea[r][s];
    }
    out[`TOT_DISCWODIS_${code}_${s}`] = raceSum(c.withoutDisabilities, s);
    out[`TOT_DISCWDIS_${code}_IDEA_${s}`] = raceSum(c.idea, s);
    out[`SCH_DISCWODIS_${code}_LEP_${s}`] = c.englishLearnersWithoutDisabilities[s];
    out[`SCH_DISCWDIS_${code}_LEP_${s}`] = c.englishLearnersIdea[s];
    out[`SCH_DISCWDIS_${code}_504_${s}`] = c.section504Only[s];
  }
}

/**
 * The 2020-21 layout has one "with a weapon" column per offense and no separate "with a firearm or
 * explosive device" column (the 2015-16 layout had `_ROBWX`, `_ATTWX`, `_THRWX`): a firearm is a
 * weapon, so Forefront's firearm categories are added to the weapon columns here. The JSON report
 * keeps them apart.
 */
function offenseCells(o: CrdcSchool['offenses'], out: Cells) {
  out.SCH_OFFENSE_RAPE = o.rape_or_attempted_rape;
  out.SCH_OFFENSE_BATT = o.sexual_assault;
  out.SCH_OFFENSE_ROBWW = o.robbery_with_weapon + o.robbery_with_firearm;
  out.SCH_OFFENSE_ROBWOW = o.robbery_without_weapon;
  out.SCH_OFFENSE_ATTWW = o.physical_attack_with_weapon + o.physical_attack_with_firearm;
  out.SCH_OFFENSE_ATTWOW = o.physical_attack_without_weapon;
  out.SCH_OFFENSE_THRWW = o.threat_with_weapon + o.threat_with_firearm;
  out.SCH_OFFENSE_THRWOW = o.threat_without_weapon;
  out.SCH_OFFENSE_POSSWX = o.possession_of_firearm_or_explosive;
}

const KIND_CODE = { mechanical: 'MECH', physical: 'PHYS', seclusion: 'SECL' } as const;

function restraintCells(rs: CrdcSchool['restraint'], out: Cells) {
  for (const kind of Object.keys(KIND_CODE) as (keyof typeof KIND_CODE)[]) {
    const k = KIND_CODE[kind];
    const { students, instances } = rs[kind];
    for (const s of SEXES) {
      for (const r of RACES) {
        out[`SCH_RS_NONIDEA_${k}_${r}_${s}`] = students.nonIdea[r][s];
        out[`SCH_RS_IDEA_${k}_${r}_${s}`] = students.idea[r][s];
      }
      out[`TOT_RS_NONIDEA_${k}_${s}`] = raceSum(students.nonIdea, s);
      out[`TOT_RS_IDEA_${k}_${s}`] = raceSum(students.idea, s);
      out[`SCH_RS_NONIDEA_${k}_LEP_${s}`] = students.englishLearnersNonIdea[s];
      out[`SCH_RS_IDEA_${k}_LEP_${s}`] = students.englishLearnersIdea[s];
      out[`SCH_RS_NONIDEA_${k}_504_${s}`] = students.section504Only[s];
    }
    out[`SCH_RSINSTANCES_${k}_WODIS`] = instances.withoutDisabilities;
    out[`SCH_RSINSTANCES_${k}_IDEA`] = instances.idea;
    out[`SCH_RSINSTANCES_${k}_504`] = instances.section504Only;
  }
}

/** Cells that are -9 for a preschool-only school, as in OCR's files. */
const notApplicableForPreschool = (column: string) => /^(SCH|TOT)_(DISCW|RS_|RSINSTANCES_)/.test(column);

export interface LayoutDistrict {
  state: string;
  ncesLeaId: string;
  name: string;
}

export function crdcLayoutRows(
  district: LayoutDistrict,
  report: CrdcReport,
  grades: Map<string, { gradeLow: string; gradeHigh: string }>,
): Record<string, string>[] {
  return report.schools.map((school) => {
    const cells: Cells = {};
    disciplineCells('REF', school.referred, cells);
    disciplineCells('ARR', school.arrested, cells);
    offenseCells(school.offenses, cells);
    restraintCells(school.restraint, cells);
    const g = grades.get(school.schoolId);
    const preschoolOnly = g?.gradeLow === 'PK' && g.gradeHigh === 'PK';
    const row: Record<string, string> = {
      LEA_STATE: district.state,
      LEAID: district.ncesLeaId,
      LEA_NAME: district.name,
      // NCESSCH is the 7-digit LEA id and a 5-digit school number; COMBOKEY equals it for ordinary schools.
      SCHID: school.ncesSchoolId.slice(7),
      SCH_NAME: school.name,
      COMBOKEY: school.ncesSchoolId,
      NCESSCH: school.ncesSchoolId,
    };
    for (const [column, n] of Object.entries(cells))
      row[column] = String(preschoolOnly && notApplicableForPreschool(column) ? NOT_APPLICABLE : n);
    return row;
  });
}

/** Every column Forefront fills must exist in the layout: a typo would otherwise vanish silently. */
export function unknownLayoutColumns(row: Record<string, string>): string[] {
  const known = new Set(CRDC_LAYOUT_COLUMNS);
  return Object.keys(row).filter((c) => !known.has(c));
}

export function crdcLayoutCsv(rows: Record<string, string>[]): string {
  const bad = rows.length ? unknownLayoutColumns(rows[0]!) : [];
  if (bad.length) throw new Error(`not in the CRDC ${CRDC_LAYOUT_YEAR} layout: ${bad.join(', ')}`);
  return stringify(rows, { header: true, columns: [...CRDC_LAYOUT_COLUMNS] });
}
