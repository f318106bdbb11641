import { useTranslation } from 'react-i18next';
import type { Completeness, MouReminder, MouVersionStatus } from '@forefront/contract';
import { formatDate } from '../../components/format';

const STATUS_CLASS: Record<MouVersionStatus, string> = {
  draft: 'bg-base-dark',
  awaiting_signatures: 'bg-gold text-ink',
  signed: 'bg-primary',
  in_force: 'bg-green',
  superseded: 'bg-base-light text-ink',
};

export function MouStatusTag({ status }: { status: MouVersionStatus }) {
  const { t } = useTranslation();
  return <span className={`usa-tag ${STATUS_CLASS[status]}`}>{t(`mous.status.${status}`)}</span>;
}

export function CompletenessText({ completeness }: { completeness: Completeness }) {
  const { t } = useTranslation();
  if (completeness.complete) return <>{t('mous.completeAll', { count: completeness.required.length })}</>;
  return (
    <span className="text-secondary-dark text-bold">
      {t('mous.missingCount', { count: completeness.missing.length })}
    </span>
  );
}

export function ReminderText({ reminder }: { reminder: MouReminder | null }) {
  const { t, i18n } = useTranslation();
  if (!reminder) return null;
  return <>{t(`mous.reminder.${reminder.kind}`, { date: formatDate(reminder.reviewDate, i18n.language) })}</>;
}
