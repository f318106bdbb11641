import { useTranslation } from 'react-i18next';

/** Announced politely; no spinner, because text is what a screen reader can say. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="text-base-dark">
      {label ?? t('common.loading')}
    </p>
  );
}
