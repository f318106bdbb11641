import { useId } from 'react';

export interface BarSeries {
  key: string;
  label: string;
  /** A USWDS palette colour with at least 3:1 contrast on white (WCAG 1.4.11). */
  colour: string;
}

interface BarChartProps {
  title: string;
  description: string;
  categories: { key: string; label: string }[];
  series: BarSeries[];
  value: (category: string, series: string) => number;
}

/**
 * Grouped vertical bars in plain SVG. The SVG is one image with a title and a description; the
 * numbers themselves are in the table that always accompanies it, so nothing here needs a
 * screen reader to walk the bars.
 */
export function BarChart({ title, description, categories, series, value }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...categories.flatMap((c) => series.map((s) => value(c.key, s.key))));
  const width = Math.max(320, categories.length * (series.length * 18 + 24) + 48);
  const height = 200;
  const plot = { left: 36, bottom: 28, top: 12 };
  const plotHeight = height - plot.bottom - plot.top;
  const group = (width - plot.left) / Math.max(1, categories.length);
  const bar = Math.min(24, (group - 12) / series.length);
  const ticks = [0, Math.ceil(max / 2), max];
  return (
    <figure className="margin-x-0 margin-y-2">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        className="width-full"
        style={{ maxHeight: '16rem' }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => {
          const y = plot.top + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick}>
              <line x1={plot.left} x2={width} y1={y} y2={y} stroke="#dfe1e2" />
              <text x={plot.left - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#1b1b1b">
                {tick}
              </text>
            </g>
          );
        })}
        {categories.map((c, ci) => {
          const x0 = plot.left + ci * group + (group - bar * series.length) / 2;
          return (
            <g key={c.key}>
              {series.map((s, si) => {
                const v = value(c.key, s.key);
                const h = (v / max) * plotHeight;
                return (
                  <rect
                    key={s.key}
                    x={x0 + si * bar}
                    y={plot.top + plotHeight - h}
                    width={bar - 2}
                    height={h}
                    fill={s.colour}
                  />
                );
              })}
              <text
                x={plot.left + ci * group + group / 2}
                y={height - 8}
                textAnchor="middle"
                fontSize="11"
                fill="#1b1b1b"
              >
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="display-flex flex-wrap" aria-hidden="true">
        {series.map((s) => (
          <span key={s.key} className="margin-right-2">
            <span
              style={{
                display: 'inline-block',
                width: '0.8em',
                height: '0.8em',
                background: s.colour,
                marginRight: '0.3em',
              }}
            />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
