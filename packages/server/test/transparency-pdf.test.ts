import { describe, expect, it } from 'vitest';
import {
  type Cell,
  type PublicTable,
  SUPPRESSED,
  type TransparencyReport,
  TransparencyReportSchema,
} from '@forefront/contract';
import { formatCell } from '../src/modules/transparency/transparency.labels.js';
import { type Extracted, expectCharts, expectTables, extract } from './transparency-pdf.helpers.js';
import { pdfSafe, renderTransparencyPdf } from '../src/modules/transparency/transparency.pdf.js';

/**
 * The annual PDF prints the same figures as the page: a published report (schema-valid, with
 * suppressed cells, intervals and not-applicable cells) is rendered in both languages, its text is
 * read back from the content streams, and every row of every table must appear as one line of the
 * printed table (label, then each cell as formatted), plus each charted figure and each highlight.
 */

const S = SUPPRESSED;
const iv = (estimate: number, low: number, high: number) => ({ estimate, low, high });
const STUDENT_COLUMNS: PublicTable['columns'] = [
  { key: 'enrolled', kind: 'count' },
  { key: 'students', kind: 'count' },
  { key: 'per1000', kind: 'per1000' },
  { key: 'risk_ratio', kind: 'interval' },
  { key: 'composition_index', kind: 'interval' },
];
type StudentRow = [dimension: string, key: string, enrolled: Cell, students: Cell, per1000: Cell, rr: Cell, ci: Cell];
const studentTable = (key: 'students_referred' | 'students_arrested', rows: StudentRow[]): PublicTable => ({
  key,
  columns: STUDENT_COLUMNS,
  rows: rows.map(([dimension, k, enrolled, students, per1000, risk_ratio, composition_index]) => ({
    key: k,
    dimension,
    cells: { enrolled, students, per1000, risk_ratio, composition_index },
  })),
});
const simple = (
  key: PublicTable['key'],
  columns: PublicTable['columns'],
  rows: [string, ...Cell[]][],
  labels: Record<string, string> = {},
): PublicTable => ({
  key,
  columns,
  rows: rows.map(([k, ...cells]) => ({
    key: k,
    ...(labels[k] ? { label: labels[k] } : {}),
    cells: Object.fromEntries(columns.map((c, i) => [c.key, cells[i] ?? null])),
  })),
});

const TREND_COLUMNS: PublicTable['columns'] = [
  { key: 'enrolled', kind: 'count' },
  { key: 'students_referred', kind: 'count' },
  { key: 'referred_per1000', kind: 'per1000' },
  { key: 'students_arrested', kind: 'count' },
  { key: 'arrested_per1000', kind: 'per1000' },
  { key: 'incidents', kind: 'count' },
  { key: 'contacts', kind: 'count' },
  { key: 'routine_share', kind: 'share' },
];

