import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { ComplianceBadge } from './compliance-badge';
import { useMyOfficer } from './officers.api';

/** An SRO's own roster entry and training status, in plain words. */
export function MyOfficerPage() {
  const { t } = useTranslation();
  const mine = useMyOfficer();
  if (mine.isPending) return <Loading />;
  const officer = mine.data?.officer ?? null;
  return (
    <section className="usa-section">
      <PageTitle>{t('officers.myTitle')}</PageTitle>
      {mine.isError ? (
        <ApiErrorAlert error={mine.error} />
      ) : officer === null ? (
        <Alert type="info" heading={t('officers.myNoneHeading')}>
          {t('officers.myNone')}
        </Alert>
      ) : (
        <>
          <dl className="site-facts">
            <dt>{t('officers.name')}</dt>
            <dd>{officer.name}</dd>
            <dt>{t('officers.agency')}</dt>
            <dd>{officer.agency}</dd>
            <dt>{t('officers.badge')}</dt>
            <dd>{officer.badgeNumber}</dd>
            <dt>{t('officers.schools')}</dt>
            <dd>{officer.schools.map((s) => s.name).join(', ') || t('officers.notAssigned')}</dd>
          </dl>
          <h2>{t('officers.trainingHeading')}</h2>
          <ComplianceBadge compliance={officer.compliance} credentials={officer.credentialTypes} allReasons />
        </>
      )}
    </section>
  );
}
