import PDFDocument from 'pdfkit';
import { pdfBytes } from '../../shared/pdf.js';
import type { Cell, PublicTable, TransparencyReport, TransparencyTableKey } from '@forefront/contract';
import {
  DIMENSIONS,
  HIGHLIGHTS,
  type Lang,
  TABLE_EXPLANATIONS,
  TABLE_TITLES,
  columnLabel,
  formatCell,
  label,
  rowLabel,
  text,
} from './transparency.labels.js';

/**
 * The annual transparency report as a PDF (issue 4), in English or Spanish: a title block with the
 * privacy rule, the highlights, then every table of the report as a bar chart of its main figure
 * and the table itself, each with its plain-language explanation. It prints the published report
 * as is (already suppressed): the same cells the page and the open-data files show, formatted by
 * `formatCell`. Built-in Helvetica (as the MOU PDF) keeps the file small and covers Spanish
 * (WinAnsi); `pdfSafe` replaces what it cannot encode, e.g. in a school's name.
 */

const BODY = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const BLUE = '#1a4480';
const GREY = '#565c65';
const SHADE = '#eef0f3';

/** WinAnsi's letters above Latin-1 (pdfkit maps these; any other code point would print as garbage). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfSafe(s: string): string {
  let out = '';
  for (const ch of s.replace(/\u2212/g, '-')) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += ' ';
    else {
      // Letters with marks Latin-1 lacks (e.g. Vietnamese) keep their base letter; the rest become '?'.
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...base].every((b) => b.codePointAt(0)! < 0x100) ? base : '?';
    }
  }
  return out;
}

/** The figure a table's bar chart draws: rates where groups of different sizes are compared, else the first figure. */
const MAIN_COLUMN: Partial<Record<TransparencyTableKey, string>> = {
  students_referred: 'per1000',
  students_arrested: 'per1000',
  classroom_response: 'share',
  trend: 'referred_per1000',
  schools: 'referred_per1000',
  weapon_trend: 'weapon_per1000',
  exposure: 'share',
};
const ROW_HEADER: Partial<Record<TransparencyTableKey, 'group' | 'year' | 'school'>> = {
  students_referred: 'group',
  students_arrested: 'group',
  trend: 'year',
  schools: 'school',
  weapon_trend: 'year',
  exposure: 'group',
};
const CHART_ROW = 13;
const STUDENT_TABLES: readonly string[] = ['students_referred', 'students_arrested', 'exposure'];

/**
 * A table's chart: its main column, over the rows that have it, less a count table's total row
 * (`all`), which would dwarf its parts; a student table keeps it, its rate being comparable.
 */
export function chartOf(table: PublicTable) {
  const column =
    table.columns.find((c) => c.key === MAIN_COLUMN[table.key]) ??
    table.columns.find((c) => c.kind !== 'interval') ??
    table.columns[0];
  const rows = column
    ? table.rows.filter((r) => column.key in r.cells && (r.key !== 'all' || STUDENT_TABLES.includes(table.key)))
    : [];
  return { column, rows };
}
const valueOf = (c: Cell | undefined) => (typeof c === 'number' ? c : c && typeof c === 'object' ? c.estimate : null);

/**
 * The summary page's sentences, from the report's published cells only (a withheld figure reads as
 * the suppressed word): referrals and arrests, incidents and contacts, weapon offenses this year,
 * and the exposure to police by group (district report, groups with a published share).
 */