/** A district's published report as transparency.report.ts shapes it (tables, columns and row keys). */
const REPORT: TransparencyReport = TransparencyReportSchema.parse({
  scope: 'district',
  district: { id: 'd-riverside', name: 'Riverside Unified School District', state: 'NM', ncesLeaId: '3500060' },
  school: null,
  year: '2025-26',
  years: ['2025-26', '2024-25', '2023-24'],
  minN: 10,
  publishedAt: '2026-11-28T15:04:05.000Z',
  highlights: {
    enrolled: 8412,
    studentsReferred: 143,
    referredPer1000: 16.9995,
    studentsArrested: 41,
    arrestedPer1000: 4.874,
    incidents: 1207,
    contacts: 370,
    routineShare: 0.42703,
    mouViolations: S,
  },
  tables: [
    studentTable('students_referred', [
      ['all', 'all', 8412, 143, 16.9995, null, null],
      ['race', 'HI', 3120, 61, 19.5513, iv(1.2821, 0.9213, 1.7844), iv(1.1491, 0.9012, 1.4402)],
      ['race', 'AM', 212, S, S, S, S],
      ['race', 'AS', 301, S, S, S, S],
      ['race', 'HP', S, S, S, S, S],
      ['race', 'BL', 905, 38, 41.989, iv(3.0512, 2.1133, 4.4091), iv(2.4699, 1.8021, 3.3862)],
      ['race', 'WH', 3521, 33, 9.3723, iv(0.4012, 0.2721, 0.5803), iv(0.5513, 0.3904, 0.7785)],
      ['race', 'TR', 341, S, S, S, S],
      ['sex', 'M', 4310, 96, 22.2738, iv(1.9411, 1.3742, 2.7419), iv(1.3103, 1.1502, 1.4926)],
      ['sex', 'F', 4060, 47, 11.5764, iv(0.5209, 0.3688, 0.7358), iv(0.681, 0.5127, 0.9044)],
      ['sex', 'X', 42, 0, 0, null, null],
      ['disability', 'idea', 1103, 45, 40.7978, iv(3.0479, 2.1401, 4.3407), iv(2.4, 1.818, 3.1683)],
      ['disability', 'section504_only', 412, S, S, S, S],
      ['disability', 'no_disability', 6897, S, S, S, S],
      ['english_learner', 'english_learner', 1290, 27, 20.9302, iv(1.2857, 0.8508, 1.9429), iv(1.2311, 0.8436, 1.7967)],
      [
        'english_learner',
        'not_english_learner',
        7122,
        116,
        16.2876,
        iv(0.7778, 0.5147, 1.1754),
        iv(0.9584, 0.8998, 1.0208),
      ],
    ]),
    studentTable('students_arrested', [
      ['all', 'all', 8412, 41, 4.874, null, null],
      ['race', 'HI', 3120, 17, 5.4487, iv(1.2612, 0.6804, 2.3378), iv(1.1179, 0.6911, 1.8083)],
      ['race', 'BL', 905, 12, 13.2597, iv(3.4583, 1.7735, 6.7436), iv(2.7206, 1.5409, 4.8035)],
      ['race', 'WH', 3521, 12, 3.4081, iv(0.5839, 0.2996, 1.138), iv(0.6993, 0.396, 1.2349)],
      ['race', 'AM', S, S, S, S, S],
      ['sex', 'M', 4310, 29, 6.7285, iv(2.3015, 1.1808, 4.4858), iv(1.3805, 1.0641, 1.7909)],
      ['sex', 'F', 4060, 12, 2.9557, iv(0.4345, 0.2229, 0.8469), iv(0.6064, 0.3433, 1.0711)],
    ]),
    simple(
      'incident_types',
      [
        { key: 'incidents', kind: 'count' },
        { key: 'share', kind: 'share' },
      ],
      [
        ['all', 1207, 1],
        ['classroom_disruption', 143, 0.11848],
        ['fight_without_weapon', 88, 0.07291],
        ['defiance', 61, 0.05054],
        ['tobacco_or_vaping', 54, 0.04474],
        ['drugs', 17, 0.01408],
        ['theft', 12, 0.00994],
        ['threat_with_firearm', S, S],
        ['weapon_possession', S, S],
      ],
    ),
    simple(
      'contacts_by_purpose',
      [
        { key: 'contacts', kind: 'count' },
        { key: 'share', kind: 'share' },
      ],
      [
        ['all', 370, 1],
        ['serious_threat_or_crime', 120, 0.32432],
        ['routine_discipline', 158, 0.42703],
        ['mentoring_or_teaching', 67, 0.18108],
        ['emergency_response', S, S],
        ['other', S, S],
      ],
    ),
    simple(
      'mou_violations',
      [{ key: 'violations', kind: 'count' }],
      [
        ['all', S],
        ['led_school_staff_category', 41],
        ['review_missing', 23],
        ['questioning_without_parent_notice', S],
        ['force_not_allowed', 0],
      ],
    ),
    simple(
      'restraint_and_force',
      [{ key: 'actions', kind: 'count' }],
      [
        ['all', 19],
        ['restrained_physical', 14],
        ['restrained_mechanical', S],
        ['used_force', S],
      ],
    ),
    simple(
      'classroom_response',
      [
        { key: 'count', kind: 'count' },
        { key: 'of', kind: 'count' },
        { key: 'share', kind: 'share' },
      ],
      [
        ['contacts', 96, 370, 0.25946],
        ['officers', S, 12, S],
      ],
    ),
    {
      key: 'response_times',
      columns: [
        { key: 'contacts', kind: 'count' },
        { key: 'share', kind: 'share' },
        { key: 'minutes', kind: 'minutes' },
      ],
      rows: [
        ...[
          ['all', 345, 1],
          ['0-2', 88, 0.25507],
          ['2-5', 131, 0.37971],
          ['5-10', 79, 0.22899],
          ['10-20', 34, 0.09855],
          ['20-60', S, S],
          ['60+', S, S],
        ].map(([key, contacts, share]) => ({
          key: key as string,
          cells: { contacts: contacts as Cell, share: share as Cell },
        })),
        // The median needs every bucket: with two withheld it is withheld too.
        { key: 'median', cells: { minutes: S } },
      ],
    },
    simple('trend', TREND_COLUMNS, [
      ['2023-24', 8102, 129, null, S, null, 1150, 402, 0.39303],
      ['2024-25', 8275, 151, 18.2477, 38, 4.5921, 1302, 388, 0.41237],
      ['2025-26', 8412, 143, 16.9995, 41, 4.874, 1207, 370, 0.42703],
    ]),
    simple(
      'schools',
      [
        { key: 'enrolled', kind: 'count' },
        { key: 'students_referred', kind: 'count' },
        { key: 'referred_per1000', kind: 'per1000' },
        { key: 'students_arrested', kind: 'count' },
        { key: 'arrested_per1000', kind: 'per1000' },
        { key: 'incidents', kind: 'count' },
      ],
      [
        ['s-1', 1840, 52, 28.2609, 17, 9.2391, 402],
        ['s-2', 2210, 61, 27.6018, 14, 6.3348, 455],
        ['s-3', 96, S, S, S, S, S],
        ['s-4', 4266, S, S, S, S, 350],
      ],
      {
        's-1': 'Riverside High School',
        's-2': 'Escuela Secundaria Peña Blanca',
        's-3': 'Trường Nguyễn Academy',
        's-4': 'Valley Middle School',
      },
    ),
  ],
});

