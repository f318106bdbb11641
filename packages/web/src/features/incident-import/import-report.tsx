import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  type IncidentImportReport,
  type IncidentImportRowError,
  INCIDENT_COLUMNS,
  isCodedIncidentColumn,
} from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { columnDocLink, valueLabel } from './column-values';

const isColumn = (c: string | null): c is string => c !== null && (INCIDENT_COLUMNS as readonly string[]).includes(c);

/** One problem in the reader's language, from its code and parameters (never the server's English). */
function Problem({ e }: { e: IncidentImportRowError }) {
  const { t } = useTranslation();
  return <>{t(`incidentImport.errors.${e.code}`, { ...e.params, column: e.column ?? '' })}</>;
}

/**
 * The per-row report of a dry run or a refused import: row, column (linked to its documentation),
 * the problem, and for a wrong code every valid value with its label.
 */
export function ImportErrors({ report }: { report: IncidentImportReport }) {
  const { t } = useTranslation();
  const coded = Object.entries(report.validValues).filter(([c]) => isCodedIncidentColumn(c));
  return (
    <>
      <DataTable
        captionId="import-errors-caption"
        caption={t('incidentImport.errorsCaption', { shown: report.errors.length, total: report.errorCount })}
      >
        <thead>
          <tr>
            <th scope="col">{t('incidentImport.errorRow')}</th>
            <th scope="col">{t('incidentImport.errorColumn')}</th>
            <th scope="col">{t('incidentImport.errorProblem')}</th>
          </tr>
        </thead>
        <tbody>
          {report.errors.map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>
                {isColumn(e.column) ? (
                  <Link to={columnDocLink(e.column)}>
                    <code>{e.column}</code>
                  </Link>
                ) : e.column ? (
                  <code>{e.column}</code>
                ) : (
                  '—'
                )}
              </td>
              <td style={{ whiteSpace: 'normal', minWidth: '16rem' }}>
                <Problem e={e} />
                {e.code === 'unknown_value' && isCodedIncidentColumn(e.column) && (
                  <>
                    {' '}
                    <a href={`#valid-${e.column}`}>{t('incidentImport.seeValidValues', { column: e.column })}</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {coded.map(([column, values]) => (
        <section key={column} className="margin-top-3" aria-labelledby={`valid-${column}`}>
          <h3 id={`valid-${column}`} tabIndex={-1}>
            {t('incidentImport.validValuesHeading', { column })}
          </h3>
          <p>
            <Link to={columnDocLink(column)}>{t('incidentImport.columnDocLink', { column })}</Link>
          </p>
          <ul className="usa-list">
            {values.map((v) => {
              const label = isCodedIncidentColumn(column) ? valueLabel(t, column, v) : null;
              return (
                <li key={v}>
                  <code>{v}</code>
                  {label && ` — ${label}`}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
