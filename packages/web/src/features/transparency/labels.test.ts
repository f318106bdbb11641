import { describe, expect, it } from 'vitest';
import { columnLabel, isChartedRow, rowLabel, type Translate } from './labels';

/** Answers `key` (so the test sees which key was asked for), or the default for unknown keys. */
const known = new Set([
  'incidents.behaviors.theft',
  'incidents.races.BL',
  'transparency.groups.all',
  'transparency.rows.total',
  'transparency.columns.per1000',
  'transparency.groups.disability.idea',
  'publicExtras.columns.with_officer',
]);
const tWithVars: Translate = (key, options) =>
  key === 'transparency.rows.medianIn'
    ? `median in ${String(options?.range)}`
    : key === 'transparency.responseBuckets.5-10'
      ? '5 to 10 minutes'
      : t(key, options);
// The labels pass a string defaultValue; anything else means the key itself, as i18next would show it.
const fallback = (key: string, d: unknown) => (typeof d === 'string' ? d : key);
const t: Translate = (key, options) => (known.has(key) ? `<${key}>` : fallback(key, options?.defaultValue));

describe('rowLabel', () => {
  it('names rows from the labels the staff pages already use', () => {
    expect(rowLabel('incident_types', { key: 'theft', cells: {} }, t)).toBe('<incidents.behaviors.theft>');
    expect(rowLabel('students_referred', { key: 'BL', dimension: 'race', cells: {} }, t)).toBe('<incidents.races.BL>');
    expect(rowLabel('students_arrested', { key: 'idea', dimension: 'disability', cells: {} }, t)).toBe(
      '<transparency.groups.disability.idea>',
    );
  });
  it('calls a student total "all students", another total "total", a school by its name and a year by itself', () => {
    expect(rowLabel('students_referred', { key: 'all', dimension: 'all', cells: {} }, t)).toBe(
      '<transparency.groups.all>',
    );
    expect(rowLabel('incident_types', { key: 'all', cells: {} }, t)).toBe('<transparency.rows.total>');
    expect(rowLabel('schools', { key: 'abc', label: 'Lincoln Elementary', cells: {} }, t)).toBe('Lincoln Elementary');
    expect(rowLabel('trend', { key: '2024-25', cells: {} }, t)).toBe('2024-25');
  });
  it('shows a key the translations do not know as itself, never blank', () => {
    expect(rowLabel('incident_types', { key: 'new_behavior', cells: {} }, t)).toBe('new_behavior');
    expect(columnLabel('per1000', t)).toBe('<transparency.columns.per1000>');
    expect(columnLabel('median_minutes', t)).toBe('median minutes');
  });
});

describe('response-time median and charts', () => {
  it('names the median row with the range it falls in (its label), not as a range itself', () => {
    expect(rowLabel('response_times', { key: 'median', label: '5-10', cells: {} }, tWithVars)).toBe(
      'median in 5 to 10 minutes',
    );
  });
  it('leaves totals and the median out of charts, except the all-students bar', () => {
    expect(isChartedRow('incident_types', { key: 'all', cells: {} })).toBe(false);
    expect(isChartedRow('incident_types', { key: 'theft', cells: {} })).toBe(true);
    expect(isChartedRow('response_times', { key: 'median', cells: {} })).toBe(false);
    expect(isChartedRow('students_referred', { key: 'all', dimension: 'all', cells: {} })).toBe(true);
  });
});

describe('the issue 13 tables', () => {
  it('names weapon-trend rows by school year and exposure rows by race, with the column words under publicExtras', () => {
    expect(rowLabel('weapon_trend', { key: '2024-25', cells: {} }, t)).toBe('2024-25');
    expect(rowLabel('exposure', { key: 'BL', dimension: 'race', cells: {} }, t)).toBe('<incidents.races.BL>');
    expect(rowLabel('exposure', { key: 'all', dimension: 'all', cells: {} }, t)).toBe('<transparency.groups.all>');
    expect(columnLabel('with_officer', t)).toBe('<publicExtras.columns.with_officer>');
    expect(columnLabel('per1000', t)).toBe('<transparency.columns.per1000>');
  });

  it("charts the exposure table's all-students share beside each race (the comparison the figure is for)", () => {
    expect(isChartedRow('exposure', { key: 'all', dimension: 'all', cells: {} })).toBe(true);
    expect(isChartedRow('incident_types', { key: 'all', cells: {} })).toBe(false);
  });
});
