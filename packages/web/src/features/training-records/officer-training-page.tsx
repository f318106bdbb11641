import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan } from '../staff/me-context';
import { RecordForm } from './record-form';
import { RecordsTable } from './records-table';
import { useTrainingRecords } from './training-records.api';

/** /app/officers/:id/training: one officer's completion records, and a form to add one. */
export function OfficerTrainingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const records = useTrainingRecords({ officerId: id });
  const officer = records.data?.officer;
  return (
    <section className="usa-section">
      <p>
        <Link to={`/app/officers/${encodeURIComponent(id)}`}>{t('trainingRecords.officer.back')}</Link>
      </p>
      <PageTitle>
        {officer ? t('trainingRecords.officer.titleOf', { name: officer.name }) : t('trainingRecords.officer.title')}
      </PageTitle>
      {officer && (
        <p className="usa-intro">
          {t('trainingRecords.officer.intro', { agency: officer.agency, badge: officer.badgeNumber })}
        </p>
      )}
      {isApiError(records.error, 404) ? (
        <p>{t('trainingRecords.officer.notFound')}</p>
      ) : (
        <QueryView
          query={records}
          isEmpty={(d) => d.items.length === 0}
          empty={<p>{t('trainingRecords.officer.empty')}</p>}
        >
          {(d) => <RecordsTable records={d.items} canDownload={can('training.record')} />}
        </QueryView>
      )}
      {can('training.record') && records.isSuccess && (
        <section className="margin-top-5" aria-labelledby="add-record-heading">
          <h2 id="add-record-heading">{t('trainingRecords.officer.addHeading')}</h2>
          <p>{t('trainingRecords.officer.addIntro')}</p>
          <RecordForm owner={{ officerId: id }} submitLabel={t('trainingRecords.officer.add')} choices={records.data} />
        </section>
      )}
    </section>
  );
}
