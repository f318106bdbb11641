import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatDateTime, gradeLabel } from '../../components/format';

export function IncidentStudents({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="students-section-heading">
      <h2 id="students-section-heading">{t('incidents.fields.students')}</h2>
      {incident.students.length === 0 ? (
        <p>{t('incidents.detail.noStudents')}</p>
      ) : (
        <DataTable captionId="students-caption" caption={t('incidents.detail.studentsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('incidents.detail.student')}</th>
              <th scope="col">{t('incidents.detail.role')}</th>
              <th scope="col">{t('incidents.detail.grade')}</th>
              <th scope="col">{t('incidents.detail.race')}</th>
              <th scope="col">{t('incidents.detail.sex')}</th>
              <th scope="col">{t('incidents.detail.programs')}</th>
            </tr>
          </thead>
          <tbody>
            {incident.students.map((s) => (
              <tr key={s.studentId}>
                <th scope="row">
                  {s.name} <span className="text-base-dark">({s.localId})</span>
                </th>
                <td>{t(`incidents.studentRoles.${s.role}`)}</td>
                <td>{gradeLabel(s.snapshot.grade, t)}</td>
                <td>{t(`incidents.races.${s.snapshot.race}`)}</td>
                <td>{t(`incidents.sexes.${s.snapshot.sex}`)}</td>
                <td>
                  {[
                    s.snapshot.idea && t('incidents.detail.idea'),
                    s.snapshot.section504 && t('incidents.detail.section504'),
                    s.snapshot.englishLearner && t('incidents.detail.englishLearner'),
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p className="usa-hint">{t('incidents.detail.snapshotNote')}</p>
    </section>
  );
}

export function IncidentContacts({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const name = (id: string | null) =>
    id ? (incident.students.find((s) => s.studentId === id)?.name ?? id) : t('incidents.detail.noParticularStudent');
  return (
    <section aria-labelledby="contacts-section-heading">
      <h2 id="contacts-section-heading">{t('incidents.fields.contacts')}</h2>
      {incident.contacts.length === 0 && <p>{t('incidents.detail.noContacts')}</p>}
      {incident.contacts.map((c) => (
        <div key={c.id} className="border-1px border-base-lighter radius-md padding-2 margin-bottom-2">
          <h3 className="margin-top-0">{c.officerName}</h3>
          <dl className="site-facts">
            <dt>{t('incidents.form.purpose')}</dt>
            <dd>{t(`incidents.purposes.${c.purpose}`)}</dd>
            <dt>{t('incidents.form.involvement')}</dt>
            <dd>{t(`incidents.involvements.${c.involvement}`)}</dd>
            <dt>{t('incidents.form.reportedAt')}</dt>
            <dd>{formatDateTime(c.reportedAt, i18n.language)}</dd>
            <dt>{t('incidents.form.arrivedAt')}</dt>
            <dd>{formatDateTime(c.arrivedAt, i18n.language)}</dd>
            <dt>{t('incidents.detail.responseTime')}</dt>
            <dd>
              {c.responseMinutes === null
                ? '—'
                : t('incidents.detail.minutes', { minutes: Math.round(c.responseMinutes * 10) / 10 })}
            </dd>
          </dl>
          <h4>{t('incidents.form.actions')}</h4>
          {c.actions.length === 0 ? (
            <p>{t('incidents.detail.noActions')}</p>
          ) : (
            <ul>
              {c.actions.map((a) => (
                <li key={a.id}>
                  <strong>{t(`incidents.actions.${a.action}`)}</strong> — {name(a.studentId)},{' '}
                  {formatDateTime(a.at, i18n.language)}
                  {a.action === 'questioned' && (
                    <>
                      ;{' '}
                      {a.parentNotified
                        ? t('incidents.detail.parentNotified')
                        : t('incidents.detail.parentNotNotified')}
                    </>
                  )}
                  {a.emergency && <>; {t('incidents.detail.emergency', { reason: a.emergencyReason ?? '' })}</>}
                  {a.behavior && (
                    <>; {t('referrals.detail.about', { behavior: t(`incidents.behaviors.${a.behavior}`) })}</>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

export function IncidentReviews({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">{t('incidents.review.heading')}</h2>
      {incident.reviews.length === 0 ? (
        <p>{t('incidents.review.none')}</p>
      ) : (
        <ul className="usa-list">
          {incident.reviews.map((r) => (
            <li key={r.id}>
              {t('incidents.review.line', {
                reviewer: r.reviewerName,
                decision: t(`incidents.review.decisions.${r.decision}`),
                when: formatDateTime(r.reviewedAt, i18n.language),
                about: r.studentId
                  ? (incident.students.find((s) => s.studentId === r.studentId)?.name ?? r.studentId)
                  : t('incidents.review.wholeIncident'),
              })}
              {r.note && <span className="display-block text-base-dark">{r.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