export function summarySentences(report: TransparencyReport, lang: Lang): string[] {
  const h = report.highlights;
  const f = (cell: Cell | undefined, kind: string) => formatCell(cell ?? null, kind, lang);
  const out = [
    text('summaryReferred', lang, {
      referred: f(h.studentsReferred, 'count'),
      per1000: f(h.referredPer1000, 'per1000'),
      arrested: f(h.studentsArrested, 'count'),
      arrestedPer1000: f(h.arrestedPer1000, 'per1000'),
    }),
    text('summaryContacts', lang, {
      incidents: f(h.incidents, 'count'),
      contacts: f(h.contacts, 'count'),
      routine: f(h.routineShare, 'share'),
      violations: f(h.mouViolations, 'count'),
    }),
  ];
  const weapon = report.tables.find((t) => t.key === 'weapon_trend')?.rows.find((r) => r.key === report.year);
  if (weapon)
    out.push(
      text('summaryWeapon', lang, {
        weapon: f(weapon.cells.weapon_incidents, 'count'),
        per1000: f(weapon.cells.weapon_per1000, 'per1000'),
      }),
    );
  const exposure = report.tables.find((t) => t.key === 'exposure');
  const all = exposure?.rows.find((r) => r.key === 'all');
  if (exposure && all) {
    const groups = exposure.rows
      .filter((r) => r.dimension === 'race' && typeof r.cells.share === 'number')
      .map((r) => `${rowLabel('exposure', r, lang)} ${f(r.cells.share, 'share')}`);
    out.push(text('summaryExposure', lang, { all: f(all.cells.share, 'share'), groups: groups.join('; ') }));
  }
  return out;
}

