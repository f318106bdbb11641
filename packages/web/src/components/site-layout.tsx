import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SiteHeader, type NavItem } from './site-header';

interface SiteLayoutProps {
  homeTo: string;
  navItems: NavItem[];
  secondary?: ReactNode;
  /** Signed-in pages leave out the footer's sign-in link. */
  isSignedIn?: boolean;
  children: ReactNode;
}

export function SiteLayout({ homeTo, navItems, secondary, isSignedIn, children }: SiteLayoutProps) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const isFirstRender = useRef(true);

  // A client-side navigation does not announce a new page the way a page load does: move focus
  // to <main> so screen-reader and keyboard users start at the new content (WCAG 2.4.3).
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [pathname]);

  return (
    <div className="site-layout">
      <a className="usa-skipnav" href="#main-content">
        {t('layout.skipToContent')}
      </a>
      <SiteHeader homeTo={homeTo} navItems={navItems} secondary={secondary} />
      <main id="main-content" ref={main} tabIndex={-1} className="site-main">
        <div className="grid-container">{children}</div>
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__primary-section">
          <div className="grid-container site-footer">
            <p>{t('layout.footerAbout')}</p>
            <nav aria-label={t('layout.footerNavigation')}>
              <ul className="usa-list usa-list--unstyled site-footer__links">
                <li>
                  <Link to="/">{t('layout.publicHome')}</Link>
                </li>
                {!isSignedIn && (
                  <li>
                    <Link to="/sign-in">{t('layout.staffSignIn')}</Link>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </div>
      </footer>
    </div>
  );
}
