import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { INVALID_CHARACTERS_MESSAGE, isStorableText } from '../../shared/text.js';
import { AppError, ValidationError } from '../../shared/errors.js';
import { CRDC_ID_COLUMNS, CRDC_VALUE_COLUMNS, type CrdcColumn } from './crdc.columns.js';

export interface CrdcImportProgress {
  file: string;
  rows: number;
  /** Bytes read of all files so far, and of all files together. */
  bytes: number;
  totalBytes: number;
}
export interface CrdcFileReport {
  file: string;
  year: string;
  states: string[];
  rows: number;
  /** Rows now linked to one of the districts' own schools by NCES id. */
  linked: number;
}

/**
 * Why a CRDC file is refused, as a code the web translates (issue 13): crdc_no_year, crdc_bad_value,
 * crdc_wrong_state, crdc_not_crdc_file. A 400 like any ValidationError; the message stays English
 * for the command line.
 */
export class CrdcFileError extends AppError {
  constructor(code: 'crdc_no_year' | 'crdc_bad_value' | 'crdc_wrong_state' | 'crdc_not_crdc_file', message: string) {
    super(400, code, message);
  }
}

/** 2020-21 from `CRDC_2020-21_AK.csv`: OCR's files carry no year column, so the name or --year must. */
export function yearOf(file: string, given?: string): string {
  const year = given ?? /(\d{4}-\d{2})/.exec(basename(file))?.[1];
  if (!year || !/^\d{4}-\d{2}$/.test(year))
    throw new CrdcFileError(
      'crdc_no_year',
      `cannot tell the collection year of ${basename(file)}: name it like CRDC_2020-21_XX.csv or pass --year 2020-21`,
    );
  return year;
}

/** Rows per INSERT: ~250 columns each (15,000 parameters) stays well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 60;

/**
 * A CSV value: empty is missing; a negative number is an OCR reserve code, also missing (never
 * zero); anything else must be a number (a count must be whole).
 */
function valueOf(raw: string, col: CrdcColumn, where: () => string): number | null {
  if (raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || (col.kind === 'count' && !Number.isInteger(n)))
    throw new CrdcFileError(
      'crdc_bad_value',
      `${where()}, ${col.csv}: "${raw}" is not a ${col.kind === 'count' ? 'whole number' : 'number'}`,
    );
  return n < 0 ? null : n;
}

/**
 * Import one public-use school file: every row upserted by (year, COMBOKEY) in one transaction, so a
 * rerun of the same file replaces rather than duplicates, and a bad file changes nothing. Then the
 * rows are linked to the districts' own schools with the same NCES id.
 */
export async function importCrdcFile(
  db: Db,
  file: string,
  opts: {
    year?: string;
    onRows?: (rows: number, bytes: number) => void;
    /** Only rows of this state (a district loading its own state's file from the app); any other refuses the file. */
    onlyState?: string;
  } = {},
): Promise<CrdcFileReport> {
  const year = yearOf(file, opts.year);
  const name = basename(file);
  const input = createReadStream(file);
  let bytes = 0;
  input.on('data', (chunk) => (bytes += chunk.length));
  const parser = input.pipe(parse({ bom: true, relax_column_count: false }));
  const states = new Set<string>();
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    let index: { id: Record<(typeof CRDC_ID_COLUMNS)[number], number>; values: number[] } | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const values = batch;
      batch = [];
      await trx
        .insertInto('crdcSchools')
        .values(values as never)
        .onConflict((oc) => oc.columns(['year', 'combokey']).doUpdateSet(UPDATE_SET))
        .execute();
    };
    try {
      for await (const rec of parser as AsyncIterable<string[]>) {
        if (!index) {
          index = headerIndex(rec, name);
          continue;
        }
        rows++;
        const line = rows + 1;
        if (!rec.every(isStorableText))
          throw new ValidationError(`${name} line ${line}: ${INVALID_CHARACTERS_MESSAGE}`);
        const at = (i: number) => rec[i] ?? '';
        const combokey = at(index.id.COMBOKEY);
        if (!/^[0-9A-Z]{12}$/.test(combokey))
          throw new ValidationError(
            `${name} line ${line}: COMBOKEY "${combokey}" is not the 12-character CRDC school id`,
          );
        const state = at(index.id.LEA_STATE);
        if (opts.onlyState !== undefined && state !== opts.onlyState)
          throw new CrdcFileError(
            'crdc_wrong_state',
            `${name} line ${line}: a school in ${state || 'no state'}; this district loads only ${opts.onlyState}'s file`,
          );
        states.add(state);
        const row: Record<string, unknown> = {
          year,
          combokey,
          ncesSchoolId: at(index.id.NCESSCH) || null,
          leaId: at(index.id.LEAID),
          leaName: at(index.id.LEA_NAME),
          state,
          schoolName: at(index.id.SCH_NAME),
          juvenileJustice: at(index.id.JJ) === 'Yes' ? 1 : 0,
        };
        for (let c = 0; c < CRDC_VALUE_COLUMNS.length; c++) {
          const col = CRDC_VALUE_COLUMNS[c]!;
          row[col.prop] = valueOf(at(index.values[c]!), col, () => `${name} line ${line}`);
        }
        batch.push(row);
        if (batch.length >= BATCH) {
          await flush();
          opts.onRows?.(rows, bytes);
        }
      }
      await flush();
    } catch (err) {
      input.destroy();
      if (err instanceof ValidationError) throw err;
      const e = err as { code?: string; message?: string };
      if (e.code?.startsWith('CSV_')) throw new ValidationError(`${name}: ${e.message}`);
      throw err;
    }
    if (!index) throw new ValidationError(`${name} is empty`);
    await linkSchools(trx, year, [...states]);
  });
  opts.onRows?.(rows, bytes);
  const linked = await db
    .selectFrom('crdcSchools')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('year', '=', year)
    .where('state', 'in', [...states].length ? [...states] : [''])
    .where('schoolId', 'is not', null)
    .executeTakeFirstOrThrow();
  return { file: name, year, states: [...states].sort(), rows, linked: Number(linked.n) };
}

