import { GRADES, type ImportRowError, type Race, type Sex, type StudentImportFile } from '@forefront/contract';

type Code = NonNullable<ImportRowError['code']>;
type Params = NonNullable<ImportRowError['params']>;
import { type CsvSource, listField, parseFlag, readCsv } from './student.csv.js';
import { type FlagsRow, readFlags } from './student.flags.js';
import type { StudentUpsert } from './student.upsert.js';

/**
 * OneRoster 1.1 CSV (bulk) to roster rows. Reads, in order: orgs.csv (optional: OneRoster org
 * sourcedId -> `identifier`, which must be the school's 12-digit NCES id), demographics.csv,
 * flags.csv (optional, ours: IDEA, Section 504, English learner), then users.csv, whose
 * role=student rows become students. Nothing is written here: the caller writes only when
 * `errors` is empty.
 */
export interface RosterFiles {
  users: CsvSource;
  demographics: CsvSource;
  orgs?: CsvSource;
  flags?: CsvSource;
}

export interface SchoolRef {
  id: string;
  ncesSchoolId: string;
}

export interface RosterRead {
  rows: StudentUpsert[];
  rowsRead: number;
  errors: ImportRowError[];
  errorCount: number;
}

/** Called with the file being read and its data rows so far (the CLI's progress line). */
export type Progress = (file: StudentImportFile, rows: number) => void;

export type Grade = (typeof GRADES)[number];

export const MAX_REPORTED_ERRORS = 1000;
const PROGRESS_EVERY = 500;

const USERS_COLUMNS = [
  'sourcedId',
  'role',
  'orgSourcedIds',
  'givenName',
  'familyName',
  'identifier',
  'grades',
] as const;
const RACE_COLUMNS = {
  americanIndianOrAlaskaNative: 'AM',
  asian: 'AS',
  blackOrAfricanAmerican: 'BL',
  nativeHawaiianOrOtherPacificIslander: 'HP',
  white: 'WH',
} as const satisfies Record<string, Race>;
const DEMOGRAPHICS_COLUMNS = [
  'sourcedId',
  'sex',
  ...Object.keys(RACE_COLUMNS),
  'demographicRaceTwoOrMoreRaces',
  'hispanicOrLatinoEthnicity',
];
const SEX: Record<string, Sex> = { male: 'M', female: 'F', other: 'X' };
const STATUSES = new Set(['', 'active', 'tobedeleted']);
const NAME_MAX = 100;
const ID_MAX = 64;

/** OneRoster grades are CEDS codes ("01".."12", "KG", "PK"); a bare "1".."9" is accepted too. */
export function gradeOf(value: string): Grade | null {
  const v = value.trim().toUpperCase();
  const padded = /^\d$/.test(v) ? `0${v}` : v;
  return (GRADES as readonly string[]).includes(padded) ? (padded as Grade) : null;
}

/**
 * The federal rule (OMB 1997, as CRDC and Ed-Fi report it): Hispanic or Latino of any race is
 * HI; otherwise exactly one race is that race; two or more races are TR.
 */
export function raceOf(hispanic: boolean, races: readonly Race[], twoOrMore: boolean): Race | null {
  if (hispanic) return 'HI';
  if (twoOrMore || races.length > 1) return 'TR';
  return races[0] ?? null;
}

interface Demographics {
  race: Race;
  sex: Sex;
}

