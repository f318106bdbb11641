import { useTranslation } from 'react-i18next';
import type { TrainingImportReport } from '@forefront/contract';
import { DataTable } from '../../components/data-table';

/** The per-row problems of a transcript, each in the reader's language from its code and params. */
export function TranscriptErrors({ report }: { report: TrainingImportReport }) {
  const { t } = useTranslation();
  return (
    <DataTable
      captionId="transcript-errors-caption"
      caption={t('trainingRecords.import.errorsCaption', { shown: report.errors.length, total: report.errorCount })}
    >
      <thead>
        <tr>
          <th scope="col">{t('trainingRecords.import.errorRow')}</th>
          <th scope="col">{t('trainingRecords.import.errorProblem')}</th>
        </tr>
      </thead>
      <tbody>
        {report.errors.map((e, i) => (
          <tr key={i}>
            <td>{e.row}</td>
            <td style={{ whiteSpace: 'normal', minWidth: '16rem' }}>
              {t(`trainingRecords.importCodes.${e.code}`, { ...e.params })}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
