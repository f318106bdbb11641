import { useTranslation } from 'react-i18next';
import type { Cell } from '@forefront/contract';
import { cellView, type ColumnKind } from './cells';

/**
 * One figure as the page shows it. "Suppressed" is written out (never a 0 or a blank), and a
 * missing figure is a dash that screen readers hear as "not available".
 */
export function CellText({ cell, kind }: { cell: Cell | undefined; kind: ColumnKind }) {
  const { t, i18n } = useTranslation();
  const view = cellView(cell, kind, i18n.language);
  if (view.state === 'suppressed') return <span className="tp-suppressed">{t('transparency.suppressed')}</span>;
  if (view.state === 'missing')
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="usa-sr-only">{t('transparency.notAvailable')}</span>
      </>
    );
  return <>{view.text}</>;
}
