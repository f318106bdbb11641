import { type Kysely, sql } from 'kysely';

/**
 * Issue 4: federal benchmark data. One row per school per CRDC collection year, as published in
 * OCR's school-level public-use file, for the columns Forefront shows.
 *
 * Tenant-neutral on purpose: CRDC files are public federal data about every school in a state, not
 * a district's records, so rows belong to no tenant and anyone may read them. A row carries the
 * district's own school (school_id, district_id) only as a convenience link, filled when the
 * district's school has the same NCES id; the link is nullable and never restricts reading.
 *
 * Counts are integers, FTEs double precision (CRDC publishes hundredths). NULL means the file held
 * a negative OCR reserve code (-3, -5, -9, -11, -13: not applicable, suppressed, not reported):
 * missing, never zero, and SQL SUM skips it, so reserve codes never enter a total.
 *
 * Frozen in time like every migration: the column families are spelled out here, not imported.
 */
const RACES = ['hi', 'am', 'as', 'hp', 'bl', 'wh', 'tr'];
const SEXES = ['m', 'f'];

/** Count columns: enrollment, then referrals (ref) and arrests (arr), by group. */
function countColumns(): string[] {
  const cols: string[] = [];
  for (const r of [...RACES, 'tot', 'idea', 'sec504', 'lep']) for (const s of SEXES) cols.push(`enr_${r}_${s}`);
  for (const act of ['ref', 'arr']) {
    for (const group of ['wodis', 'idea'])
      for (const r of [...RACES, 'tot', 'lep']) for (const s of SEXES) cols.push(`${act}_${group}_${r}_${s}`);
    for (const s of SEXES) cols.push(`${act}_sec504_${s}`);
  }
  return cols;
}
const FTE_COLUMNS = [
  'fte_leo',
  'fte_guard',
  'fte_counselor',
  'fte_nurse',
  'fte_psychologist',
  'fte_social_worker',
  'fte_teacher',
];

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('crdc_schools')
    .addColumn('year', 'text', (c) => c.notNull()) // '2020-21'
    .addColumn('combokey', 'text', (c) => c.notNull()) // CRDC's key: LEAID + SCHID, 12 characters, text
    .addColumn('nces_school_id', 'text') // NCESSCH: empty for some juvenile-justice and program rows
    .addColumn('lea_id', 'text', (c) => c.notNull())
    .addColumn('lea_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('school_name', 'text', (c) => c.notNull())
    .addColumn('juvenile_justice', 'integer', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('district_id', 'text', (c) => c.references('districts.id'));
  for (const col of countColumns()) t = t.addColumn(col, 'integer');
  for (const col of FTE_COLUMNS) t = t.addColumn(col, 'double precision');
  await t.addPrimaryKeyConstraint('crdc_schools_pk', ['year', 'combokey']).execute();
  // The state summary and the district benchmark read by (year, state) and (year, lea_id).
  await db.schema.createIndex('crdc_schools_state').on('crdc_schools').columns(['year', 'state']).execute();
  await db.schema.createIndex('crdc_schools_lea').on('crdc_schools').columns(['year', 'lea_id']).execute();
  await db.schema
    .createIndex('crdc_schools_school')
    .on('crdc_schools')
    .column('school_id')
    .where(sql.ref('school_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crdc_schools').execute();
}
