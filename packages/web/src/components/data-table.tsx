import type { ReactNode } from 'react';

/**
 * A USWDS table in a scrollable, keyboard-focusable container so wide tables stay usable on a
 * phone. The caption names the table and, through aria-labelledby, the scrolling region too.
 */
export function DataTable({
  caption,
  captionId,
  children,
}: {
  caption: ReactNode;
  captionId: string;
  children: ReactNode;
}) {
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="usa-table usa-table--borderless usa-table--striped width-full">
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
