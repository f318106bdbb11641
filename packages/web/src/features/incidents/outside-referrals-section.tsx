import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '@forefront/contract';
import { formatDateTime } from '../../components/format';

/**
 * Referrals to and arrests by law enforcement outside Forefront (issue 12): who at school referred,
 * to which officer and agency. CRDC counts them like an SRO's.
 */
export function IncidentOutsideReferrals({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  if (incident.outsideReferrals.length === 0) return null;
  const name = (id: string) => incident.students.find((s) => s.studentId === id)?.name ?? id;
  return (
    <section aria-labelledby="outside-section-heading">
      <h2 id="outside-section-heading">{t('referrals.detail.heading')}</h2>
      <ul className="usa-list">
        {incident.outsideReferrals.map((r) => (
          <li key={r.id}>
            <strong>{t(`referrals.kinds.${r.kind}`)}</strong> — {name(r.studentId)},{' '}
            {formatDateTime(r.at, i18n.language)}.{' '}
            {t('referrals.detail.officer', {
              officer: r.officerName,
              agency: r.agency,
              badge: r.badgeNumber ?? t('referrals.detail.noBadge'),
            })}{' '}
            {r.referredByName
              ? t('referrals.detail.referredBy', { name: r.referredByName })
              : t('referrals.detail.notReferred')}
            {r.behavior && <> {t('referrals.detail.about', { behavior: t(`incidents.behaviors.${r.behavior}`) })}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