/** On conflict, every published value and name is replaced; the link to the district's school is redone after. */
const UPDATE_SET: Record<string, unknown> = Object.fromEntries(
  [
    'ncesSchoolId',
    'leaId',
    'leaName',
    'state',
    'schoolName',
    'juvenileJustice',
    ...CRDC_VALUE_COLUMNS.map((c) => c.prop),
  ].map((p) => [p, sql.ref(`excluded.${p}`)]),
);

function headerIndex(header: string[], name: string) {
  const pos = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = [...CRDC_ID_COLUMNS, ...CRDC_VALUE_COLUMNS.map((c) => c.csv)].filter((c) => !pos.has(c));
  if (missing.length)
    throw new CrdcFileError(
      'crdc_not_crdc_file',
      `${name} is not a CRDC school-level file: missing ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`,
    );
  return {
    id: Object.fromEntries(CRDC_ID_COLUMNS.map((c) => [c, pos.get(c)!])) as Record<
      (typeof CRDC_ID_COLUMNS)[number],
      number
    >,
    values: CRDC_VALUE_COLUMNS.map((c) => pos.get(c.csv)!),
  };
}

/**
 * Link rows to the districts' own schools: NCESSCH when OCR published one, else COMBOKEY (which
 * equals NCESSCH for ordinary schools). A row whose school is gone from the roster is unlinked.
 */
async function linkSchools(trx: Db, year: string, states: string[]) {
  for (const state of states) {
    await sql`update crdc_schools set
        school_id = (select s.id from schools s where s.nces_school_id = coalesce(crdc_schools.nces_school_id, crdc_schools.combokey)),
        district_id = (select s.district_id from schools s where s.nces_school_id = coalesce(crdc_schools.nces_school_id, crdc_schools.combokey))
      where year = ${year} and state = ${state}`.execute(trx);
  }
}

/** Import several files in order; one transaction each. */
export async function importCrdcFiles(
  db: Db,
  files: string[],
  opts: { year?: string; onProgress?: (p: CrdcImportProgress) => void } = {},
): Promise<CrdcFileReport[]> {
  const sizes = files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      throw new ValidationError(`cannot read ${f}`);
    }
  });
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let before = 0;
  let rowsBefore = 0;
  const reports: CrdcFileReport[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const report = await importCrdcFile(db, file, {
      ...(opts.year && { year: opts.year }),
      onRows: (rows, bytes) =>
        opts.onProgress?.({ file: basename(file), rows: rowsBefore + rows, bytes: before + bytes, totalBytes }),
    });
    before += sizes[i]!;
    rowsBefore += report.rows;
    reports.push(report);
  }
  return reports;
}
