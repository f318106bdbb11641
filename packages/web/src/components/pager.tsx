import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  /** Search parameter holding the 1-based page number. */
  param?: string;
  label?: string;
}

/**
 * USWDS pagination with links, so each page has an address (back button, bookmarks) and every
 * label is translated; react-uswds's version hard-codes English labels.
 */
export function Pager({ total, limit, offset, param = 'page', label }: PagerProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const pageCount = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  if (pageCount <= 1) return null;

  const hrefFor = (page: number) => {
    const params = new URLSearchParams(location.search);
    if (page === 1) params.delete(param);
    else params.set(param, String(page));
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ''}`;
  };

  return (
    <nav aria-label={label ?? t('pager.label')} className="usa-pagination">
      <ul className="usa-pagination__list">
        {current > 1 && (
          <li className="usa-pagination__item usa-pagination__arrow">
            <Link to={hrefFor(current - 1)} className="usa-pagination__link usa-pagination__previous-page">
              <span className="usa-pagination__link-text">{t('pager.previous')}</span>
            </Link>
          </li>
        )}
        {pageSlots(current, pageCount).map((slot, i) =>
          slot === null ? (
            <li key={`gap-${i}`} className="usa-pagination__item usa-pagination__overflow" aria-hidden="true">
              <span>…</span>
            </li>
          ) : (
            <li key={slot} className="usa-pagination__item usa-pagination__page-no">
              <Link
                to={hrefFor(slot)}
                className={`usa-pagination__button${slot === current ? ' usa-current' : ''}`}
                aria-label={t('pager.page', { page: slot, total: pageCount })}
                aria-current={slot === current ? 'page' : undefined}
              >
                {slot}
              </Link>
            </li>
          ),
        )}
        {current < pageCount && (
          <li className="usa-pagination__item usa-pagination__arrow">
            <Link to={hrefFor(current + 1)} className="usa-pagination__link usa-pagination__next-page">
              <span className="usa-pagination__link-text">{t('pager.next')}</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** First, last, and the current page with its neighbours; null marks a gap. */
export function pageSlots(current: number, count: number): (number | null)[] {
  const pages = new Set([1, count, current - 1, current, current + 1].filter((p) => p >= 1 && p <= count));
  const sorted = [...pages].sort((a, b) => a - b);
  const slots: (number | null)[] = [];
  for (const page of sorted) {
    const last = slots[slots.length - 1];
    if (typeof last === 'number' && page - last > 1) slots.push(null);
    slots.push(page);
  }
  return slots;
}

/** The page requested in the URL, as limit/offset for the API. */
export function pageFromSearch(
  search: URLSearchParams,
  limit: number,
  param = 'page',
): { limit: number; offset: number } {
  const page = Number.parseInt(search.get(param) ?? '1', 10);
  return { limit, offset: (Number.isFinite(page) && page > 1 ? page - 1 : 0) * limit };
}

/** A page number past the end (an old bookmark, a list that shrank): say so and offer page 1. */
export function PageOutOfRange({ param = 'page' }: { param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete(param);
  const qs = params.toString();
  return (
    <div className="usa-alert usa-alert--info usa-alert--slim margin-y-3">
      <div className="usa-alert__body">
        <p className="usa-alert__text">
          {t('pager.outOfRange')} <Link to={`${location.pathname}${qs ? `?${qs}` : ''}`}>{t('pager.firstPage')}</Link>
        </p>
      </div>
    </div>
  );
}