const LANGS = [
  { lang: 'en', suppressed: 'suppressed', other: 'suprimido' },
  { lang: 'es', suppressed: 'suprimido', other: 'suppressed' },
] as const;

describe.each(LANGS)('transparency report PDF ($lang)', ({ lang, suppressed, other }) => {
  let pdf: Buffer;
  let text: Extracted;
  it('renders a PDF with a footer on every page', async () => {
    pdf = await renderTransparencyPdf(REPORT, lang);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    text = extract(pdf);
    const count = Number(pdf.toString('latin1').match(/\/Type \/Pages\s*\/Count (\d+)/)![1]);
    expect(text.pages.length).toBe(count);
    expect(count).toBeGreaterThanOrEqual(5);
    expect(count).toBeLessThanOrEqual(16);
    const word = lang === 'en' ? 'Page' : 'Página';
    text.pages.forEach((frags, i) =>
      expect(frags.map((f) => f.text)).toContain(`${word} ${i + 1} ${lang === 'en' ? 'of' : 'de'} ${count}`),
    );
  });

  it('prints every row of every table with every figure as formatted, withheld cells as the suppressed word', () => {
    expectTables(REPORT, text, lang);
  });

  it('charts the main figure of each row, and shows a withheld one as the suppressed word', () => {
    expectCharts(REPORT, text, lang);
  });

  it('prints the highlights and the privacy rule', () => {
    for (const [key, cell] of Object.entries(REPORT.highlights)) {
      const kind = key.endsWith('Per1000') ? 'per1000' : key === 'routineShare' ? 'share' : 'count';
      expect(text.all, key).toContain(formatCell(cell, kind, lang));
    }
    const all = text.lines.map((l) => l.join(' ')).join('\n');
    expect(all).toContain(lang === 'en' ? 'Minimum cell size: n = 10.' : 'Tamaño mínimo de celda: n = 10.');
    expect(text.all.filter((t) => t === suppressed).length).toBeGreaterThan(30);
    expect(all).not.toContain(other);
  });

  it('formats numbers for the language (decimal comma in Spanish) and keeps accented letters', () => {
    const all = text.lines.map((l) => l.join(' ')).join('\n');
    if (lang === 'en') {
      expect(text.all).toEqual(
        expect.arrayContaining([
          '3.05 (2.11–4.41)',
          '8,412',
          '42.0',
          '42.7%',
          '17.0',
          'School year 2025-26',
          'Published November 28, 2026',
        ]),
      );
    } else {
      expect(text.all).toEqual(
        expect.arrayContaining([
          '3,05 (2,11–4,41)',
          '8412',
          '42,0',
          '42,7\u00a0%',
          '17,0',
          'Año escolar 2025-26',
          'Publicado el 28 de noviembre de 2026',
        ]),
      );
      for (const word of [
        'índice de composición',
        'razón de riesgo',
        'Índice de ',
        'Escuela Secundaria Peña Blanca',
        'Página 1 de',
        'Inmovilización física',
      ])
        expect(all).toContain(word);
    }
    // A name with letters outside the PDF font's set is printed with their base letters, never garbage.
    expect(all).toContain('Truong Nguyen Academy');
  });
});

