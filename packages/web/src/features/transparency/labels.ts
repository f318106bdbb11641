import type { TransparencyTableKey } from '@forefront/contract';
import type { TableRow } from './cells';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Rows that stand for everyone (a table's total line), whatever the server calls them. */
export const TOTAL_KEYS: ReadonlySet<string> = new Set(['*', 'all', 'total']);

/** A row a chart leaves out: the total (it would dwarf its parts) and the response-time median. */
export function isChartedRow(table: TransparencyTableKey, row: TableRow): boolean {
  if (TOTAL_KEYS.has(row.key) || row.dimension === 'all')
    return table === 'students_referred' || table === 'students_arrested' || table === 'exposure';
  return !(table === 'response_times' && row.key === 'median');
}

/**
 * Where each table's row keys get their words. Behaviors, purposes, flag kinds, actions, races and
 * sexes already have labels for the staff pages; the public page reuses them so both say the same.
 */
const ROW_PREFIX: Partial<Record<TransparencyTableKey, string>> = {
  incident_types: 'incidents.behaviors',
  contacts_by_purpose: 'incidents.purposes',
  mou_violations: 'incidents.flagKinds',
  restraint_and_force: 'incidents.actions',
  response_times: 'transparency.responseBuckets',
  classroom_response: 'transparency.classroomRows',
};

const DIMENSION_PREFIX: Record<string, string> = {
  race: 'incidents.races',
  sex: 'incidents.sexes',
  disability: 'transparency.groups.disability',
  english_learner: 'transparency.groups.englishLearner',
};

/** A row's name on the page: the school's name, a school year, or the translated key. */
export function rowLabel(table: TransparencyTableKey, row: TableRow, t: Translate): string {
  // The median's row carries the range it falls in as its label, not as its name.
  if (table === 'response_times' && row.key === 'median') {
    const range = row.label ? t(`transparency.responseBuckets.${row.label}`, { defaultValue: row.label }) : null;
    return range ? t('transparency.rows.medianIn', { range }) : t('transparency.rows.median');
  }
  if (row.label) return row.label;
  if (table === 'trend' || table === 'schools' || table === 'weapon_trend') return row.key;
  if (row.dimension === 'all') return t('transparency.groups.all');
  if (TOTAL_KEYS.has(row.key)) return t('transparency.rows.total');
  const prefix = row.dimension ? DIMENSION_PREFIX[row.dimension] : ROW_PREFIX[table];
  // A key the translations do not know yet (a new behavior, say) shows as itself, never blank.
  return prefix ? t(`${prefix}.${row.key}`, { defaultValue: row.key }) : row.key;
}

export function dimensionLabel(dimension: string, t: Translate): string {
  return t(`transparency.dimensions.${dimension}`, { defaultValue: dimension });
}

/** Column headings; a column the server adds later reads as its key until it is translated. */
export function columnLabel(key: string, t: Translate): string {
  // Columns added for issue 13 (weapon trend, exposure) have their words under publicExtras.
  return t(`transparency.columns.${key}`, {
    defaultValue: t(`publicExtras.columns.${key}`, { defaultValue: key.replace(/_/g, ' ') }),
  });
}
