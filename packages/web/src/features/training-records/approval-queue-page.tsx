import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { TOPIC_LABELS, type QueuedTrainingRecord } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDate, formatNumber } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { certificateHref, useReviewRecord, useTrainingQueue } from './training-records.api';

const PAGE_SIZE = 20;

/** One pending record with its certificate link, and Approve / Reject (with a note for the officer). */
function PendingRecord({ r }: { r: QueuedTrainingRecord }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const review = useReviewRecord();
  const [note, setNote] = useState('');
  const noteId = `note-${r.id}`;
  return (
    <li className="usa-card tablet:grid-col-12 margin-bottom-2">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h2 className="usa-card__heading">{r.title}</h2>
        </div>
        <div className="usa-card__body">
          <p>
            <Link to={`/app/officers/${encodeURIComponent(r.officer.id)}/training`}>{r.officer.name}</Link> ·{' '}
            {r.officer.agency} · {t('trainingRecords.queue.badge', { badge: r.officer.badgeNumber })}
          </p>
          <p>
            {t('trainingRecords.queue.summary', {
              date: formatDate(r.completedOn, lang),
              hours: formatNumber(r.hours, lang),
              provider: r.provider,
            })}
          </p>
          {r.topics.length > 0 && <p>{r.topics.map((x) => TOPIC_LABELS[x][lang]).join(', ')}</p>}
          <p>
            {r.certificate ? (
              <a href={certificateHref(r.id)}>{t('trainingRecords.queue.certificate', { title: r.title })}</a>
            ) : (
              t('trainingRecords.queue.noCertificate')
            )}
          </p>
          <label className="usa-label" htmlFor={noteId}>
            {t('trainingRecords.queue.note')} <span className="text-base-dark">{t('common.optional')}</span>
          </label>
          <textarea
            id={noteId}
            className="usa-textarea"
            maxLength={1000}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {review.isError && <ApiErrorAlert error={review.error} />}
        </div>
        <div className="usa-card__footer">
          <Button
            type="button"
            disabled={review.isPending}
            onClick={() => review.mutate({ recordId: r.id, decision: 'approve', note })}
          >
            {t('trainingRecords.queue.approve')}
          </Button>
          <Button
            type="button"
            secondary
            disabled={review.isPending}
            onClick={() => review.mutate({ recordId: r.id, decision: 'reject', note })}
          >
            {t('trainingRecords.queue.reject')}
          </Button>
        </div>
      </div>
    </li>
  );
}

/** /app/training/records: the officers' own submissions waiting for the coordinator, oldest first. */
export function ApprovalQueuePage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [search] = useSearchParams();
  const page = pageFromSearch(search, PAGE_SIZE);
  const queue = useTrainingQueue(district.id, 'pending', page);
  return (
    <section className="usa-section">
      <PageTitle>{t('trainingRecords.queue.title')}</PageTitle>
      <p className="usa-intro">{t('trainingRecords.queue.intro')}</p>
      <QueryView
        query={queue}
        isEmpty={(d) => d.total === 0}
        empty={
          <p>
            {t('trainingRecords.queue.empty')}{' '}
            <Link to="/app/training/import">{t('trainingRecords.queue.toImport')}</Link>
          </p>
        }
      >
        {(d) => (
          <>
            <p>{t('trainingRecords.queue.count', { count: d.total })}</p>
            <ul className="usa-card-group">
              {d.items.map((r) => (
                <PendingRecord key={r.id} r={r} />
              ))}
            </ul>
            <Pager total={d.total} limit={d.limit} offset={d.offset} label={t('trainingRecords.queue.pages')} />
          </>
        )}
      </QueryView>
    </section>
  );
}
