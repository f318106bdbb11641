import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Action } from '@forefront/contract';
import { PageTitle } from '../../components/page-title';
import { useCan, useOwnDistrict } from './me-context';

/**
 * A page the account cannot use says so plainly instead of showing a server error; the
 * navigation already hides it, so this is for typed or bookmarked addresses.
 */
export function RequireAction({
  action,
  needsDistrict,
  children,
}: {
  action: Action;
  needsDistrict?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const district = useOwnDistrict();
  if (can(action) && (!needsDistrict || district)) return <>{children}</>;
  return (
    <section className="usa-section">
      <PageTitle>{t('staff.forbiddenTitle')}</PageTitle>
      <p className="usa-intro">{t('staff.forbiddenBody')}</p>
      <Link to="/app">{t('staff.backToDashboard')}</Link>
    </section>
  );
}
