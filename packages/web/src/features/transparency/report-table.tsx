import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicTable } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { CellReason } from './cell-notes';
import { CellText } from './cell-text';
import { rowsByDimension, type TableRow } from './cells';
import { columnLabel, dimensionLabel, rowLabel } from './labels';

interface ReportTableProps {
  table: PublicTable;
  caption: string;
  captionId: string;
  /** Heading of the first column (the rows' names). */
  rowHeading: string;
  /** Student tables: one group of rows per breakdown, each under its own heading row. */
  grouped?: boolean;
  /** Replaces a row's name, e.g. with a link to a school's page. */
  renderRowName?: (row: TableRow, label: string) => ReactNode;
}

/** Any table of the report, the same way on every section: the rows' names, then one column per figure. */
export function ReportTable({ table, caption, captionId, rowHeading, grouped, renderRowName }: ReportTableProps) {
  const { t } = useTranslation();
  const groups = grouped ? rowsByDimension(table) : [{ dimension: '', rows: table.rows }];
  const row = (r: TableRow) => {
    const label = rowLabel(table.key, r, t);
    return (
      <tr key={`${r.dimension ?? ''}:${r.key}`}>
        <th scope="row">{renderRowName ? renderRowName(r, label) : label}</th>
        {table.columns.map((c) => (
          <td key={c.key} className="text-right text-no-wrap">
            <CellText cell={r.cells[c.key]} kind={c.kind} />
            <CellReason table={table.key} row={r.key} dimension={r.dimension} column={c.key} />
          </td>
        ))}
      </tr>
    );
  };
  return (
    <DataTable captionId={captionId} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{rowHeading}</th>
          {table.columns.map((c) => (
            <th key={c.key} scope="col" className="text-right">
              {columnLabel(c.key, t)}
            </th>
          ))}
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.dimension}>
          {grouped && g.dimension !== 'all' && g.dimension !== '' && (
            <tr className="tp-group-row">
              <th scope="rowgroup" colSpan={table.columns.length + 1}>
                {dimensionLabel(g.dimension, t)}
              </th>
            </tr>
          )}
          {g.rows.map(row)}
        </tbody>
      ))}
    </DataTable>
  );
}
