import { describe, expect, it } from 'vitest';
import {
  STATE_TIME_ZONES,
  SchoolYearStartSchema,
  TimeZoneSchema,
  addDays,
  isTimeZone,
  localParts,
  offsetMinutes,
  schoolYearAt,
  schoolYearOfDate,
  startOfLocalDay,
  stateTimeZone,
} from './district-clock.js';

// Expected values below are read off the tz database's published rules (US: DST from the second
// Sunday of March 02:00 to the first Sunday of November 02:00), not computed by this module.
describe('the district clock', () => {
  it('puts 21:00 EDT on 30 June (01:00 UTC on 1 July) in June and the school year ending that June', () => {
    const ny = { timeZone: 'America/New_York', schoolYearStart: '07-01' };
    expect(localParts('2025-07-01T01:00:00.000Z', ny.timeZone)).toEqual({
      date: '2025-06-30',
      time: '21:00:00',
      month: '2025-06',
      offset: '-04:00',
    });
    expect(schoolYearAt('2025-07-01T01:00:00.000Z', ny)).toBe('2024-25');
    expect(schoolYearAt('2025-07-01T04:00:00.000Z', ny)).toBe('2025-26');
    expect(schoolYearAt('2025-07-01T01:00:00.000Z', { timeZone: 'UTC', schoolYearStart: '07-01' })).toBe('2025-26');
  });

  it('follows daylight saving time and zones without it', () => {
    expect(offsetMinutes('2025-01-15T12:00:00Z', 'America/New_York')).toBe(-300);
    expect(offsetMinutes('2025-07-15T12:00:00Z', 'America/New_York')).toBe(-240);
    // 9 March 2025, 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    expect(offsetMinutes('2025-03-09T06:59:59Z', 'America/New_York')).toBe(-300);
    expect(offsetMinutes('2025-03-09T07:00:00Z', 'America/New_York')).toBe(-240);
    // 2 November 2025, 02:00 EDT becomes 01:00 EST at 06:00 UTC.
    expect(localParts('2025-11-02T05:30:00Z', 'America/New_York').time).toBe('01:30:00');
    expect(localParts('2025-11-02T06:30:00Z', 'America/New_York').time).toBe('01:30:00');
    expect(offsetMinutes('2025-07-15T12:00:00Z', 'America/Phoenix')).toBe(-420);
    expect(offsetMinutes('2025-07-15T12:00:00Z', 'Pacific/Honolulu')).toBe(-600);
    expect(localParts('2025-07-15T12:00:00Z', 'Asia/Kolkata').offset).toBe('+05:30');
    expect(localParts('2025-07-15T12:00:00Z', 'UTC').offset).toBe('+00:00');
  });

  it('finds the instant a local day starts, across a change of offset', () => {
    expect(startOfLocalDay('2025-06-30', 'America/New_York')).toBe('2025-06-30T04:00:00.000Z');
    expect(startOfLocalDay('2025-01-10', 'America/Chicago')).toBe('2025-01-10T06:00:00.000Z');
    // The days DST starts and ends still begin at local midnight.
    expect(startOfLocalDay('2025-03-09', 'America/New_York')).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfLocalDay('2025-03-10', 'America/New_York')).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfLocalDay('2025-11-03', 'America/New_York')).toBe('2025-11-03T05:00:00.000Z');
    expect(addDays('2025-03-10', -30)).toBe('2025-02-08');
  });

  it('counts school years from the district’s first day', () => {
    expect(schoolYearOfDate('2026-06-30')).toBe('2025-26');
    expect(schoolYearOfDate('2026-07-01')).toBe('2026-27');
    expect(schoolYearOfDate('1999-09-01')).toBe('1999-00');
    expect(schoolYearOfDate('2026-07-31', '08-01')).toBe('2025-26');
    expect(schoolYearOfDate('2026-08-01', '08-01')).toBe('2026-27');
  });

  it('knows IANA names and refuses anything else', () => {
    for (const z of ['UTC', 'America/New_York', 'America/Indiana/Indianapolis', 'Pacific/Pago_Pago'])
      expect(isTimeZone(z)).toBe(true);
    for (const z of ['', 'Mars/Olympus_Mons', 'America/New York', 'x'.repeat(80), 'UTC\u0000'])
      expect(isTimeZone(z)).toBe(false);
    for (const zone of Object.values(STATE_TIME_ZONES)) expect(isTimeZone(zone)).toBe(true);
    expect(stateTimeZone('TX')).toBe('America/Chicago');
    expect(stateTimeZone('ZZ')).toBe('America/New_York');
    expect(TimeZoneSchema.safeParse('Europe/Madrid').success).toBe(true);
    expect(TimeZoneSchema.safeParse('Europe/Nowhere').success).toBe(false);
    expect(SchoolYearStartSchema.safeParse('07-01').success).toBe(true);
    for (const d of ['02-29', '02-30', '13-01', '00-10', '7-1', '04-31'])
      expect(SchoolYearStartSchema.safeParse(d).success).toBe(false);
  });
});
