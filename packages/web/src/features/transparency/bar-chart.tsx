import { niceMax, wrapLabel } from './chart-scale';
import { labelColumn, useChartWidth } from './chart-width';

/**
 * Horizontal bars drawn by hand in SVG: no chart library, so the public pages stay small. The
 * chart is one image to assistive technology (role="img" with a name saying the table below holds
 * the figures); the data table next to it is the accessible, exact version.
 */

export type BarValue = number | 'suppressed' | null;

export interface BarRow {
  label: string;
  /** One value per series. */
  values: BarValue[];
  /** The value as the table shows it (formatted in the reader's language). */
  texts: string[];
}

export interface BarChartProps {
  /** Shown above the chart: what the bars measure. */
  title: string;
  /** The image's accessible name: the title, the table's caption and where the exact figures are. */
  label: string;
  rows: BarRow[];
  series?: string[];
  /** A vertical reference line, e.g. 1.0 for a risk ratio or a recommended staffing ratio. */
  reference?: { value: number; label: string };
  suppressedText: string;
  missingText: string;
}

/** Series colours from the USWDS palette, each at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLORS = ['#005ea2', '#c05600', '#565c65', '#4d8055'];

const BAR_H = 14;
const LINE_H = 14;

export function BarChart({ title, label, rows, series = [''], reference, suppressedText, missingText }: BarChartProps) {
  const { ref, width: WIDTH } = useChartWidth<HTMLElement>();
  const { labelW: LABEL_W, chars } = labelColumn(WIDTH);
  const VALUE_W = WIDTH < 480 ? 80 : 110;
  const numbers = rows.flatMap((r) => r.values.filter((v): v is number => typeof v === 'number'));
  const max = niceMax(Math.max(0, ...numbers, reference?.value ?? 0));
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + (max > 0 ? (v / max) * plotW : 0);
  const legendH = series.length > 1 ? 28 : 0;
  // Legend entries side by side, each as wide as its name (about 7 px a character at 13 px).
  const legendX = series.reduce<number[]>(
    (xs, _name, i) => [...xs, i === 0 ? 8 : xs[i - 1]! + series[i - 1]!.length * 7 + 34],
    [],
  );

  let y = legendH + 6;
  const laidOut = rows.map((row) => {
    const lines = wrapLabel(row.label, chars);
    const h = Math.max(lines.length * LINE_H, series.length * (BAR_H + 2)) + 10;
    const top = y;
    y += h;
    return { row, lines, top, h };
  });
  const height = y + (reference ? 22 : 6);

  return (
    <figure className="tp-figure" ref={ref}>
      <figcaption className="tp-figure__title">{title}</figcaption>
      <svg
        className="tp-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        {series.length > 1 &&
          series.map((name, i) => (
            <g key={name} transform={`translate(${legendX[i]}, 6)`}>
              <rect width="12" height="12" fill={SERIES_COLORS[i % SERIES_COLORS.length]} />
              <text x="18" y="11" className="tp-chart__text">
                {name}
              </text>
            </g>
          ))}
        {laidOut.map(({ row, lines, top, h }) => {
          const barsTop = top + (h - series.length * (BAR_H + 2)) / 2;
          return (
            <g key={row.label}>
              <text
                x={LABEL_W - 8}
                y={top + (h - lines.length * LINE_H) / 2 + 11}
                textAnchor="end"
                className="tp-chart__text"
              >
                {lines.map((line, i) => (
                  <tspan key={i} x={LABEL_W - 8} dy={i === 0 ? 0 : LINE_H}>
                    {line}
                  </tspan>
                ))}
              </text>
              {row.values.map((value, i) => {
                const by = barsTop + i * (BAR_H + 2);
                if (typeof value !== 'number')
                  return (
                    <text key={i} x={LABEL_W + 4} y={by + 11} className="tp-chart__text tp-chart__text--muted">
                      {value === 'suppressed' ? suppressedText : missingText}
                    </text>
                  );
                const end = x(value);
                return (
                  <g key={i}>
                    <rect
                      x={LABEL_W}
                      y={by}
                      width={Math.max(end - LABEL_W, value > 0 ? 1.5 : 0)}
                      height={BAR_H}
                      fill={SERIES_COLORS[i % SERIES_COLORS.length]}
                    />
                    <text x={end + 4} y={by + 11} className="tp-chart__text">
                      {row.texts[i]}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_W} x2={LABEL_W} y1={legendH} y2={y} className="tp-chart__axis" />
        {reference && (
          <g>
            <line x1={x(reference.value)} x2={x(reference.value)} y1={legendH} y2={y} className="tp-chart__reference" />
            <text x={x(reference.value)} y={y + 15} textAnchor="middle" className="tp-chart__text">
              {reference.label}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}

/** A chart is worth drawing when at least one bar has a number (all withheld: the table says it all). */
export function hasBars(rows: BarRow[]): boolean {
  return rows.some((r) => r.values.some((v) => typeof v === 'number'));
}
