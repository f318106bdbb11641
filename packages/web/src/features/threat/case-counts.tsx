import { useTranslation } from 'react-i18next';
import { SEVERITIES } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';
import { QueryView } from '../../components/query-view';
import { useCaseCounts } from './threat.api';

const SEVERITY_ROWS = ['unclassified', ...SEVERITIES] as const;

/**
 * Numbers without a single case: what a district administrator or principal off the team sees.
 * Cases themselves open only to their team (need-to-know), which the sentence above the tables says.
 */
export function CaseCountsView({ districtId, teamOnly }: { districtId: string; teamOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const counts = useCaseCounts(districtId);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="counts-heading" className="margin-top-4">
      <h2 id="counts-heading">{t('threat.counts.heading')}</h2>
      {teamOnly && <p>{t('threat.counts.needToKnow')}</p>}
      <QueryView query={counts} loadingLabel={t('threat.counts.loading')} errorHeading={t('threat.loadError')}>
        {(c) => (
          <>
            <ul className="usa-list" aria-label={t('threat.counts.totals')}>
              <li>{t('threat.counts.open', { count: c.open, n: n(c.open) })}</li>
              <li>{t('threat.counts.closed', { count: c.closed, n: n(c.closed) })}</li>
              <li>{t('threat.counts.overdue', { count: c.overdue, n: n(c.overdue) })}</li>
            </ul>
            <DataTable captionId="counts-severity" caption={t('threat.counts.bySeverity')}>
              <thead>
                <tr>
                  <th scope="col">{t('threat.counts.severity')}</th>
                  <th scope="col" className="text-right">
                    {t('threat.counts.cases')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {SEVERITY_ROWS.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t(`threat.severities.${s}`)}</th>
                    <td className="text-right">{n(c.bySeverity[s])}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {c.bySchool.length === 0 ? (
              <p>{t('threat.counts.noCases')}</p>
            ) : (
              <DataTable captionId="counts-school" caption={t('threat.counts.bySchool')}>
                <thead>
                  <tr>
                    <th scope="col">{t('threat.cases.school')}</th>
                    <th scope="col" className="text-right">
                      {t('threat.counts.openCol')}
                    </th>
                    <th scope="col" className="text-right">
                      {t('threat.counts.closedCol')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.bySchool.map((s) => (
                    <tr key={s.schoolId}>
                      <th scope="row">{s.schoolName}</th>
                      <td className="text-right">{n(s.open)}</td>
                      <td className="text-right">{n(s.closed)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
