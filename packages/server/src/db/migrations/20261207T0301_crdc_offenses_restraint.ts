import type { Kysely } from 'kysely';

/**
 * Issue 12.3: the CRDC offense counts and restraint and seclusion columns of OCR's school file, so
 * that a district's own CRDC export (or OCR's files) can be imported and summed like the rest.
 * Integers; NULL for a reserve code or, in rows imported before this migration, for "not
 * imported" (a rerun of `forefront crdc import` fills them).
 *
 * Frozen in time like every migration: the column families are spelled out here, not imported.
 */
const RACES = ['hi', 'am', 'as', 'hp', 'bl', 'wh', 'tr'];
const SEXES = ['m', 'f'];
const KINDS = ['mech', 'phys', 'secl'];

function columns(): string[] {
  const cols = ['rape', 'batt', 'robww', 'robwow', 'attww', 'attwow', 'thrww', 'thrwow', 'posswx'].map(
    (o) => `offense_${o}`,
  );
  for (const k of KINDS) {
    for (const s of SEXES) {
      for (const g of ['nonidea', 'idea'])
        for (const r of [...RACES, 'tot', 'lep']) cols.push(`rs_${g}_${k}_${r}_${s}`);
      cols.push(`rs_nonidea_${k}_sec504_${s}`);
    }
    for (const g of ['wodis', 'idea', 'sec504']) cols.push(`rs_inst_${k}_${g}`);
  }
  return cols;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const col of columns()) await db.schema.alterTable('crdc_schools').addColumn(col, 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of columns().reverse()) await db.schema.alterTable('crdc_schools').dropColumn(col).execute();
}
