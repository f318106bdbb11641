import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuppressionReasonCode } from '@forefront/contract';

/**
 * What a staff preview adds to the public report's components (issue 13, "Publish"): beside each
 * withheld figure, why it is withheld; no open-data links (nothing is published yet); schools
 * linked to their own preview. The public pages provide nothing and render as before.
 */
export interface CellNotes {
  reasonAt: (
    table: string,
    row: string,
    dimension: string | undefined,
    column: string,
  ) => SuppressionReasonCode | undefined;
  schoolHref: (schoolId: string) => string;
  /** The district's minimum cell size, named by the group-size reason. */
  minN: number;
}

export const CellNotesContext = createContext<CellNotes | null>(null);

export const useCellNotes = () => useContext(CellNotesContext);

/** The key a preview's withheld figures are looked up by. */
export const placeKey = (table: string, row: string, dimension: string | undefined, column: string) =>
  `${table}|${dimension ?? ''}|${row}|${column}`;

/** A withheld figure's reason, as a tag after "Suppressed", in the preview only. */
export function CellReason({
  table,
  row,
  dimension,
  column,
}: {
  table: string;
  row: string;
  dimension?: string | undefined;
  column: string;
}): ReactNode {
  const { t } = useTranslation();
  const notes = useCellNotes();
  const reason = notes?.reasonAt(table, row, dimension, column);
  if (!reason) return null;
  return (
    <span className="tp-reason display-block font-body-3xs text-base-dark" data-reason={reason}>
      {t(`publish.reasons.${reason}.short`, { n: notes?.minN })}
    </span>
  );
}
