import { useTranslation } from 'react-i18next';
import { SUPPRESSED, type PublicTable } from '@forefront/contract';
import { BarChart, hasBars } from './bar-chart';
import { findTable, hasColumn, isInterval } from './cells';
import { IntervalChart } from './interval-chart';
import { rowLabel } from './labels';
import { ReportTable } from './report-table';
import { sectionTextBase } from './section-defs';
import { SectionFrame, scopeName, type SectionProps } from './section-frame';
import { useBarRows } from './table-section';
import { TableDownloads, TableNotes } from './table-notes';

/**
 * Students referred to law enforcement (or arrested): per 1,000 enrolled for every group, then each
 * group's risk ratio with its 95% confidence interval, then the full table by breakdown.
 */
export function StudentsSection(props: SectionProps) {
  const { def, report } = props;
  const { t } = useTranslation();
  const table = def.table ? findTable(report, def.table) : undefined;
  return (
    <SectionFrame def={def}>
      {table ? <StudentsBody {...props} table={table} /> : <p>{t('transparency.tableMissing')}</p>}
    </SectionFrame>
  );
}

function StudentsBody({ def, report, scope, table }: SectionProps & { table: PublicTable }) {
  const { t, i18n } = useTranslation();
  const base = sectionTextBase(def);
  const caption = t(`${base}.caption`, { name: scopeName(report), year: report.year });
  const bars = useBarRows(table, 'per1000');
  const ratioFormat = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const groups = table.rows.filter((r) => r.dimension !== 'all' && r.key !== '*');
  return (
    <>
      {hasColumn(table, 'per1000') && hasBars(bars) && (
        <BarChart
          title={t('transparency.columns.per1000')}
          label={t('transparency.chartLabel', { measure: t('transparency.columns.per1000'), caption })}
          rows={bars}
          suppressedText={t('transparency.suppressed')}
          missingText={t('transparency.notAvailable')}
        />
      )}
      {hasColumn(table, 'risk_ratio') && groups.some((r) => isInterval(r.cells.risk_ratio)) && (
        <IntervalChart
          title={t('transparency.columns.risk_ratio')}
          label={t('transparency.intervalChartLabel', { caption })}
          rows={groups.map((r) => {
            const cell = r.cells.risk_ratio;
            return {
              label: rowLabel(table.key, r, t),
              value: cell === SUPPRESSED ? 'suppressed' : isInterval(cell) ? cell : null,
            };
          })}
          formatTick={(v) => ratioFormat.format(v)}
          referenceLabel={t('transparency.riskRatioReference')}
          suppressedText={t('transparency.suppressed')}
          missingText={t('transparency.notAvailable')}
        />
      )}
      <ReportTable
        table={table}
        caption={caption}
        captionId={`tp-${def.id}-caption`}
        rowHeading={t(`${base}.rowHeading`)}
        grouped
      />
      <TableNotes table={table} minN={report.minN} />
      <TableDownloads scope={scope} year={report.year} table={table} title={caption} />
    </>
  );
}
