import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@forefront/contract';
import { referralName } from './referral-name';
import { refusalItems } from './refusal';

/** Under a refused step's alert: each missing role, step or waiting referral, named in the reader's words. */
export function RefusalDetails({ error, c }: { error: unknown; c: Pick<CaseDetail, 'referrals'> }) {
  const { t } = useTranslation();
  const items = refusalItems(error, c.referrals);
  if (items.length === 0) return null;
  return (
    <ul className="threat-refusal" aria-label={t('threat.refusal.label')}>
      {items.map((item) => (
        <li key={item.kind === 'role' ? item.role : item.kind === 'step' ? item.step : item.id}>
          {item.kind === 'role'
            ? t('threat.refusal.role', { role: t(`threat.teamRoles.${item.role}`) })
            : item.kind === 'step'
              ? t('threat.refusal.step', { step: t(`threat.steps.${item.step}`) })
              : item.providerKind
                ? t('threat.refusal.referral', { who: referralName(t, item.providerKind, item.provider) })
                : item.label}
        </li>
      ))}
    </ul>
  );
}
