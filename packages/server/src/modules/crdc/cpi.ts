import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * The Center for Public Integrity's 2017-18 national and state tables (assets/cpi-crdc-2017-18),
 * a reference benchmark shown as published, with its citation. Read once, on first use.
 */
export const CPI_CITATION =
  'Center for Public Integrity, "Criminalizing Kids" (2021), computed from the U.S. Department of Education Office for Civil Rights Civil Rights Data Collection, 2017-18.';
const CPI_URL = 'https://publicintegrity.org/';

export { CpiRowSchema, CpiTableSchema, type CpiRow, type CpiTable } from '@forefront/contract';
import type { CpiRow, CpiTable } from '@forefront/contract';

const CPI_RACE_WORDS = {
  HI: 'HISPANIC',
  AM: 'NATIVE',
  AS: 'ASIAN',
  HP: 'PACIFIC',
  BL: 'BLACK',
  WH: 'WHITE',
  TR: 'TWO_OR_MORE',
} as const;

const STATE_CODES: Record<string, string> = {
  ALABAMA: 'AL',
  ALASKA: 'AK',
  ARIZONA: 'AZ',
  ARKANSAS: 'AR',
  CALIFORNIA: 'CA',
  COLORADO: 'CO',
  CONNECTICUT: 'CT',
  DELAWARE: 'DE',
  'DISTRICT OF COLUMBIA': 'DC',
  FLORIDA: 'FL',
  GEORGIA: 'GA',
  HAWAII: 'HI',
  IDAHO: 'ID',
  ILLINOIS: 'IL',
  INDIANA: 'IN',
  IOWA: 'IA',
  KANSAS: 'KS',
  KENTUCKY: 'KY',
  LOUISIANA: 'LA',
  MAINE: 'ME',
  MARYLAND: 'MD',
  MASSACHUSETTS: 'MA',
  MICHIGAN: 'MI',
  MINNESOTA: 'MN',
  MISSISSIPPI: 'MS',
  MISSOURI: 'MO',
  MONTANA: 'MT',
  NEBRASKA: 'NE',
  NEVADA: 'NV',
  'NEW HAMPSHIRE': 'NH',
  'NEW JERSEY': 'NJ',
  'NEW MEXICO': 'NM',
  'NEW YORK': 'NY',
  'NORTH CAROLINA': 'NC',
  'NORTH DAKOTA': 'ND',
  OHIO: 'OH',
  OKLAHOMA: 'OK',
  OREGON: 'OR',
  PENNSYLVANIA: 'PA',
  'PUERTO RICO': 'PR',
  'RHODE ISLAND': 'RI',
  'SOUTH CAROLINA': 'SC',
  'SOUTH DAKOTA': 'SD',
  TENNESSEE: 'TN',
  TEXAS: 'TX',
  UTAH: 'UT',
  VERMONT: 'VT',
  VIRGINIA: 'VA',
  WASHINGTON: 'WA',
  'WEST VIRGINIA': 'WV',
  WISCONSIN: 'WI',
  WYOMING: 'WY',
};

/** "229,470" -> 229470, "29.7%" -> 29.7, NaN/NA/empty -> null. */
export function cpiNumber(raw: string | undefined): number | null {
  const s = (raw ?? '').replace(/[,%]/g, '').trim();
  if (s === '' || s === 'NaN' || s === 'NA') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function toRow(rec: Record<string, string>, name: string): CpiRow {
  const published = Object.fromEntries(
    Object.entries(rec)
      .filter(([k]) => k !== 'LEA_STATE_NAME')
      .map(([k, v]) => [k, cpiNumber(v)]),
  );
  const p = (k: string) => published[k] ?? null;
  const races = (f: (w: string) => string) =>
    Object.fromEntries(
      Object.entries(CPI_RACE_WORDS).map(([code, w]) => [code, p(f(w))]),
    ) as CpiRow['enrollmentByRace'];
  return {
    name,
    state: STATE_CODES[name] ?? null,
    referrals: p('REFERRALS_TOTAL'),
    referralsPerThousand: p('REFERRALS_TOTAL_PER_THOUSAND'),
    referralsDisabled: p('REFERRALS_DISABLED'),
    referralsByRaceExcl504: races((w) => `REFERRALS_${w}_EXCL_504`),
    enrollment: p('ENROLLMENT_TOTAL'),
    enrollmentDisabled: p('ENROLLMENT_DISABLED'),
    enrollmentByRace: races((w) => `ENROLLMENT_${w}`),
    leoFte: p('FTE_LEO'),
    leoFtePerThousand: p('FTE_LEO_PER_THOUSAND'),
    published,
  };
}

const read = (file: string) =>
  parse<Record<string, string>>(readFileSync(new URL(`../../../assets/cpi-crdc-2017-18/${file}`, import.meta.url)), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });

let cached: CpiTable | null = null;
export function loadCpiTable(): CpiTable {
  if (cached) return cached;
  const [national] = read('discipline_nationally.csv');
  if (!national) throw new Error('assets/cpi-crdc-2017-18/discipline_nationally.csv has no row');
  cached = {
    year: '2017-18',
    citation: CPI_CITATION,
    url: CPI_URL,
    national: toRow(national, 'USA'),
    states: read('discipline_by_state.csv').map((r) => toRow(r, r.LEA_STATE_NAME ?? '')),
  };
  return cached;
}