describe('school report PDF', () => {
  // A school's report: no schools table, and every response-time bucket published, so the median is too.
  const response: PublicTable = {
    key: 'response_times',
    columns: [
      { key: 'contacts', kind: 'count' },
      { key: 'share', kind: 'share' },
      { key: 'minutes', kind: 'minutes' },
    ],
    rows: [
      { key: 'all', cells: { contacts: 120, share: 1 } },
      ...(['0-2', '2-5', '5-10', '10-20', '20-60', '60+'] as const).map((key, i) => ({
        key,
        cells: { contacts: [30, 45, 25, 10, 10, 0][i]!, share: [0.25, 0.375, 0.20833, 0.08333, 0.08333, 0][i]! },
      })),
      { key: 'median', label: '2-5', cells: { minutes: 4.3333 } },
    ],
  };
  const SCHOOL = TransparencyReportSchema.parse({
    ...REPORT,
    scope: 'school',
    school: { id: 's-2', name: 'Escuela Secundaria Peña Blanca', ncesSchoolId: '350006000123' },
    tables: REPORT.tables.filter((t) => t.key !== 'schools').map((t) => (t.key === 'response_times' ? response : t)),
  });

  it.each(['en', 'es'] as const)('names the school and its district, and prints every figure (%s)', async (lang) => {
    const text = extract(await renderTransparencyPdf(SCHOOL, lang));
    expect(text.all).toContain('Escuela Secundaria Peña Blanca, Riverside Unified School District');
    expect(text.all).toContain(lang === 'en' ? 'Annual transparency report' : 'Informe anual de transparencia');
    expectTables(SCHOOL, text, lang);
    expectCharts(SCHOOL, text, lang);
    const median = text.lines.find((l) =>
      l[0]!.startsWith(lang === 'en' ? 'Median time to arrive' : 'Mediana del tiempo'),
    );
    expect(median).toEqual([
      lang === 'en'
        ? 'Median time to arrive (2 to under 5 minutes)'
        : 'Mediana del tiempo de llegada (de 2 a menos de 5 minutos)',
      '—',
      '—',
      lang === 'en' ? '4.3' : '4,3',
    ]);
    expect(text.all).not.toContain('Truong Nguyen Academy');
  });

  it('replaces what the built-in font cannot encode', () => {
    expect(pdfSafe('Año – “ok” €')).toBe('Año – “ok” €');
    expect(pdfSafe('Trường\u202F東京\u0007x')).toBe('Truong ?? x');
  });
});
