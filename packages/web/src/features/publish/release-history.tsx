import { useTranslation } from 'react-i18next';
import type { TransparencyRelease } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';

/** Who published which school years, and when, newest first (from the audit trail). */
export function ReleaseHistory({ releases }: { releases: TransparencyRelease[] }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  return (
    <section className="margin-top-5" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('publish.history.heading')}</h2>
      {releases.length === 0 ? (
        <p>{t('publish.history.empty')}</p>
      ) : (
        <DataTable captionId="history-caption" caption={t('publish.history.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('publish.history.when')}</th>
              <th scope="col">{t('publish.history.who')}</th>
              <th scope="col">{t('publish.history.years')}</th>
              <th scope="col">{t('publish.history.reports')}</th>
              <th scope="col">{t('publish.history.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <th scope="row">{formatDateTime(r.at, i18n.language)}</th>
                <td>
                  {r.by ? (
                    <>
                      {r.by.name} <span className="text-base-dark">({t(`roles.${r.by.role}`)})</span>
                    </>
                  ) : (
                    t('publish.history.operator')
                  )}
                </td>
                <td>{list.format(r.years)}</td>
                <td>
                  {r.schools === null
                    ? t('publish.history.reportsUnknown')
                    : t('publish.history.reportsCount', { count: r.schools })}
                </td>
                <td>{r.changed.length ? list.format(r.changed) : t('publish.history.unchanged')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
