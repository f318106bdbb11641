import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportRowError, StudentImportFile } from '@forefront/contract';
import { INVALID_CHARACTERS_MESSAGE, isStorableText } from '../../shared/text.js';

/** A CSV source: a file stream (CLI) or the text of an uploaded file (API). */
export type CsvSource = Readable | string;

export interface CsvRow {
  /** Line of the file the record ends on (header = 1), as an editor or spreadsheet shows it. */
  row: number;
  get(column: string): string;
  has(column: string): boolean;
}

/**
 * Streams a CSV with a header row and yields one row at a time, so a large users.csv never sits
 * in memory as one parsed array. Header names are matched exactly (OneRoster headers are
 * case-sensitive). Problems of the file itself (missing columns, a broken quote, a row with the
 * wrong number of fields) are reported through `onError` like any invalid value.
 */
export async function* readCsv(
  file: StudentImportFile,
  source: CsvSource,
  required: readonly string[],
  onError: (e: ImportRowError) => void,
  /** Header sets where one of the names must be present (e.g. local_id or sourcedId). */
  oneOf: readonly (readonly string[])[] = [],
): AsyncGenerator<CsvRow> {
  const input = typeof source === 'string' ? Readable.from([source]) : source;
  const parser = input.pipe(
    parse({ bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: false }),
  );
  // pipe() does not forward a read error (a missing file): hand it to the parser so the loop ends.
  input.once('error', (e) => parser.destroy(e));
  let header: string[] | null = null;
  let index = new Map<string, number>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record;
        index = new Map(header.map((h, i) => [h, i]));
        const missing = required.filter((c) => !index.has(c));
        for (const c of missing)
          onError({
            file,
            row: info.lines,
            column: c,
            reason: `The header has no "${c}" column`,
            code: 'header_missing',
            params: { value: c },
          });
        for (const set of oneOf)
          if (!set.some((c) => index.has(c)))
            onError({
              file,
              row: info.lines,
              column: set.join(' or '),
              reason: `The header needs a ${set.map((c) => `"${c}"`).join(' or ')} column`,
              code: 'header_needs_one',
              params: { value: set.join(', ') },
            });
        if (missing.length || oneOf.some((set) => !set.some((c) => index.has(c)))) {
          input.destroy();
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        onError({
          file,
          row: info.lines,
          column: null,
          reason: `The row has ${record.length} fields; the header has ${header.length}`,
          code: 'field_count',
          params: { count: record.length, expected: header.length },
        });
        continue;
      }
      const bad = record.findIndex((c) => !isStorableText(c));
      if (bad >= 0) {
        onError({
          file,
          row: info.lines,
          column: header[bad] ?? null,
          reason: INVALID_CHARACTERS_MESSAGE,
          code: 'invalid_characters',
        });
        continue;
      }
      const values = record;
      yield { row: info.lines, get: (c) => values[index.get(c) ?? -1] ?? '', has: (c) => index.has(c) };
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    // csv-parse's own errors describe the file (unclosed quote...), never anything internal.
    if (e.code?.startsWith('CSV_'))
      onError({
        file,
        row: e.lines ?? 0,
        column: null,
        reason: `Not readable as CSV: ${(e.message ?? '').replace(/^Invalid [^:]*: /, '').slice(0, 200)}`,
        code: 'not_csv',
      });
    else throw err;
  }
  if (!header)
    onError({ file, row: 1, column: null, reason: 'The file is empty; it needs a header row', code: 'empty_file' });
}

const TRUE = new Set(['true', '1', 'y', 'yes', 't']);
const FALSE = new Set(['false', '0', 'n', 'no', 'f', '']);

/** OneRoster writes booleans as true/false; district spreadsheets also use 1/0 and Y/N. Empty = false. */
export function parseFlag(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

/** OneRoster fields that hold a list put it in one quoted field, comma-separated. */
export const listField = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
