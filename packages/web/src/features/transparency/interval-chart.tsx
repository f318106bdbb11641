import type { Interval } from '@forefront/contract';
import { ratioDomain, ratioPosition, wrapLabel } from './chart-scale';
import { labelColumn, useChartWidth } from './chart-width';
import { SERIES_COLORS } from './bar-chart';

/**
 * Estimates with their 95% confidence intervals (risk ratios, composition indexes) as a dot and a
 * line on a log-2 axis, with the "no difference" line at 1. One image to assistive technology; the
 * table beside it holds the exact figures.
 */

export interface IntervalRow {
  label: string;
  value: Interval | 'suppressed' | null;
}

interface IntervalChartProps {
  title: string;
  label: string;
  rows: IntervalRow[];
  formatTick: (value: number) => string;
  suppressedText: string;
  missingText: string;
  /** Words under the line at 1, e.g. "1 = same as all other students". */
  referenceLabel: string;
}

const RIGHT = 24;
const LINE_H = 14;

export function IntervalChart({
  title,
  label,
  rows,
  formatTick,
  suppressedText,
  missingText,
  referenceLabel,
}: IntervalChartProps) {
  const { ref, width: WIDTH } = useChartWidth<HTMLElement>();
  const { labelW: LABEL_W, chars } = labelColumn(WIDTH);
  const intervals = rows.flatMap((r) =>
    typeof r.value === 'object' && r.value ? [r.value.low, r.value.high, r.value.estimate] : [],
  );
  const { min, max, ticks } = ratioDomain(intervals);
  const plotW = WIDTH - LABEL_W - RIGHT;
  const x = (v: number) => LABEL_W + ratioPosition(v, min, max) * plotW;

  let y = 8;
  const laidOut = rows.map((row) => {
    const lines = wrapLabel(row.label, chars);
    const h = lines.length * LINE_H + 12;
    const top = y;
    y += h;
    return { row, lines, top, h };
  });
  const height = y + 40;

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
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={x(tick)}
              x2={x(tick)}
              y1={4}
              y2={y}
              className={tick === 1 ? 'tp-chart__reference' : 'tp-chart__grid'}
            />
            <text x={x(tick)} y={y + 14} textAnchor="middle" className="tp-chart__text">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        <text x={x(1)} y={y + 32} textAnchor="middle" className="tp-chart__text tp-chart__text--muted">
          {referenceLabel}
        </text>
        {laidOut.map(({ row, lines, top, h }) => {
          const mid = top + h / 2;
          const v = row.value;
          return (
            <g key={row.label}>
              <text
                x={LABEL_W - 8}
                y={mid - ((lines.length - 1) * LINE_H) / 2 + 4}
                textAnchor="end"
                className="tp-chart__text"
              >
                {lines.map((line, i) => (
                  <tspan key={i} x={LABEL_W - 8} dy={i === 0 ? 0 : LINE_H}>
                    {line}
                  </tspan>
                ))}
              </text>
              {v === null || v === 'suppressed' ? (
                <text x={LABEL_W + 4} y={mid + 4} className="tp-chart__text tp-chart__text--muted">
                  {v === 'suppressed' ? suppressedText : missingText}
                </text>
              ) : (
                <g>
                  <line x1={x(v.low)} x2={x(v.high)} y1={mid} y2={mid} stroke={SERIES_COLORS[0]} strokeWidth="2" />
                  <line
                    x1={x(v.low)}
                    x2={x(v.low)}
                    y1={mid - 5}
                    y2={mid + 5}
                    stroke={SERIES_COLORS[0]}
                    strokeWidth="2"
                  />
                  <line
                    x1={x(v.high)}
                    x2={x(v.high)}
                    y1={mid - 5}
                    y2={mid + 5}
                    stroke={SERIES_COLORS[0]}
                    strokeWidth="2"
                  />
                  <circle cx={x(v.estimate)} cy={mid} r="5" fill={SERIES_COLORS[0]} />
                </g>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
