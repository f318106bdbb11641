import type { ReactNode } from 'react';

interface AlertProps {
  type: 'info' | 'success' | 'warning' | 'error';
  heading?: ReactNode;
  children?: ReactNode;
  /** Announce the alert when it appears (results of an action, not content present on load). */
  live?: boolean;
  slim?: boolean;
}

/**
 * USWDS alert markup. A local component rather than react-uswds's so public pages can show
 * errors without pulling that whole library in (see site-header.tsx).
 */
export function Alert({ type, heading, children, live, slim }: AlertProps) {
  const role = live ? (type === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`usa-alert usa-alert--${type}${slim ? ' usa-alert--slim' : ''} margin-y-3`} role={role}>
      <div className="usa-alert__body">
        {heading && <h2 className="usa-alert__heading">{heading}</h2>}
        {children && <div className="usa-alert__text">{children}</div>}
      </div>
    </div>
  );
}
