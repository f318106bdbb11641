import { useTranslation } from 'react-i18next';
import { TOPIC_LABELS, type TrainingRecord } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatDate, formatNumber } from '../../components/format';
import { certificateHref } from './training-records.api';

/**
 * One officer's completion records: what, when, how long, topics, provider, status, when it
 * stops counting. The certificate link downloads it for those who may (`canDownload`).
 */
export function RecordsTable({ records, canDownload }: { records: TrainingRecord[]; canDownload: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  return (
    <DataTable
      captionId="training-records-caption"
      caption={t('trainingRecords.table.caption', { count: records.length })}
    >
      <thead>
        <tr>
          <th scope="col">{t('trainingRecords.table.title')}</th>
          <th scope="col">{t('trainingRecords.table.completedOn')}</th>
          <th scope="col">{t('trainingRecords.table.hours')}</th>
          <th scope="col">{t('trainingRecords.table.topics')}</th>
          <th scope="col">{t('trainingRecords.table.provider')}</th>
          <th scope="col">{t('trainingRecords.table.status')}</th>
          <th scope="col">{t('trainingRecords.table.lapsesOn')}</th>
          <th scope="col">{t('trainingRecords.table.certificate')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.title}</th>
            <td>{formatDate(r.completedOn, lang)}</td>
            <td>{formatNumber(r.hours, lang)}</td>
            <td>{r.topics.length ? r.topics.map((x) => TOPIC_LABELS[x][lang]).join(', ') : '—'}</td>
            <td>{r.provider}</td>
            <td>
              {t(`trainingRecords.status.${r.status}`)}
              {r.source === 'import' && ` (${t('trainingRecords.table.imported')})`}
              {r.reviewNote && <div className="text-base-dark">{r.reviewNote}</div>}
            </td>
            <td>{r.lapsesOn ? formatDate(r.lapsesOn, lang) : t('trainingRecords.table.never')}</td>
            <td>
              {r.certificate === null ? (
                '—'
              ) : canDownload ? (
                <a href={certificateHref(r.id)}>{t('trainingRecords.table.download', { title: r.title })}</a>
              ) : (
                t('trainingRecords.table.attached')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
