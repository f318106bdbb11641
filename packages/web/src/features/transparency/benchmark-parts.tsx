import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { BarChart, hasBars, type BarRow } from './bar-chart';
import { formatValue, type ColumnKind } from './cells';

/**
 * A benchmark table and its chart: rows of measures (or groups), one column per place compared.
 * Federal figures are shown as published: a number, or "—" where the source has none.
 */
export interface CompareRow {
  key: string;
  label: string;
  kind: ColumnKind;
  values: Array<number | null>;
}

export function CompareTable({
  id,
  caption,
  rowHeading,
  columns,
  rows,
}: {
  id: string;
  caption: string;
  rowHeading: string;
  columns: string[];
  rows: CompareRow[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId={`${id}-caption`} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{rowHeading}</th>
          {columns.map((c) => (
            <th key={c} scope="col" className="text-right">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {r.values.map((v, i) => (
              <td key={i} className="text-right text-no-wrap">
                {v === null ? (
                  <>
                    <span aria-hidden="true">—</span>
                    <span className="usa-sr-only">{t('transparency.notAvailable')}</span>
                  </>
                ) : (
                  formatValue(v, r.kind, i18n.language)
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The same rows as grouped bars, one colour per place. */
export function CompareChart({ caption, columns, rows }: { caption: string; columns: string[]; rows: CompareRow[] }) {
  const { t, i18n } = useTranslation();
  const bars: BarRow[] = rows.map((r) => ({
    label: r.label,
    values: r.values,
    texts: r.values.map((v) => (v === null ? '' : formatValue(v, r.kind, i18n.language))),
  }));
  if (!hasBars(bars)) return null;
  return (
    <BarChart
      title={caption}
      label={t('benchmarks.chartLabel', { caption })}
      rows={bars}
      series={columns}
      suppressedText={t('transparency.suppressed')}
      missingText={t('transparency.notAvailable')}
    />
  );
}

/** "Source: …, year": every federal figure is labelled with where it comes from. */
export function SourceNote({
  name,
  publisher,
  url,
  year,
}: {
  name: string;
  publisher: string;
  url: string;
  year: string;
}) {
  const { t } = useTranslation();
  return (
    <p className="font-body-2xs">
      {t('benchmarks.source')}{' '}
      <a href={url} rel="noreferrer">
        {name}
      </a>
      {publisher ? `, ${publisher}` : ''}, {year}.
    </p>
  );
}
