import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SiteLayout } from '../../components/site-layout';
import { Loading } from '../../components/loading';

/** The frame around every page a visitor reaches without signing in. */
export function PublicLayout() {
  const { t } = useTranslation();
  const navItems = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/sign-in', label: t('nav.staffSignIn') },
  ];
  return (
    <SiteLayout homeTo="/" navItems={navItems}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </SiteLayout>
  );
}
