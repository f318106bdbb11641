import { useTranslation } from 'react-i18next';
import type { ComplianceSummary } from '@forefront/contract';
import { complianceWords, type CredentialName } from './compliance-words';

const TAG_CLASS: Record<ComplianceSummary['status'], string> = {
  compliant: 'bg-green',
  expiring: 'bg-gold text-ink',
  not_compliant: 'bg-secondary-dark',
};

/** "Compliant / Expiring soon / Not compliant", with the first reason in words when there is one. */
export function ComplianceBadge({
  compliance,
  credentials,
  allReasons,
}: {
  compliance: ComplianceSummary;
  credentials?: readonly CredentialName[];
  allReasons?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const reasons = allReasons ? compliance.reasons : compliance.reasons.slice(0, 1);
  return (
    <>
      <span className={`usa-tag ${TAG_CLASS[compliance.status]}`}>{t(`officers.compliance.${compliance.status}`)}</span>
      {reasons.length > 0 && (
        <ul className="usa-list usa-list--unstyled margin-top-05 font-body-2xs">
          {reasons.map((r, i) => (
            <li key={`${r.rule}-${i}`}>{complianceWords(r, t, i18n.language, credentials)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
