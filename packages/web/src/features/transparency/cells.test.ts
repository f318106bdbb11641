import { describe, expect, it } from 'vitest';
import type { PublicTable } from '@forefront/contract';
import {
  barValue,
  cellView,
  chartColumn,
  chartValue,
  formatValue,
  hasMissing,
  hasSuppressed,
  rowsByDimension,
} from './cells';
import { reportFileUrl, reportPath, tableFileUrl } from './transparency.api';
import { chooseYear } from './year';

const table: PublicTable = {
  key: 'students_referred',
  columns: [
    { key: 'enrolled', kind: 'count' },
    { key: 'students', kind: 'count' },
    { key: 'per1000', kind: 'per1000' },
    { key: 'risk_ratio', kind: 'interval' },
  ],
  rows: [
    { key: '*', dimension: 'all', cells: { enrolled: 1200, students: 36, per1000: 30, risk_ratio: null } },
    {
      key: 'BL',
      dimension: 'race',
      cells: { enrolled: 300, students: 18, per1000: 60, risk_ratio: { estimate: 3, low: 1.56, high: 5.77 } },
    },
    {
      key: 'AM',
      dimension: 'race',
      cells: { enrolled: 8, students: 'suppressed', per1000: 'suppressed', risk_ratio: 'suppressed' },
    },
    { key: 'F', dimension: 'sex', cells: { enrolled: 600, students: 12, per1000: 20 } },
  ],
};

describe('cellView', () => {
  it('shows a withheld cell as suppressed and a missing one as not available, never as 0', () => {
    expect(cellView('suppressed', 'count', 'en')).toEqual({ state: 'suppressed' });
    expect(cellView(null, 'count', 'en')).toEqual({ state: 'missing' });
    expect(cellView(undefined, 'per1000', 'en')).toEqual({ state: 'missing' });
    expect(cellView(0, 'count', 'en')).toEqual({ state: 'value', text: '0' });
  });

  it('formats each kind of figure in the reader’s language', () => {
    expect(cellView(1234, 'count', 'en')).toEqual({ state: 'value', text: '1,234' });
    expect(cellView(1234, 'count', 'es')).toEqual({ state: 'value', text: '1234' }); // es groups from 5 digits
    expect(cellView(12345, 'count', 'es')).toEqual({ state: 'value', text: '12.345' });
    expect(cellView(30, 'per1000', 'en')).toEqual({ state: 'value', text: '30.0' });
    expect(cellView(12.25, 'per1000', 'es')).toEqual({ state: 'value', text: '12,3' });
    expect(cellView(0.125, 'share', 'en')).toEqual({ state: 'value', text: '12.5%' });
    expect(cellView(2, 'ratio', 'en')).toEqual({ state: 'value', text: '2.00' });
    expect(formatValue(4.5, 'minutes', 'en')).toBe('4.5');
  });

  it('writes an interval as the estimate with its 95% range', () => {
    expect(cellView({ estimate: 2, low: 1.45, high: 2.764 }, 'interval', 'en')).toEqual({
      state: 'value',
      text: '2.00 (1.45–2.76)',
    });
    expect(cellView({ estimate: 2, low: 1.45, high: 2.764 }, 'interval', 'es')).toEqual({
      state: 'value',
      text: '2,00 (1,45–2,76)',
    });
  });
});

describe('chart values', () => {
  it('draws numbers and interval estimates, and nothing for withheld or missing cells', () => {
    expect(chartValue(5)).toBe(5);
    expect(chartValue({ estimate: 1.5, low: 1, high: 2 })).toBe(1.5);
    expect(chartValue('suppressed')).toBeNull();
    expect(chartValue(null)).toBeNull();
    expect(barValue('suppressed')).toBe('suppressed');
    expect(barValue(null)).toBeNull();
    expect(barValue(0)).toBe(0);
  });

  it('picks the first preferred column present, else the first plain number column', () => {
    expect(chartColumn(table, ['rate', 'per1000'])?.key).toBe('per1000');
    expect(chartColumn(table, ['nothing'])?.key).toBe('enrolled');
    expect(chartColumn({ ...table, columns: [{ key: 'risk_ratio', kind: 'interval' }] }, [])).toBeUndefined();
  });
});

describe('table helpers', () => {
  it('groups student rows by breakdown in order of appearance', () => {
    expect(rowsByDimension(table).map((g) => [g.dimension, g.rows.map((r) => r.key)])).toEqual([
      ['all', ['*']],
      ['race', ['BL', 'AM']],
      ['sex', ['F']],
    ]);
  });

  it('tells whether a table has withheld or missing cells (a cell left out counts as missing)', () => {
    expect(hasSuppressed(table)).toBe(true);
    expect(hasMissing(table)).toBe(true);
    const clean: PublicTable = {
      key: 'incident_types',
      columns: [{ key: 'incidents', kind: 'count' }],
      rows: [{ key: 'theft', cells: { incidents: 0 } }],
    };
    expect(hasSuppressed(clean)).toBe(false);
    expect(hasMissing(clean)).toBe(false);
  });
});

describe('open data addresses', () => {
  const district = { kind: 'district', id: 'd 1' } as const;
  const school = { kind: 'school', id: 's1' } as const;
  it('hang off the district’s or the school’s report path', () => {
    expect(reportPath(district, '2024-25')).toBe('/api/public/districts/d%201/transparency/2024-25');
    expect(tableFileUrl(school, '2024-25', 'students_referred', 'csv')).toBe(
      '/api/public/schools/s1/transparency/2024-25/tables/students_referred.csv',
    );
    expect(reportFileUrl(school, '2024-25', 'json', 'es')).toBe(
      '/api/public/schools/s1/transparency/2024-25/report.json',
    );
  });
  it('ask for the PDF in the page’s language (English for any other)', () => {
    expect(reportFileUrl(district, '2024-25', 'pdf', 'es')).toBe(
      '/api/public/districts/d%201/transparency/2024-25/report.pdf?lang=es',
    );
    expect(reportFileUrl(district, '2024-25', 'pdf', 'fr')).toBe(
      '/api/public/districts/d%201/transparency/2024-25/report.pdf?lang=en',
    );
  });
});

describe('chooseYear', () => {
  const years = ['2025-26', '2024-25', '2023-24'];
  it('takes the year in the address when it is published, else the newest', () => {
    expect(chooseYear(years, '2024-25')).toBe('2024-25');
    expect(chooseYear(years, null)).toBe('2025-26');
    expect(chooseYear(years, '1999-00')).toBe('2025-26');
    expect(chooseYear([], '2024-25')).toBeNull();
  });
});
