import { parse } from 'csv-parse/sync';
import {
  addMonths,
  REQUIRED_TRAINING_IMPORT_COLUMNS,
  TOPIC_LABELS,
  TRAINING_IMPORT_COLUMNS,
  TRAINING_IMPORT_MAX_ROWS,
  TRAINING_RECORD_MAX_HOURS,
  TRAINING_TOPICS,
  type TrainingImportCode,
  type TrainingImportRowError,
  type TrainingTopic,
} from '@forefront/contract';
import { z } from 'zod';
import type { RecordFields } from './training.record.input.js';

/**
 * Checking a transcript CSV (issue 14 item 3): every row against the roster, the topics, the
 * district's credential types and the calendar. Pure: the caller loads what it needs and decides
 * whether to write. Every problem is reported, row by row; one problem anywhere and nothing is written.
 */
export interface ImportLookups {
  /** `agency|badge` (agency lower-cased) -> officer id. */
  officers: Map<string, string>;
  credentials: Map<string, number | null>;
  today: string;
}

export interface CheckedRow extends RecordFields {
  officerId: string;
}

const DateSchema = z.iso.date();
const MAX_TEXT = 200;
const officerKey = (agency: string, badge: string) => `${agency.trim().toLowerCase()}|${badge.trim()}`;
export { officerKey };

/** A topic by key or by its English label ("de-escalation"), case and spaces aside. */
const TOPIC_BY_NAME = new Map<string, TrainingTopic>(
  TRAINING_TOPICS.flatMap((t) => [
    [t, t],
    [TOPIC_LABELS[t].en.toLowerCase(), t],
  ]),
);

export function checkTranscript(
  csv: string,
  lookups: ImportLookups,
  onRow?: (done: number, total: number) => void,
): { rows: CheckedRow[]; total: number; errors: TrainingImportRowError[] } {
  const errors: TrainingImportRowError[] = [];
  const err = (row: number, code: TrainingImportCode, params: Record<string, string | number> = {}) =>
    errors.push({ row, code, params });
  let table: string[][];
  try {
    table = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    err(1, 'not_csv');
    return { rows: [], total: 0, errors };
  }
  const header = (table[0] ?? []).map((h) => h.toLowerCase());
  const body = table.slice(1);
  if (body.length === 0) {
    err(1, 'empty_file');
    return { rows: [], total: 0, errors };
  }
  if (body.length > TRAINING_IMPORT_MAX_ROWS) {
    err(1, 'too_many_rows', { max: TRAINING_IMPORT_MAX_ROWS });
    return { rows: [], total: body.length, errors };
  }
  for (const column of REQUIRED_TRAINING_IMPORT_COLUMNS)
    if (!header.includes(column)) err(1, 'missing_column', { column });
  if (errors.length > 0) return { rows: [], total: body.length, errors };
  const at = Object.fromEntries(TRAINING_IMPORT_COLUMNS.map((c) => [c, header.indexOf(c)]));

  const rows: CheckedRow[] = [];
  const seen = new Set<string>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const before = errors.length;
    const get = (c: (typeof TRAINING_IMPORT_COLUMNS)[number]) => (at[c]! < 0 ? '' : (cells[at[c]!] ?? ''));
    for (const column of REQUIRED_TRAINING_IMPORT_COLUMNS) if (get(column) === '') err(line, 'empty_value', { column });
    for (const column of TRAINING_IMPORT_COLUMNS)
      if (get(column).length > MAX_TEXT) err(line, 'too_long', { column, max: MAX_TEXT });
    if (errors.length > before) return;

    const officerId = lookups.officers.get(officerKey(get('agency'), get('badge_number')));
    if (!officerId) err(line, 'unknown_officer', { agency: get('agency'), badge: get('badge_number') });
    const hours = Number(get('hours'));
    const ok = Number.isFinite(hours) && hours > 0 && hours <= TRAINING_RECORD_MAX_HOURS && Number.isInteger(hours * 4);
    if (!ok) err(line, 'bad_hours', { value: get('hours'), max: TRAINING_RECORD_MAX_HOURS });
    const completedOn = get('completed_on');
    const completedOk = DateSchema.safeParse(completedOn).success;
    if (!completedOk) err(line, 'bad_date', { column: 'completed_on', value: completedOn });
    else if (completedOn > lookups.today) err(line, 'in_future', { column: 'completed_on', value: completedOn });
    let expiresOn: string | null = get('expires_on') === '' ? null : get('expires_on');
    if (expiresOn !== null && !DateSchema.safeParse(expiresOn).success)
      err(line, 'bad_date', { column: 'expires_on', value: expiresOn });
    else if (expiresOn !== null && completedOk && expiresOn <= completedOn)
      err(line, 'expiry_before_completion', { completedOn, expiresOn });
    const topics: TrainingTopic[] = [];
    for (const name of get('topics')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '')) {
      const topic = TOPIC_BY_NAME.get(name.toLowerCase().replace(/\s+/g, ' '));
      if (topic) topics.push(topic);
      else err(line, 'unknown_topic', { value: name });
    }
    const credentialKey = get('credential') === '' ? null : get('credential').toLowerCase();
    if (credentialKey !== null && !lookups.credentials.has(credentialKey))
      err(line, 'unknown_credential', { value: get('credential') });
    const key = [officerId, get('course_title').toLowerCase(), completedOn].join('|');
    if (officerId && seen.has(key)) err(line, 'duplicate_row', { title: get('course_title'), completedOn });
    seen.add(key);
    onRow?.(i + 1, body.length);
    if (errors.length > before) return;
    const validity = credentialKey === null ? null : (lookups.credentials.get(credentialKey) ?? null);
    if (expiresOn === null && validity) expiresOn = addMonths(completedOn, validity);
    rows.push({
      officerId: officerId!,
      courseId: null,
      title: get('course_title'),
      provider: get('provider'),
      minutes: Math.round(hours * 60),
      topics: [...new Set(topics)],
      credentialKey,
      completedOn,
      expiresOn,
    });
  });
  return { rows, total: body.length, errors };
}
