import { useEffect, type ReactNode } from 'react';

/**
 * The page's one h1, and the document title that matches it: a screen reader announces the
 * title on navigation and a browser tab shows it (WCAG 2.4.2).
 */
export function PageTitle({ children, documentTitle }: { children: ReactNode; documentTitle?: string }) {
  const text = documentTitle ?? (typeof children === 'string' ? children : undefined);
  useDocumentTitle(text);
  return <h1>{children}</h1>;
}

export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} | Forefront` : 'Forefront';
  }, [title]);
}
