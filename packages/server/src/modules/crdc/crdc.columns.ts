/**
 * The CRDC school-file columns Forefront keeps, and where each one lands (docs/crdc.md has the
 * same mapping as a table). One list drives the import, the table type and the summary, so the
 * three never disagree. Column names are the 2020-21 public-use file's (same families as the
 * 2015-16 record layout in ../shared/data).
 */
export const CRDC_RACES = ['HI', 'AM', 'AS', 'HP', 'BL', 'WH', 'TR'] as const;
export type CrdcRace = (typeof CRDC_RACES)[number];
const SEXES = ['M', 'F'] as const;

/** OCR's offense columns (`SCH_OFFENSE_<code>`, incidents per school) and the property stem of each. */
export const CRDC_OFFENSE_COLUMNS = [
  ['RAPE', 'rape'],
  ['BATT', 'batt'],
  ['ROBWW', 'robww'],
  ['ROBWOW', 'robwow'],
  ['ATTWW', 'attww'],
  ['ATTWOW', 'attwow'],
  ['THRWW', 'thrww'],
  ['THRWOW', 'thrwow'],
  ['POSSWX', 'posswx'],
] as const;
/** Restraint and seclusion kinds as OCR names them: mechanical, physical, seclusion. */
export const CRDC_RS_KINDS = ['MECH', 'PHYS', 'SECL'] as const;

export type CrdcValueKind = 'count' | 'fte';
export interface CrdcColumn {
  /** The column in OCR's CSV. */
  csv: string;
  /** The property on crdc_schools rows (camelCase; snake_case in SQL). */
  prop: string;
  kind: CrdcValueKind;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1).toLowerCase();

function build(): CrdcColumn[] {
  const out: CrdcColumn[] = [];
  const count = (csv: string, prop: string) => out.push({ csv, prop, kind: 'count' });
  for (const s of SEXES) {
    for (const r of CRDC_RACES) count(`SCH_ENR_${r}_${s}`, `enr${cap(r)}${s}`);
    count(`TOT_ENR_${s}`, `enrTot${s}`);
    count(`SCH_ENR_IDEA_${s}`, `enrIdea${s}`);
    count(`SCH_ENR_504_${s}`, `enrSec504${s}`);
    count(`SCH_ENR_LEP_${s}`, `enrLep${s}`);
  }
  for (const [act, code] of [
    ['ref', 'REF'],
    ['arr', 'ARR'],
  ] as const) {
    for (const s of SEXES) {
      for (const r of CRDC_RACES) {
        count(`SCH_DISCWODIS_${code}_${r}_${s}`, `${act}Wodis${cap(r)}${s}`);
        count(`SCH_DISCWDIS_${code}_IDEA_${r}_${s}`, `${act}Idea${cap(r)}${s}`);
      }
      count(`TOT_DISCWODIS_${code}_${s}`, `${act}WodisTot${s}`);
      count(`TOT_DISCWDIS_${code}_IDEA_${s}`, `${act}IdeaTot${s}`);
      count(`SCH_DISCWODIS_${code}_LEP_${s}`, `${act}WodisLep${s}`);
      count(`SCH_DISCWDIS_${code}_LEP_${s}`, `${act}IdeaLep${s}`);
      count(`SCH_DISCWDIS_${code}_504_${s}`, `${act}Sec504${s}`);
    }
  }
  for (const [code, prop] of CRDC_OFFENSE_COLUMNS) count(`SCH_OFFENSE_${code}`, `offense${cap(prop)}`);
  // Restraint and seclusion (issue 12.3): IDEA and non-IDEA students (504-only a subset of
  // non-IDEA), and instances in the three disjoint groups.
  for (const k of CRDC_RS_KINDS) {
    for (const s of SEXES) {
      for (const g of ['NONIDEA', 'IDEA'] as const) {
        for (const r of CRDC_RACES) count(`SCH_RS_${g}_${k}_${r}_${s}`, `rs${cap(g)}${cap(k)}${cap(r)}${s}`);
        count(`TOT_RS_${g}_${k}_${s}`, `rs${cap(g)}${cap(k)}Tot${s}`);
        count(`SCH_RS_${g}_${k}_LEP_${s}`, `rs${cap(g)}${cap(k)}Lep${s}`);
      }
      count(`SCH_RS_NONIDEA_${k}_504_${s}`, `rsNonidea${cap(k)}Sec504${s}`);
    }
    for (const g of ['WODIS', 'IDEA', '504'] as const)
      count(`SCH_RSINSTANCES_${k}_${g}`, `rsInst${cap(k)}${g === '504' ? 'Sec504' : cap(g)}`);
  }
  const fte = (csv: string, prop: string) => out.push({ csv, prop, kind: 'fte' });
  fte('SCH_FTESECURITY_LEO', 'fteLeo');
  fte('SCH_FTESECURITY_GUA', 'fteGuard');
  fte('SCH_FTECOUNSELORS', 'fteCounselor');
  fte('SCH_FTESERVICES_NUR', 'fteNurse');
  fte('SCH_FTESERVICES_PSY', 'ftePsychologist');
  fte('SCH_FTESERVICES_SOC', 'fteSocialWorker');
  fte('SCH_FTETEACH_TOT', 'fteTeacher');
  return out;
}

export const CRDC_VALUE_COLUMNS: readonly CrdcColumn[] = build();

/** Identity columns, always required in a file. */
export const CRDC_ID_COLUMNS = ['LEA_STATE', 'LEAID', 'LEA_NAME', 'SCH_NAME', 'COMBOKEY', 'NCESSCH', 'JJ'] as const;

/** camelCase property to snake_case SQL column, as Kysely's CamelCasePlugin does it. */
export const sqlName = (prop: string) => prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
