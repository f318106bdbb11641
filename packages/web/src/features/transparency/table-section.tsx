import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicTable } from '@forefront/contract';
import { BarChart, hasBars, type BarRow } from './bar-chart';
import { useCellNotes } from './cell-notes';
import { barValue, cellView, chartColumn, findTable } from './cells';
import { columnLabel, isChartedRow, rowLabel } from './labels';
import { ReportTable } from './report-table';
import { sectionTextBase } from './section-defs';
import { SectionFrame, scopeName, type SectionProps } from './section-frame';
import { TableDownloads, TableNotes } from './table-notes';

/** Chart rows for one column of a table, with each bar's figure written as the table writes it. */
export function useBarRows(table: PublicTable, columnKey: string): BarRow[] {
  const { t, i18n } = useTranslation();
  const kind = table.columns.find((c) => c.key === columnKey)?.kind ?? 'count';
  return table.rows
    .filter((r) => isChartedRow(table.key, r))
    .map((r) => {
      const view = cellView(r.cells[columnKey], kind, i18n.language);
      return {
        label: rowLabel(table.key, r, t),
        values: [barValue(r.cells[columnKey])],
        texts: [view.state === 'value' ? view.text : ''],
      };
    });
}

/** The usual section: the explanation, a bar chart of the table's main figure, the table, its notes and files. */
export function TableSection(props: SectionProps) {
  const { def, report } = props;
  const { t } = useTranslation();
  const table = def.table ? findTable(report, def.table) : undefined;
  return (
    <SectionFrame def={def}>
      {table ? <TableBody {...props} table={table} /> : <p>{t('transparency.tableMissing')}</p>}
    </SectionFrame>
  );
}

export function TableBody({ def, report, scope, districtId, table }: SectionProps & { table: PublicTable }) {
  const { t } = useTranslation();
  const base = sectionTextBase(def);
  const caption = t(`${base}.caption`, { name: scopeName(report), year: report.year });
  const column = chartColumn(table, def.chart);
  const bars = useBarRows(table, column?.key ?? '');
  const isSchools = def.kind === 'schools';
  const notes = useCellNotes();
  return (
    <>
      {def.id === 'contacts' && <DriftRate report={report} />}
      {table.rows.length === 0 ? (
        <p>{t('transparency.noRows')}</p>
      ) : (
        <>
          {column && bars.length >= 2 && hasBars(bars) && (
            <BarChart
              title={columnLabel(column.key, t)}
              label={t('transparency.chartLabel', { measure: columnLabel(column.key, t), caption })}
              rows={bars}
              suppressedText={t('transparency.suppressed')}
              missingText={t('transparency.notAvailable')}
            />
          )}
          <ReportTable
            table={table}
            caption={caption}
            captionId={`tp-${def.id}-caption`}
            rowHeading={t(`${base}.rowHeading`)}
            renderRowName={
              isSchools
                ? (row, label) => (
                    <Link
                      to={
                        notes
                          ? notes.schoolHref(row.key)
                          : `/districts/${encodeURIComponent(districtId)}/schools/${encodeURIComponent(row.key)}?year=${encodeURIComponent(report.year)}`
                      }
                    >
                      {label}
                    </Link>
                  )
                : undefined
            }
          />
        </>
      )}
      <TableNotes table={table} minN={report.minN} />
      <TableDownloads scope={scope} year={report.year} table={table} title={caption} />
    </>
  );
}

/** The routine-discipline share of contacts, named for what it measures: how far the role drifted. */
function DriftRate({ report }: { report: SectionProps['report'] }) {
  const { t, i18n } = useTranslation();
  const view = cellView(report.highlights.routineShare, 'share', i18n.language);
  const value =
    view.state === 'value'
      ? view.text
      : view.state === 'suppressed'
        ? t('transparency.suppressed')
        : t('transparency.notAvailable');
  return (
    <p className="tp-callout">
      {t('transparency.driftRate')} <strong>{value}</strong>
    </p>
  );
}
