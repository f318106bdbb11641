import { useTranslation } from 'react-i18next';
import {
  type Cell,
  type PreviewChange,
  type PreviewScope,
  SUPPRESSION_REASONS,
  type TransparencyReport,
} from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { cellView, type ColumnKind } from '../transparency/cells';
import { columnLabel, dimensionLabel, rowLabel, type Translate } from '../transparency/labels';
import { HIGHLIGHTS, SECTION_DEFS } from '../transparency/section-defs';

/** A long list of changes (a first year's trend, a district of fifty schools) is cut here; the count says so. */
const MAX_CHANGES = 200;

/** Where a figure sits, in words: its section, its row (and breakdown) and its column. */
export function placeLabel(c: Omit<PreviewChange, 'change'>, t: Translate): string {
  if (c.table === 'highlights')
    return `${t('transparency.sections.summary.title')}: ${t(`transparency.highlights.${c.row}`)}`;
  const def = SECTION_DEFS.find((d) => d.table === c.table);
  const section = def ? t(`transparency.sections.${def.id}.title`) : c.table;
  const row = rowLabel(c.table as never, { key: c.row, dimension: c.dimension, label: c.label, cells: {} }, t);
  const group = c.dimension && c.dimension !== 'all' ? ` (${dimensionLabel(c.dimension, t)})` : '';
  return `${section}: ${row}${group}, ${columnLabel(c.column, t)}`;
}

function kindOf(report: TransparencyReport, table: string, column: string): ColumnKind {
  if (table === 'highlights') return HIGHLIGHTS.find(([k]) => k === column)?.[1] ?? 'count';
  return report.tables.find((x) => x.key === table)?.columns.find((c) => c.key === column)?.kind ?? 'count';
}

function CellWords({ cell, kind }: { cell: Cell | undefined; kind: ColumnKind }) {
  const { t, i18n } = useTranslation();
  if (cell === undefined) return <>{t('publish.changes.absent')}</>;
  const view = cellView(cell, kind, i18n.language);
  if (view.state === 'suppressed') return <>{t('transparency.suppressed')}</>;
  if (view.state === 'missing') return <>{t('transparency.notAvailable')}</>;
  return <>{view.text}</>;
}

/** What the public will see differently from the page it reads today, figure by figure. */
export function PreviewChanges({ scope, name }: { scope: PreviewScope; name: string }) {
  const { t, i18n } = useTranslation();
  const shown = scope.changes.slice(0, MAX_CHANGES);
  return (
    <section className="margin-bottom-4" aria-labelledby="changes-heading">
      <h3 id="changes-heading">{t('publish.changes.heading')}</h3>
      {scope.lastPublishedAt === null ? (
        <p>{t('publish.changes.never', { name })}</p>
      ) : scope.changes.length === 0 ? (
        <p>{t('publish.changes.none', { name, date: formatDateTime(scope.lastPublishedAt, i18n.language) })}</p>
      ) : (
        <>
          <p>
            {t('publish.changes.since', {
              name,
              date: formatDateTime(scope.lastPublishedAt, i18n.language),
              count: scope.changes.length,
            })}
          </p>
          <DataTable captionId="changes-caption" caption={t('publish.changes.caption', { name })}>
            <thead>
              <tr>
                <th scope="col">{t('publish.changes.figure')}</th>
                <th scope="col">{t('publish.changes.change')}</th>
                <th scope="col" className="text-right">
                  {t('publish.changes.before')}
                </th>
                <th scope="col" className="text-right">
                  {t('publish.changes.after')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => {
                const kind = kindOf(scope.report, c.table, c.column);
                return (
                  <tr key={`${c.table}|${c.dimension ?? ''}|${c.row}|${c.column}`}>
                    <th scope="row">{placeLabel(c, t)}</th>
                    <td>{t(`publish.changes.kinds.${c.change}`)}</td>
                    <td className="text-right">
                      <CellWords cell={c.before} kind={kind} />
                    </td>
                    <td className="text-right">
                      <CellWords cell={c.after} kind={kind} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
          {scope.changes.length > shown.length && (
            <p>{t('publish.changes.more', { count: scope.changes.length - shown.length })}</p>
          )}
        </>
      )}
    </section>
  );
}

/** The reasons the page's withheld figures carry, each explained once, with how many figures it hides. */
export function ReasonsUsed({ scope, name, minN }: { scope: PreviewScope; name: string; minN: number }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const w of scope.withheld) counts.set(w.reason, (counts.get(w.reason) ?? 0) + 1);
  return (
    <section className="margin-bottom-4" aria-labelledby="reasons-heading">
      <h3 id="reasons-heading">{t('publish.reasonsHeading')}</h3>
      {scope.withheld.length === 0 ? (
        <p>{t('publish.noneWithheld', { name })}</p>
      ) : (
        <>
          <p>{t('publish.withheldCount', { name, count: scope.withheld.length })}</p>
          <dl className="pub-reasons">
            {SUPPRESSION_REASONS.filter((r) => counts.has(r)).map((r) => (
              <div key={r} className="margin-bottom-1">
                <dt className="text-bold">
                  {t(`publish.reasons.${r}.short`, { n: minN })} ({counts.get(r)})
                </dt>
                <dd className="margin-left-0">{t(`publish.reasons.${r}.long`, { n: minN, max: minN - 1 })}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
