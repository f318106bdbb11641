import { useTranslation } from 'react-i18next';
import type { PublicTable } from '@forefront/contract';
import { useCellNotes } from './cell-notes';
import { hasMissing, hasSuppressed } from './cells';
import { tableFileUrl, type Scope } from './transparency.api';

/** What "Suppressed" and "—" mean, said under every table that has them. */
export function TableNotes({ table, minN }: { table: PublicTable; minN: number }) {
  const { t } = useTranslation();
  const suppressed = hasSuppressed(table);
  const missing = hasMissing(table);
  if (!suppressed && !missing) return null;
  return (
    <ul className="usa-list usa-list--unstyled font-body-2xs tp-notes">
      {suppressed && (
        <li>
          <strong>{t('transparency.suppressed')}:</strong>{' '}
          {t('transparency.suppressedExplain', { n: minN, max: minN - 1 })}
        </li>
      )}
      {missing && (
        <li>
          <strong>—</strong> {t('transparency.notAvailableExplain')}
        </li>
      )}
    </ul>
  );
}

/** The table as open data: CSV for a spreadsheet, JSON for a program. Same figures as shown. */
export function TableDownloads({
  scope,
  year,
  table,
  title,
}: {
  scope: Scope;
  year: string;
  table: PublicTable;
  title: string;
}) {
  const { t } = useTranslation();
  // A staff preview: the public files are last year's release, not these figures.
  if (useCellNotes()) return null;
  return (
    <p className="font-body-2xs site-no-print">
      {t('transparency.downloadTable')}{' '}
      {/* The name starts with the visible word (WCAG 2.5.3) and says which table, as every section has these links. */}
      <a href={tableFileUrl(scope, year, table.key, 'csv')} download aria-label={`CSV, ${title}`}>
        CSV
      </a>
      {' · '}
      <a href={tableFileUrl(scope, year, table.key, 'json')} download aria-label={`JSON, ${title}`}>
        JSON
      </a>
    </p>
  );
}
