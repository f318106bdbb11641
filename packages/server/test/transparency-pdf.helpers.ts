import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { TransparencyReport } from '@forefront/contract';
import { formatCell, rowLabel } from '../src/modules/transparency/transparency.labels.js';
import { chartOf, pdfSafe } from '../src/modules/transparency/transparency.pdf.js';

/** Reading a rendered transparency PDF back: its text by page and line, and checks that it shows a report's figures. */

/** WinAnsi's 0x80..0x9F (Node's TextDecoder reads 'windows-1252' as Latin-1 there); the rest is Latin-1. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? WIN_ANSI_HIGH[b - 0x80]! : String.fromCharCode(b))).join('');

/** The text of a PDF: each content stream (a page) inflated, each BT..ET block read as one fragment at its position. */
export function extract(pdf: Buffer) {
  const pages: { x: number; y: number; text: string }[][] = [];
  for (let at = pdf.indexOf('stream\n'); at !== -1; at = pdf.indexOf('stream\n', at + 1)) {
    if (pdf.subarray(at - 3, at).toString() === 'end') continue;
    const end = pdf.indexOf('\nendstream', at);
    const content = inflateSync(pdf.subarray(at + 7, end)).toString('latin1');
    const fragments = [...content.matchAll(/BT([\s\S]*?)ET/g)].map(([, block]) => {
      const [, x, y] = block!.match(/1 0 0 1 (\S+) (\S+) Tm/)!;
      const hex = [...block!.matchAll(/\[(.*?)\] TJ/g)]
        .flatMap(([, arr]) => [...arr!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]!))
        .join('');
      return { x: Number(x), y: Number(y), text: winAnsi(Buffer.from(hex, 'hex')) };
    });
    pages.push(fragments);
  }
  // Lines: fragments on the same baseline, left to right.
  const lines = pages.flatMap((frags) => {
    const byY = new Map<string, typeof frags>();
    for (const f of frags) byY.set(f.y.toFixed(1), [...(byY.get(f.y.toFixed(1)) ?? []), f]);
    return [...byY.values()].map((l) => l.sort((a, b) => a.x - b.x).map((f) => f.text));
  });
  return { pages, lines, all: pages.flat().map((f) => f.text) };
}
export type Extracted = ReturnType<typeof extract>;

/** Every row of every table appears as one printed table line: its label, then each cell as formatted. */
export function expectTables(report: TransparencyReport, text: Extracted, lang: 'en' | 'es') {
  for (const table of report.tables) {
    for (const row of table.rows) {
      const label = pdfSafe(rowLabel(table.key, row, lang));
      const cells = table.columns.map((c) => formatCell(row.cells[c.key] ?? null, c.kind, lang));
      const matches = text.lines.filter(
        (l) =>
          l.length === cells.length + 1 &&
          l[0]!.length > 0 &&
          // A chart line shortens a long label with an ellipsis (as expectCharts reads it).
          label.startsWith(l[0]!.replace(/…$/, '').trimEnd()) &&
          l.slice(1).join('|') === cells.join('|'),
      );
      // A one-column table's chart line reads the same as its table line: both must be there.
      const charted = table.columns.length === 1 && chartOf(table).rows.includes(row);
      expect(matches.length, `${table.key} ${row.key}: ${label} | ${cells.join(' | ')}`).toBeGreaterThanOrEqual(
        charted ? 2 : 1,
      );
    }
  }
}

/** Each charted row appears as a chart line: its label (shortened with an ellipsis if long), then its figure. */
export function expectCharts(report: TransparencyReport, text: Extracted, lang: 'en' | 'es') {
  let charted = 0;
  for (const table of report.tables) {
    const { column, rows } = chartOf(table);
    for (const row of rows) {
      const label = pdfSafe(rowLabel(table.key, row, lang));
      const value = formatCell(row.cells[column!.key] ?? null, column!.kind, lang);
      const bar = text.lines.find((l) => l.length === 2 && label.startsWith(l[0]!.replace(/…$/, '')) && l[1] === value);
      expect(bar, `${table.key} ${row.key}: ${value}`).toBeDefined();
      charted++;
    }
  }
  expect(charted).toBeGreaterThan(40);
}