export function renderTransparencyPdf(report: TransparencyReport, lang: Lang): Promise<Buffer> {
  // The publication date on the district's calendar (UTC for pages published before districts had zones).
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: report.district.timeZone ?? 'UTC' }).format(
    new Date(report.publishedAt),
  );
  const name = report.school ? `${report.school.name}, ${report.district.name}` : report.district.name;
  const title = text('title', lang);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    bufferPages: true,
    lang: lang === 'en' ? 'en-US' : 'es',
    info: {
      Title: pdfSafe(`${title}: ${name}, ${report.year}`),
      Author: pdfSafe(report.district.name),
      Subject: title,
    },
  });
  const done = pdfBytes(doc);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  /** Starts a new page unless `h` points still fit on this one; true when it did. */
  const ensure = (h: number) => (doc.y + h > bottom() ? (doc.addPage(), true) : false);
  /** Keeps a block of `h` points on one page when a page can hold it (a chart or a short table). */
  const keepTogether = (h: number) => ensure(Math.min(h, bottom() - doc.page.margins.top));
  const para = (s: string, size = 9.5, color = 'black') =>
    doc.font(BODY).fontSize(size).fillColor(color).text(pdfSafe(s), left, doc.y, { width });
  /** One line at an exact place, never wrapped: figures must stay whole for readers and text extraction. */
  const put = (s: string, x: number, y: number, font = BODY, color = 'black') =>
    doc.font(font).fillColor(color).text(pdfSafe(s), x, y, { lineBreak: false });
  const putRight = (s: string, right: number, y: number, font = BODY) =>
    put(s, right - doc.font(font).widthOfString(pdfSafe(s)), y, font);
  const fit = (s: string, w: number) => {
    let t = pdfSafe(s);
    if (doc.widthOfString(t) <= w) return t;
    while (t.length > 1 && doc.widthOfString(`${t}…`) > w) t = t.slice(0, -1);
    return `${t.trimEnd()}…`;
  };
  const heading = (s: string, size: number) => {
    doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor(BLUE).text(pdfSafe(s), left, doc.y, { width }).moveDown(0.25);
  };

  // Title block.
  doc.font(BOLD).fontSize(22).fillColor(BLUE).text(pdfSafe(title), { width });
  doc.moveDown(0.2).fontSize(15).fillColor('black').text(pdfSafe(name), { width });
  doc
    .moveDown(0.2)
    .font(BODY)
    .fontSize(11.5)
    .text(text('schoolYear', lang, { year: report.year }));
  doc.text(text('published', lang, { date }));
  heading(text('privacyHeading', lang), 12);
  para(text('privacy', lang, { n: report.minN, max: report.minN - 1 }));

  // Highlights: a grid of figure cards, three per row.
  heading(text('highlights', lang), 14);
  const gap = 8;
  const cardW = (width - 2 * gap) / 3;
  const cards = Object.entries(HIGHLIGHTS) as [keyof typeof HIGHLIGHTS, (typeof HIGHLIGHTS)[keyof typeof HIGHLIGHTS]][];
  for (let i = 0; i < cards.length; i += 3) {
    const rowCards = cards.slice(i, i + 3);
    doc.font(BODY).fontSize(8.5);
    const cardH =
      34 +
      Math.max(...rowCards.map(([, h]) => doc.heightOfString(pdfSafe(label(h.label, lang)), { width: cardW - 16 })));
    ensure(cardH + gap);
    const y = doc.y;
    rowCards.forEach(([key, h], k) => {
      const x = left + k * (cardW + gap);
      doc.rect(x, y, cardW, cardH).fill(SHADE);
      const cell = report.highlights[key];
      doc.fontSize(16);
      put(
        formatCell(cell, h.kind, lang),
        x + 8,
        y + 8,
        cell === 'suppressed' ? ITALIC : BOLD,
        cell === 'suppressed' ? GREY : BLUE,
      );
      doc
        .font(BODY)
        .fontSize(8.5)
        .fillColor('black')
        .text(pdfSafe(label(h.label, lang)), x + 8, y + 28, { width: cardW - 16 });
    });
    doc.x = left;
    doc.y = y + cardH + gap;
  }

  // The first page is a summary: the year in sentences and what the following pages hold.
  heading(text('summary', lang), 14);
  for (const sentence of summarySentences(report, lang)) {
    para(`•  ${sentence}`, 10);
    doc.moveDown(0.2);
  }
  heading(text('contents', lang), 12);
  for (const table of report.tables) para(`•  ${label(TABLE_TITLES[table.key], lang)}`, 9.5);
  doc.addPage();

  for (const table of report.tables) {
    // A measure's title, explanation and chart start on one page.
    const explanation = label(TABLE_EXPLANATIONS[table.key], lang);
    keepTogether(
      doc.font(BODY).fontSize(9.5).heightOfString(pdfSafe(explanation), { width }) +
        45 +
        (table.rows.length ? chartHeight(table) : 0),
    );
    heading(label(TABLE_TITLES[table.key], lang), 14);
    para(explanation, 9.5);
    if (table.rows.length === 0) continue;
    doc.moveDown(0.5);
    chart(table);
    doc.moveDown(0.8);
    grid(table);
  }

  function chartHeight(table: PublicTable) {
    const { rows } = chartOf(table);
    const breaks = rows.filter((r, i) => i > 0 && r.dimension !== rows[i - 1]!.dimension).length;
    return CHART_ROW * (rows.length + 2 + breaks / 2);
  }

  function chart(table: PublicTable) {
    const { column: col, rows } = chartOf(table);
    if (!col || rows.length === 0) return;
    const rowH = CHART_ROW;
    const labelW = Math.min(190, width * 0.38);
    const barLeft = left + labelW + 6;
    const barMax = width - labelW - 6 - 95;
    // Shares are drawn against 100%, so a bar's length reads as the share itself.
    const max = col.kind === 'share' ? 1 : Math.max(0, ...rows.map((r) => valueOf(r.cells[col.key]) ?? 0));
    keepTogether(chartHeight(table));
    doc
      .font(ITALIC)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(pdfSafe(columnLabel(col.key, lang)), left, doc.y, { width });
    doc.moveDown(0.3);
    let dimension = rows[0]?.dimension;
    for (const row of rows) {
      if (row.dimension !== dimension) doc.y += rowH / 2; // a gap between breakdowns (race, sex, ...)
      dimension = row.dimension;
      ensure(rowH);
      const y = doc.y;
      const cell = row.cells[col.key] ?? null;
      doc.font(BODY).fontSize(8);
      put(fit(rowLabel(table.key, row, lang), labelW), left, y + 2);
      const v = valueOf(cell);
      const len = v !== null && max > 0 ? Math.max(v > 0 ? 1 : 0, (v / max) * barMax) : 0;
      if (len > 0) doc.rect(barLeft, y + 1.5, len, rowH - 4).fill(BLUE);
      doc.fontSize(8);
      put(
        formatCell(cell, col.kind, lang),
        barLeft + len + 4,
        y + 2,
        cell === 'suppressed' ? ITALIC : BODY,
        cell === 'suppressed' ? GREY : 'black',
      );
      doc.y = y + rowH;
    }
    doc.x = left;
  }

  function grid(table: PublicTable) {
    const rows = table.rows.map((r) => ({
      label: pdfSafe(rowLabel(table.key, r, lang)),
      cells: table.columns.map((c) => pdfSafe(formatCell(r.cells[c.key] ?? null, c.kind, lang))),
    }));
    const headers = table.columns.map((c) => pdfSafe(columnLabel(c.key, lang)));
    const rowHeader = ROW_HEADER[table.key];
    // The largest size (8.5 down to 6 pt) at which every figure fits unwrapped and the labels keep 110 pt.
    let size = 8.5;
    let widths: number[] = [];
    for (; ; size -= 0.5) {
      widths = table.columns.map((_, k) => {
        const figures = Math.max(...rows.map((r) => doc.font(BODY).fontSize(size).widthOfString(r.cells[k]!)));
        const words = Math.max(...headers[k]!.split(' ').map((w) => doc.font(BOLD).fontSize(size).widthOfString(w)));
        return Math.max(figures, words) + 10;
      });
      if (width - widths.reduce((a, b) => a + b, 0) >= 110 || size <= 6) break;
    }
    const labelW = Math.max(60, width - widths.reduce((a, b) => a + b, 0));
    const header = () => {
      doc.font(BOLD).fontSize(size);
      const h = Math.max(...headers.map((t, k) => doc.heightOfString(t, { width: widths[k]! - 6 }))) + 6;
      const y = doc.y;
      doc.rect(left, y, width, h).fill(SHADE);
      if (rowHeader) doc.fillColor('black').text(text(rowHeader, lang), left + 3, y + 3, { width: labelW - 6 });
      let x = left + labelW;
      headers.forEach((t, k) => {
        doc.fillColor('black').text(t, x, y + 3, { width: widths[k]! - 6, align: 'right' });
        x += widths[k]!;
      });
      doc.y = y + h;
    };
    doc.font(BODY).fontSize(size);
    const heights = rows.map((r) => Math.max(doc.heightOfString(r.label, { width: labelW - 6 }), size * 1.2) + 5);
    const continued = () => {
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(GREY)
        .text(text('continued', lang, { title: label(TABLE_TITLES[table.key], lang) }), left, doc.y, { width });
      doc.moveDown(0.3);
    };
    if (keepTogether(heights.reduce((a, b) => a + b, 0) * 1.3 + 40)) continued(); // rows, breakdown subheadings, header
    header();
    let dimension = table.rows[0]?.dimension;
    rows.forEach((r, i) => {
      const dim = table.rows[i]!.dimension;
      const h = heights[i]!;
      const subheading = dim !== undefined && dim !== dimension && dim !== 'all';
      if (ensure(h + (subheading ? h : 0))) {
        continued();
        header();
      }
      if (subheading) {
        doc
          .font(BOLD)
          .fontSize(size)
          .fillColor(BLUE)
          .text(pdfSafe(sectionLabel(dim)), left + 3, doc.y + 3, { width: width - 6 });
        doc.y += 2;
      }
      dimension = dim;
      const y = doc.y;
      doc
        .font(BODY)
        .fontSize(size)
        .fillColor('black')
        .text(r.label, left + 3, y + 2.5, { width: labelW - 6 });
      let x = left + labelW;
      r.cells.forEach((c, k) => {
        const suppressed = c === pdfSafe(text('suppressed', lang));
        doc.fontSize(size);
        putRight(c, x + widths[k]! - 3, y + 2.5, suppressed ? ITALIC : BODY);
        x += widths[k]!;
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .lineWidth(0.4)
        .strokeColor('#a9aeb1')
        .stroke();
      doc.x = left;
      doc.y = y + h;
    });
  }

  function sectionLabel(dimension: string): string {
    return Object.hasOwn(DIMENSIONS, dimension)
      ? label(DIMENSIONS[dimension as keyof typeof DIMENSIONS], lang)
      : dimension;
  }

  // Footer on every page: the source note and "Page i of N" (pages are buffered until the count is known).
  const range = doc.bufferedPageRange();
  const source = pdfSafe(text('source', lang, { name: report.district.name, year: report.year, date, n: report.minN }));
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a new page
    const y = doc.page.height - 42;
    doc
      .font(BODY)
      .fontSize(7)
      .fillColor(GREY)
      .text(source, left, y, { width: width - 90 });
    doc.fontSize(8);
    putRight(text('page', lang, { page: i + 1, pages: range.count }), left + width, y, BODY);
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
