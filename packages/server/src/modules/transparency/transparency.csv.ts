import {
  type Cell,
  type PublicTable,
  PublicTableSchema,
  SUPPRESSED,
  type TransparencyReport,
  TransparencyReportSchema,
  type TransparencyTableKey,
} from '@forefront/contract';
import { z } from 'zod';
import { csvLine } from '../exports/export.csv.js';

/**
 * Open data: one table of a published report as CSV or JSON (docs/transparency.md, "Open data").
 *
 * CSV is wide, one row per table row, so it opens as the page shows it:
 * `scope,scope_id,year,dimension,key,label,<column>...`, where an interval column (risk ratio,
 * composition index) becomes three: `<column>`, `<column>_low`, `<column>_high`. A withheld
 * figure is written `suppressed`; a figure that does not apply is left empty.
 */

/** The JSON file of one table: the table with what it describes. */
export const TransparencyTableFileSchema = z.object({
  scope: TransparencyReportSchema.shape.scope,
  district: TransparencyReportSchema.shape.district,
  school: TransparencyReportSchema.shape.school,
  year: z.string(),
  minN: z.number().int(),
  publishedAt: z.string(),
  table: PublicTableSchema,
});
export type TransparencyTableFile = z.infer<typeof TransparencyTableFileSchema>;

export function tableOf(report: TransparencyReport, key: TransparencyTableKey): PublicTable | undefined {
  return report.tables.find((t) => t.key === key);
}

export function tableFile(report: TransparencyReport, table: PublicTable): TransparencyTableFile {
  return {
    scope: report.scope,
    district: report.district,
    school: report.school,
    year: report.year,
    minN: report.minN,
    publishedAt: report.publishedAt,
    table,
  };
}

// Figures stay numbers (csvLine writes a number as it is, a negative one too); only text is neutralised.
const text = (c: Cell | undefined): string | number => {
  if (c === undefined || c === null) return '';
  if (c === SUPPRESSED) return SUPPRESSED;
  if (typeof c === 'number') return c;
  return c.estimate;
};
const bound = (c: Cell | undefined, which: 'low' | 'high'): string | number => {
  if (c === undefined || c === null) return '';
  if (c === SUPPRESSED) return SUPPRESSED;
  return typeof c === 'number' ? '' : c[which];
};

export function tableCsv(report: TransparencyReport, table: PublicTable): string {
  const header = ['scope', 'scope_id', 'year', 'dimension', 'key', 'label'];
  for (const c of table.columns)
    header.push(...(c.kind === 'interval' ? [c.key, `${c.key}_low`, `${c.key}_high`] : [c.key]));
  const scopeId = report.school?.id ?? report.district.id;
  let out = csvLine(header);
  for (const row of table.rows) {
    const cells: (string | number)[] = [
      report.scope,
      scopeId,
      report.year,
      row.dimension ?? '',
      row.key,
      row.label ?? '',
    ];
    for (const c of table.columns) {
      const v = row.cells[c.key];
      cells.push(...(c.kind === 'interval' ? [text(v), bound(v, 'low'), bound(v, 'high')] : [text(v)]));
    }
    out += csvLine(cells);
  }
  return out;
}

/** A file name that says what the file is: transparency-<NCES id>-<year>-<table>.<ext>. */
export function fileName(
  report: Pick<TransparencyReport, 'district' | 'school' | 'year'>,
  what: string,
  ext: string,
): string {
  const nces = report.school?.ncesSchoolId ?? report.district.ncesLeaId;
  return `transparency-${nces}-${report.year}-${what}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
