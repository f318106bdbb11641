import { GRADES } from '@forefront/contract';

type Grade = (typeof GRADES)[number];
type Translate = (key: string) => string;

/** PK and KG are words; grades 01..12 are shown without the leading zero NCES uses. */
export function gradeLabel(grade: Grade, t: Translate): string {
  if (grade === 'PK' || grade === 'KG') return t(`grades.${grade}`);
  return String(Number(grade));
}

export function gradeRange(low: Grade, high: Grade, t: Translate): string {
  return low === high ? gradeLabel(low, t) : `${gradeLabel(low, t)}–${gradeLabel(high, t)}`;
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

export function formatDateTime(iso: string | null, lang: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * Dates without a time (YYYY-MM-DD) are calendar days: format them in UTC so they never shift a day.
 * An instant is shown on `timeZone`'s calendar when given (a district's report), else the reader's.
 */
export function formatDate(iso: string | null, lang: string, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : timeZone }).format(
    date,
  );
}
