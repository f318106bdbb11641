import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { DashboardTodos } from '../dashboard/todo-list';
import { useCurrentMe } from './me-context';
import { useStaffNav } from './staff-layout';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const links = useStaffNav().filter((item) => item.to !== '/app');
  return (
    <section className="usa-section">
      <PageTitle documentTitle={t('dashboard.documentTitle')}>
        {t('dashboard.title', { name: me.user.displayName })}
      </PageTitle>
      <p className="usa-intro">
        {me.district
          ? t('dashboard.introDistrict', { role: t(`roles.${me.user.role}`), district: me.district.name })
          : t('dashboard.introState', { role: t(`roles.${me.user.role}`), state: me.user.state ?? '' })}
      </p>
      {me.user.accessExpiresAt && (
        <p>{t('dashboard.accessExpires', { date: formatDate(me.user.accessExpiresAt, i18n.language) })}</p>
      )}
      <DashboardTodos />
      <h2 className="margin-top-4">{t('dashboard.quickLinks')}</h2>
      {links.length === 0 ? (
        <p>{t('dashboard.noLinks')}</p>
      ) : (
        <ul className="usa-card-group">
          {links.map((link) => (
            <li key={link.to} className="usa-card tablet:grid-col-6 desktop:grid-col-4">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h3 className="usa-card__heading">
                    <Link to={link.to}>{link.label}</Link>
                  </h3>
                </div>
                <div className="usa-card__body">
                  <p>{link.description}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {me.district && (
        <p className="margin-top-4">
          <Link to={`/districts/${encodeURIComponent(me.district.id)}`}>{t('dashboard.publicPage')}</Link>
        </p>
      )}
    </section>
  );
}
