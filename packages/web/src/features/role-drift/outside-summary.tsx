import { useTranslation } from 'react-i18next';
import type { RoleDrift } from '@forefront/contract';
import { formatNumber } from '../../components/format';

/**
 * Referrals to and arrests by law enforcement outside Forefront (a principal's 911 call, a patrol
 * officer), kept apart from the SROs' counts above: they are not an officer's role drift, but the
 * staff referrals for school discipline are the district's own.
 */
export function OutsideSummary({ outside }: { outside: RoleDrift['outside'] }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="drift-outside-heading" className="margin-y-3">
      <h2 id="drift-outside-heading">{t('referrals.drift.heading')}</h2>
      <p>{t('referrals.drift.intro')}</p>
      <dl className="site-facts">
        <dt>{t('referrals.drift.staffReferrals')}</dt>
        <dd>{n(outside.staffReferrals)}</dd>
        <dt>{t('referrals.drift.outsideArrests')}</dt>
        <dd>{n(outside.outsideArrests)}</dd>
        <dt>{t('referrals.drift.flagged')}</dt>
        <dd>{n(outside.flagged)}</dd>
      </dl>
    </section>
  );
}
