import type { ImportRowError } from '@forefront/contract';

type Code = NonNullable<ImportRowError['code']>;
import { type CsvSource, parseFlag, readCsv } from './student.csv.js';
import type { Progress } from './student.oneroster.js';

/**
 * flags.csv: what OneRoster 1.1 does not carry. Columns (header row required):
 *   local_id or sourcedId  which student (the district's local id, or the OneRoster user sourcedId)
 *   idea                   served under IDEA (a disability with an IEP)
 *   section504             served under Section 504 ONLY; a student under IDEA is not also 504
 *   english_learner        an English learner
 * Values: true/false, 1/0, Y/N (yes/no); empty means false.
 */
export interface FlagsRow {
  row: number;
  localId: string | null;
  sourcedId: string | null;
  idea: boolean;
  section504: boolean;
  englishLearner: boolean;
}

const FLAG_COLUMNS = { idea: 'idea', section504: 'section504', englishLearner: 'english_learner' } as const;

export async function readFlags(
  source: CsvSource,
  fail: (e: ImportRowError) => void,
  onProgress: Progress,
): Promise<FlagsRow[]> {
  const out: FlagsRow[] = [];
  let n = 0;
  for await (const r of readCsv('flags.csv', source, Object.values(FLAG_COLUMNS), fail, [['local_id', 'sourcedId']])) {
    if (++n % 500 === 0) onProgress('flags.csv', n);
    const at = (column: string | null, reason: string, code: Code, params?: ImportRowError['params']) =>
      fail({ file: 'flags.csv', row: r.row, column, reason, code, ...(params ? { params } : {}) });
    const localId = r.has('local_id') ? r.get('local_id') : '';
    const sourcedId = r.has('sourcedId') ? r.get('sourcedId') : '';
    if (!localId && !sourcedId) {
      at(r.has('local_id') ? 'local_id' : 'sourcedId', 'The row names no student', 'names_no_student');
      continue;
    }
    let ok = true;
    const values = {} as Record<keyof typeof FLAG_COLUMNS, boolean>;
    for (const [key, column] of Object.entries(FLAG_COLUMNS) as [keyof typeof FLAG_COLUMNS, string][]) {
      const v = parseFlag(r.get(column));
      if (v === null) {
        at(column, `"${r.get(column)}" is not true/false, 1/0 or Y/N`, 'not_boolean', { value: r.get(column) });
        ok = false;
      } else values[key] = v;
    }
    // CRDC counts "Section 504 only" apart from IDEA: one student cannot be both.
    if (ok && values.idea && values.section504) {
      at(
        'section504',
        'A student served under IDEA is not also "Section 504 only"; set one of idea or section504',
        'idea_and_504',
      );
      ok = false;
    }
    if (ok) out.push({ row: r.row, localId: localId || null, sourcedId: localId ? null : sourcedId, ...values });
  }
  onProgress('flags.csv', n);
  return out;
}
