import { z } from 'zod';

/**
 * The district's own clock (issue 12, item 1): every date a district reads (school year, month
 * bucket, "the last 30 days", report dates, Ed-Fi incidentDate/incidentTime, CSV dates) is a date
 * on the district's wall clock, in its IANA time zone. Stored instants stay UTC; this module is the
 * one place that turns an instant into the district's local date and time. Built on
 * Intl.DateTimeFormat (the runtime's own tz database), so it needs no dependency and works the
 * same in Node and the browser.
 */

export interface DistrictClock {
  /** IANA name, e.g. "America/New_York". */
  timeZone: string;
  /** First day of the school year as MM-DD, e.g. "07-01" (CRDC and Ed-Fi use July 1). */
  schoolYearStart: string;
}

export const DEFAULT_SCHOOL_YEAR_START = '07-01';
/** What every date was computed in before districts had a clock (and what tests without one use). */
export const UTC_CLOCK: DistrictClock = { timeZone: 'UTC', schoolYearStart: DEFAULT_SCHOOL_YEAR_START };

/**
 * The state's most common zone (by population), preselected at setup and used as the stated
 * default for districts that existed before districts had a zone. Split states name the zone most
 * of their people live in (e.g. TN and KY are split; TN Central, KY Eastern; ID Mountain).
 */
export const STATE_TIME_ZONES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  AS: 'Pacific/Pago_Pago',
  MP: 'Pacific/Saipan',
};

/** The zone preselected for a state; Eastern for a code the table does not know. */
export const stateTimeZone = (state: string): string => STATE_TIME_ZONES[state] ?? 'America/New_York';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone name (Intl throws a RangeError for an unknown one). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return false;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/** The zones the runtime knows, for pickers; UTC first. */
export function timeZoneNames(): string[] {
  const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...names.filter((n) => n !== 'UTC')];
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, {
    message: 'Unknown time zone: use an IANA name such as America/New_York',
    params: { rule: 'timeZone' },
  });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** MM-DD; 29 February is refused, since most years have no such day to start on. */
export const SchoolYearStartSchema = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'Use month and day as MM-DD, e.g. 07-01')
  .refine(
    (s) => {
      const m = Number(s.slice(0, 2));
      const d = Number(s.slice(3));
      return m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1]!;
    },
    { message: 'Not a day of the year', params: { rule: 'monthDay' } },
  );

// Every zone's offset changes only on a quarter hour, so one lookup per zone and quarter hour is
// exact; the bulk import turns a million instants into local dates without a million Intl calls.
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** Minutes the zone's wall clock is ahead of UTC at the instant (negative in the Americas). */
export function offsetMinutes(instant: string | Date | number, timeZone: string): number {
  const t =
    typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(t)) throw new RangeError(`Not an instant: ${String(instant)}`);
  if (timeZone === 'UTC') return 0;
  const q = Math.floor(t / QUARTER_HOUR);
  const key = `${timeZone}|${q}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const at = q * QUARTER_HOUR;
  const p: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(at)) p[part.type] = part.value;
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  const minutes = Math.round((wall - at) / 60_000);
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, minutes);
  return minutes;
}

export interface LocalParts {
  /** YYYY-MM-DD on the district's wall clock. */
  date: string;
  /** HH:MM:SS on the district's wall clock. */
  time: string;
  /** YYYY-MM: the month bucket. */
  month: string;
  /** e.g. "-04:00": what to add to UTC to get the wall clock, for exports. */
  offset: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The district's local date, time, month and UTC offset at an instant. */
export function localParts(instant: string | Date, timeZone: string): LocalParts {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const minutes = offsetMinutes(t, timeZone);
  const iso = new Date(t + minutes * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), month: iso.slice(0, 7), offset: formatOffset(minutes) };
}

export const localDate = (instant: string | Date, timeZone: string) => localParts(instant, timeZone).date;
export const localMonth = (instant: string | Date, timeZone: string) => localParts(instant, timeZone).month;

/** School year of a local date (YYYY-MM-DD): the year starting on or before it, e.g. "2025-26". */
export function schoolYearOfDate(date: string, schoolYearStart = DEFAULT_SCHOOL_YEAR_START): string {
  const y = Number(date.slice(0, 4));
  const start = date.slice(5, 10) >= schoolYearStart ? y : y - 1;
  return `${start}-${pad((start + 1) % 100)}`;
}

/** School year of an instant on the district's clock. */
export const schoolYearAt = (instant: string | Date, clock: DistrictClock) =>
  schoolYearOfDate(localDate(instant, clock.timeZone), clock.schoolYearStart);

/** The UTC instant at which a local date (YYYY-MM-DD) begins in the zone (midnight, or the first minute after a gap). */
export function startOfLocalDay(date: string, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let t = wall - offsetMinutes(wall, timeZone) * 60_000;
  // The offset at the guess may differ from the offset at the answer near a change; one more step settles it.
  t = wall - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t).toISOString();
}

/** A local date `days` days before or after (calendar arithmetic, no zone involved). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
