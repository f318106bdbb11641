import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/page-title';

export function NotFoundPage({ homeTo = '/' }: { homeTo?: string }) {
  const { t } = useTranslation();
  return (
    <section className="usa-section">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p className="usa-intro">{t('notFound.body')}</p>
      <p>
        <Link to={homeTo}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
