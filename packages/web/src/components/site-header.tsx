import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './language-switcher';

export interface NavItem {
  to: string;
  label: string;
  /** Match the path exactly (for section roots such as /app). */
  end?: boolean;
  /** One line about the section, for the dashboard's quick links. */
  description?: string;
  /**
   * The header's submenu this section sits in (its visible name): a district administrator has
   * more sections than fit in one row at 1280 px, so the record-keeping ones share a menu.
   */
  group?: string;
}

type NavEntry = { item: NavItem } | { group: string; items: NavItem[] };

/**
 * Plain items in order, then each group's menu; a group of one item is shown as a plain link
 * (a state viewer's one record-keeping section needs no menu).
 */
function entriesOf(items: NavItem[]): NavEntry[] {
  const groups = new Map<string, NavItem[]>();
  for (const item of items) if (item.group) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  const single = (i: NavItem) => !i.group || groups.get(i.group)!.length === 1;
  return [
    ...items.filter(single).map((item) => ({ item })),
    ...[...groups].filter(([, g]) => g.length > 1).map(([group, g]) => ({ group, items: g })),
  ];
}

interface SiteHeaderProps {
  homeTo: string;
  navItems: NavItem[];
  /** Extra content in the secondary area, e.g. who is signed in and a sign-out button. */
  secondary?: ReactNode;
}

/**
 * The USWDS extended header (room at the top right for who is signed in and the language),
 * written against USWDS's own classes instead of react-uswds: that library ships as one module
 * whose icon set cannot be tree-shaken (~40 kB gzipped), and this header is on every public
 * page. Its close button also needs a translatable label.
 */
export function SiteHeader({ homeTo, navItems, secondary }: SiteHeaderProps) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const navId = useId();
  const location = useLocation();
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  const open = () => {
    setIsOpen(true);
    // Move keyboard focus into the panel that just covered the page.
    requestAnimationFrame(() => closeButton.current?.focus());
  };
  const close = () => {
    setIsOpen(false);
    menuButton.current?.focus();
  };

  // A link in the mobile menu navigates without unmounting the header: close the menu after.
  useEffect(() => setIsOpen(false), [location.pathname]);

  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isOpen]);

  return (
    <>
      <div className={`usa-overlay${isOpen ? ' is-visible' : ''}`} onClick={close} />
      <header className="usa-header usa-header--extended">
        <div className="usa-navbar">
          <div className="usa-logo">
            <em className="usa-logo__text">
              <NavLink to={homeTo} title={t('layout.home')}>
                Forefront
              </NavLink>
            </em>
          </div>
          <button
            ref={menuButton}
            type="button"
            className="usa-menu-btn"
            aria-controls={navId}
            aria-expanded={isOpen}
            onClick={open}
          >
            {t('layout.menu')}
          </button>
        </div>
        <nav id={navId} className={`usa-nav${isOpen ? ' is-visible' : ''}`} aria-label={t('layout.primaryNavigation')}>
          <div className="usa-nav__inner">
            <button ref={closeButton} type="button" className="usa-nav__close" onClick={close}>
              <span aria-hidden="true" className="site-header__close-icon">
                ×
              </span>
              <span className="usa-sr-only">{t('layout.closeMenu')}</span>
            </button>
            <ul className="usa-nav__primary usa-accordion">
              {entriesOf(navItems).map((entry) =>
                'item' in entry ? (
                  <li key={entry.item.to} className="usa-nav__primary-item">
                    <NavLink
                      to={entry.item.to}
                      end={entry.item.end}
                      className={({ isActive }) => `usa-nav-link${isActive ? ' usa-current' : ''}`}
                    >
                      <span>{entry.item.label}</span>
                    </NavLink>
                  </li>
                ) : (
                  <NavGroup key={entry.group} label={entry.group} items={entry.items} />
                ),
              )}
            </ul>
            <div className="usa-nav__secondary site-header__secondary">
              {secondary}
              <LanguageSwitcher />
            </div>
          </div>
        </nav>
      </header>
    </>
  );
}

/** A USWDS submenu: a button that opens the group's links; Escape or a navigation closes it. */
function NavGroup({ label, items }: { label: string; items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const location = useLocation();
  const current = items.some((i) => location.pathname === i.to || location.pathname.startsWith(`${i.to}/`));
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <li
      className="usa-nav__primary-item"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className={`usa-accordion__button usa-nav__link${current ? ' usa-current' : ''}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span>{label}</span>
      </button>
      <ul id={id} className="usa-nav__submenu" hidden={!open}>
        {items.map((item) => (
          <li key={item.to} className="usa-nav__submenu-item">
            <NavLink to={item.to} end={item.end}>
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}
