import { useTranslation } from 'react-i18next';
import type { EquityGroup } from '@forefront/contract';
import { decimal, dimensionLabel, groupLabel } from './equity-labels';

/**
 * Cases opened per 1,000 students, one bar per group of a dimension: a plain SVG (no chart
 * library). It is an image with a text alternative that says every value; the table below holds
 * the same figures for anyone who reads rather than looks.
 */
export function EquityChart({ groups }: { groups: EquityGroup[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shown = groups.filter((g) => g.opened.rate !== null);
  if (shown.length === 0) return null;
  const dimension = shown[0]!.dimension;
  const max = Math.max(...shown.map((g) => g.opened.rate!), 1);
  const row = 28;
  const labelWidth = 260;
  const width = 640;
  const barMax = width - labelWidth - 90;
  const title = t('equity.chart.title', { dimension: dimensionLabel(t, dimension) });
  const description = shown
    .map((g) =>
      t('equity.chart.bar', { group: groupLabel(t, dimension, g.group), rate: decimal(g.opened.rate!, lang, 1) }),
    )
    .join('; ');
  const id = `equity-chart-${dimension}`;
  return (
    <figure className="margin-x-0 margin-y-2 equity-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${shown.length * row + 8}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {shown.map((g, i) => {
          const w = Math.max(1, Math.round((g.opened.rate! / max) * barMax));
          const y = i * row + 4;
          return (
            <g key={g.group}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1b1b1b">
                {groupLabel(t, dimension, g.group)}
              </text>
              <rect x={labelWidth} y={y + 4} width={w} height={row - 10} fill="#005ea2" />
              <text x={labelWidth + w + 6} y={y + 17} fontSize="13" fill="#1b1b1b">
                {decimal(g.opened.rate!, lang, 1)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="usa-hint">{title}</figcaption>
    </figure>
  );
}
