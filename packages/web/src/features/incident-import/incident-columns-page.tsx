import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_COLUMNS,
  INCIDENT_COLUMN_VALUES,
  REQUIRED_INCIDENT_COLUMNS,
  isCodedIncidentColumn,
} from '@forefront/contract';
import { PageTitle } from '../../components/page-title';
import { valueLabel } from './column-values';

/**
 * The incident CSV's columns in the reader's language: what each holds, whether it is required,
 * and for a coded column every valid value with its label (issue 13; docs/incident-csv.md is the
 * same for operators). The import report links each problem to its column here.
 */
export function IncidentColumnsPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  return (
    <section className="usa-section">
      <p>
        <Link to="/app/incidents/import">{t('incidentImport.backToImport')}</Link>
      </p>
      <PageTitle>{t('incidentImport.columnsTitle')}</PageTitle>
      <p className="usa-intro">{t('incidentImport.columnsIntro')}</p>
      <dl>
        {INCIDENT_COLUMNS.map((c) => (
          <div key={c} id={`column-${c}`} className="margin-bottom-3">
            <dt className="text-bold">
              <code>{c}</code>{' '}
              <span className="text-normal text-base-dark">
                {REQUIRED_INCIDENT_COLUMNS.includes(c) ? t('incidentImport.requiredColumn') : t('common.optional')}
              </span>
            </dt>
            <dd className="margin-left-0">
              <p className="margin-y-1">{t(`incidentImport.columns.${c}`)}</p>
              {isCodedIncidentColumn(c) && (
                <details>
                  <summary>{t('incidentImport.validValuesOf', { count: INCIDENT_COLUMN_VALUES[c].length })}</summary>
                  <ul className="usa-list">
                    {INCIDENT_COLUMN_VALUES[c].map((v) => {
                      const label = valueLabel(t, c, v);
                      return (
                        <li key={v}>
                          <code>{v}</code>
                          {label && ` — ${label}`}
                        </li>
                      );
                    })}
                  </ul>
                </details>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
