import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { RecordForm } from './record-form';
import { RecordsTable } from './records-table';
import { useTrainingRecords } from './training-records.api';

/**
 * /app/my-training: an SRO submits their own completion records with the certificate; each waits
 * for the training coordinator's approval before it counts.
 */
export function MyTrainingPage() {
  const { t } = useTranslation();
  const records = useTrainingRecords('me');
  return (
    <section className="usa-section">
      <PageTitle>{t('trainingRecords.mine.title')}</PageTitle>
      <p className="usa-intro">{t('trainingRecords.mine.intro')}</p>
      {isApiError(records.error, 404) || isApiError(records.error, 403) ? (
        <p>{t('trainingRecords.mine.notOnRoster')}</p>
      ) : (
        <>
          <QueryView
            query={records}
            isEmpty={(d) => d.items.length === 0}
            empty={<p>{t('trainingRecords.mine.empty')}</p>}
          >
            {(d) => <RecordsTable records={d.items} canDownload={false} />}
          </QueryView>
          {records.isSuccess && (
            <section className="margin-top-5" aria-labelledby="submit-record-heading">
              <h2 id="submit-record-heading">{t('trainingRecords.mine.submitHeading')}</h2>
              <RecordForm owner="me" submitLabel={t('trainingRecords.mine.submit')} choices={records.data} />
            </section>
          )}
        </>
      )}
    </section>
  );
}