export async function readRoster(
  files: RosterFiles,
  schools: readonly SchoolRef[],
  onProgress: Progress = () => {},
): Promise<RosterRead> {
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  const fail = (e: ImportRowError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const tick = (file: StudentImportFile, n: number) => n % PROGRESS_EVERY === 0 && onProgress(file, n);

  // orgs.csv: OneRoster org sourcedId -> NCES school id.
  const orgToNces = new Map<string, string>();
  if (files.orgs !== undefined) {
    let n = 0;
    for await (const r of readCsv('orgs.csv', files.orgs, ['sourcedId', 'identifier'], fail)) {
      tick('orgs.csv', ++n);
      const id = r.get('sourcedId');
      if (!id)
        fail({ file: 'orgs.csv', row: r.row, column: 'sourcedId', reason: 'Empty sourcedId', code: 'empty_value' });
      else if (orgToNces.has(id))
        fail({
          file: 'orgs.csv',
          row: r.row,
          column: 'sourcedId',
          reason: `Duplicate org sourcedId "${id}"`,
          code: 'duplicate',
          params: { value: id },
        });
      else orgToNces.set(id, r.get('identifier'));
    }
    onProgress('orgs.csv', n);
  }
  const schoolByNces = new Map(schools.map((s) => [s.ncesSchoolId, s.id]));

  // demographics.csv, by user sourcedId.
  const demographics = new Map<string, Demographics & { row: number }>();
  // Rows already reported in demographics.csv: their students get no second error in users.csv.
  const invalidDemographics = new Set<string>();
  let n = 0;
  for await (const r of readCsv('demographics.csv', files.demographics, DEMOGRAPHICS_COLUMNS, fail)) {
    tick('demographics.csv', ++n);
    const at = (column: string | null, reason: string, code: Code, params?: Params) =>
      fail({ file: 'demographics.csv', row: r.row, column, reason, code, ...(params ? { params } : {}) });
    const id = r.get('sourcedId');
    if (!id) {
      at('sourcedId', 'Empty sourcedId', 'empty_value');
      continue;
    }
    const dup = demographics.get(id);
    if (dup) {
      at('sourcedId', `Duplicate sourcedId "${id}" (also row ${dup.row})`, 'duplicate', { value: id, row: dup.row });
      continue;
    }
    let ok = true;
    const flag = (column: string) => {
      const v = parseFlag(r.get(column));
      if (v === null) {
        at(column, `"${r.get(column)}" is not true or false`, 'not_boolean', { value: r.get(column) });
        ok = false;
      }
      return v === true;
    };
    const races = (Object.entries(RACE_COLUMNS) as [string, Race][]).filter(([c]) => flag(c)).map(([, code]) => code);
    const race = raceOf(flag('hispanicOrLatinoEthnicity'), races, flag('demographicRaceTwoOrMoreRaces'));
    const sex = SEX[r.get('sex').toLowerCase()];
    if (!sex) {
      at('sex', `"${r.get('sex')}" is not a sex Forefront records; use male, female or other`, 'not_sex', {
        value: r.get('sex'),
      });
      ok = false;
    }
    if (ok && !race) {
      at(null, 'No race or ethnicity: set hispanicOrLatinoEthnicity or at least one race column to true', 'no_race');
      ok = false;
    }
    if (ok) demographics.set(id, { race: race!, sex: sex!, row: r.row });
    else invalidDemographics.add(id);
  }
  onProgress('demographics.csv', n);

  const flags = files.flags !== undefined ? await readFlags(files.flags, fail, onProgress) : null;

  // users.csv: the students themselves.
  const rows: StudentUpsert[] = [];
  const byLocal = new Map<string, number>();
  const bySourced = new Map<string, number>();
  let rowsRead = 0;
  for await (const r of readCsv('users.csv', files.users, USERS_COLUMNS, fail)) {
    tick('users.csv', ++rowsRead);
    if (r.get('role').toLowerCase() !== 'student') continue;
    let ok = true;
    const bad = (column: string | null, reason: string, code: Code, params?: Params) => {
      fail({ file: 'users.csv', row: r.row, column, reason, code, ...(params ? { params } : {}) });
      ok = false;
    };
    const sourcedId = r.get('sourcedId');
    const localId = r.get('identifier') || sourcedId;
    const givenName = r.get('givenName');
    const familyName = r.get('familyName');
    const status = r.has('status') ? r.get('status').toLowerCase() : '';
    if (!sourcedId) bad('sourcedId', 'Empty sourcedId', 'empty_value');
    else if (bySourced.has(sourcedId))
      bad('sourcedId', `Duplicate sourcedId "${sourcedId}" (also row ${bySourced.get(sourcedId)})`, 'duplicate', {
        value: sourcedId,
        row: bySourced.get(sourcedId)!,
      });
    if (localId.length > ID_MAX)
      bad('identifier', `The local id is longer than ${ID_MAX} characters`, 'too_long', { maximum: ID_MAX });
    else if (localId && byLocal.has(localId))
      bad('identifier', `Duplicate local id "${localId}" (also row ${byLocal.get(localId)})`, 'duplicate', {
        value: localId,
        row: byLocal.get(localId)!,
      });
    if (!givenName || givenName.length > NAME_MAX)
      bad(
        'givenName',
        givenName ? `Longer than ${NAME_MAX} characters` : 'Empty givenName',
        givenName ? 'too_long' : 'empty_value',
        { maximum: NAME_MAX },
      );
    if (!familyName || familyName.length > NAME_MAX)
      bad(
        'familyName',
        familyName ? `Longer than ${NAME_MAX} characters` : 'Empty familyName',
        familyName ? 'too_long' : 'empty_value',
        { maximum: NAME_MAX },
      );
    if (!STATUSES.has(status))
      bad('status', `"${r.get('status')}" is not a OneRoster status; use active or tobedeleted`, 'not_status', {
        value: r.get('status'),
      });
    const orgs = listField(r.get('orgSourcedIds'));
    const schoolId = orgs.map((o) => schoolByNces.get(orgToNces.get(o) || o)).find(Boolean);
    if (!schoolId)
      bad(
        'orgSourcedIds',
        orgs.length
          ? `No school of this district matches "${orgs.join(',')}": the org sourcedId (or its identifier in orgs.csv) must be the school's NCES id`
          : 'Empty orgSourcedIds: the student needs a school',
        orgs.length ? 'no_school_match' : 'no_school',
        { value: orgs.join(',') },
      );
    const gradeText = listField(r.get('grades'))[0] ?? '';
    const grade = gradeOf(gradeText);
    if (!grade)
      bad(
        'grades',
        gradeText ? `"${gradeText}" is not a grade Forefront records; use PK, KG or 01 to 12` : 'Empty grades',
        gradeText ? 'not_grade' : 'no_grade',
        { value: gradeText },
      );
    const demo = sourcedId ? demographics.get(sourcedId) : undefined;
    if (sourcedId && !demo) {
      if (invalidDemographics.has(sourcedId)) ok = false;
      else
        bad('sourcedId', `No demographics.csv row for sourcedId "${sourcedId}"`, 'no_demographics', {
          value: sourcedId,
        });
    }
    if (sourcedId && !bySourced.has(sourcedId)) bySourced.set(sourcedId, r.row);
    if (localId && !byLocal.has(localId)) byLocal.set(localId, r.row);
    if (!ok) continue;
    rows.push({
      localId,
      sourceId: sourcedId,
      givenName,
      familyName,
      schoolId: schoolId!,
      grade: grade!,
      race: demo!.race,
      sex: demo!.sex,
      active: status !== 'tobedeleted',
    });
  }
  onProgress('users.csv', rowsRead);

  if (flags) applyFlags(rows, flags, fail, new Set(byLocal.keys()), new Set(bySourced.keys()));
  return { rows, rowsRead, errors, errorCount };
}

/** A flags row names a student by local_id or by OneRoster sourcedId; each must match one student. */
function applyFlags(
  rows: StudentUpsert[],
  flags: FlagsRow[],
  fail: (e: ImportRowError) => void,
  inUsersLocal: Set<string>,
  inUsersSourced: Set<string>,
) {
  const byLocal = new Map(rows.map((s) => [s.localId, s]));
  const bySourced = new Map(rows.map((s) => [s.sourceId ?? '', s]));
  const seen = new Map<StudentUpsert, number>();
  for (const f of flags) {
    const student = f.localId ? byLocal.get(f.localId) : bySourced.get(f.sourcedId ?? '');
    if (!student) {
      // A student whose users.csv row was invalid already has its error there.
      if (f.localId ? inUsersLocal.has(f.localId) : inUsersSourced.has(f.sourcedId ?? '')) continue;
      fail({
        file: 'flags.csv',
        row: f.row,
        column: f.localId ? 'local_id' : 'sourcedId',
        reason: `No student "${f.localId ?? f.sourcedId}" in users.csv`,
        code: 'no_student',
        params: { value: f.localId ?? f.sourcedId ?? '' },
      });
      continue;
    }
    const dup = seen.get(student);
    if (dup) {
      fail({
        file: 'flags.csv',
        row: f.row,
        column: null,
        reason: `A second flags row for student "${student.localId}" (also row ${dup})`,
        code: 'second_flags_row',
        params: { value: student.localId, row: dup },
      });
      continue;
    }
    seen.set(student, f.row);
    Object.assign(student, { idea: f.idea, section504: f.section504, englishLearner: f.englishLearner });
  }
  // With a flags file, it is the whole truth: a student without a row has none of the flags.
  for (const s of rows) if (!seen.has(s)) Object.assign(s, { idea: false, section504: false, englishLearner: false });
}
