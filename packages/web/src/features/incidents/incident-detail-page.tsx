import './incidents.css';
import { Link, useLocation, useParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail, IncidentState } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan } from '../staff/me-context';
import { RecordClassBadge, StateTag } from './incident-badges';
import { IncidentContacts, IncidentReviews, IncidentStudents } from './incident-sections';
import { IncidentOutsideReferrals } from './outside-referrals-section';
import { FlagList } from './incident-flags';
import { IncidentHistory } from './incident-history';
import { ReclassifyForm } from './incident-reclassify';
import { ReviewForm } from './incident-review-form';
import { useIncident, useTransition } from './incidents.api';

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);
  return (
    <section className="usa-section site-print-page">
      <p className="site-no-print">
        <Link to="/app/incidents">{t('incidents.detail.backToList')}</Link>
      </p>
      <QueryView
        query={incident}
        loadingLabel={t('incidents.detail.loading')}
        errorHeading={t('incidents.detail.loadError')}
      >
        {(detail) => <IncidentView incident={detail} />}
      </QueryView>
    </section>
  );
}

function IncidentView({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const title = t('incidents.detail.title', { number: incident.number });
  return (
    <>
      <PageTitle documentTitle={title}>
        {title} <StateTag state={incident.state} />
      </PageTitle>
      {justSaved && <Alert type="success" heading={t('incidents.detail.saved')} live slim />}
      <div className="site-no-print margin-y-2">
        {can('incident.update') && incident.state !== 'closed' && (
          <Link
            className="usa-button usa-button--outline"
            to={`/app/incidents/${encodeURIComponent(incident.id)}/edit`}
          >
            {t('incidents.detail.edit')}
          </Link>
        )}
        <Button type="button" outline onClick={() => window.print()}>
          {t('incidents.detail.print')}
        </Button>
        {/* Issue 15: a concern from this incident goes to the threat assessment team, linked both ways. */}
        {can('case.report') && incident.students.length > 0 && (
          <Link
            className="usa-button usa-button--outline"
            to={`/app/threat/report?incident=${encodeURIComponent(incident.id)}`}
          >
            {t('threat.report.fromIncidentLink')}
          </Link>
        )}
      </div>
      {incident.threatCases && incident.threatCases.length > 0 && (
        <p>
          {t('threat.report.incidentCases')}{' '}
          {incident.threatCases.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <Link to={`/app/threat/cases/${encodeURIComponent(c.id)}`}>{c.number}</Link>
            </span>
          ))}
        </p>
      )}
      <Transitions incident={incident} />
      <FlagList incident={incident} />
      <RecordClassBadge recordClass={incident.recordClass} />

      <h2>{t('incidents.detail.what')}</h2>
      <dl className="site-facts">
        <dt>{t('incidents.fields.school')}</dt>
        <dd>{incident.schoolName}</dd>
        <dt>{t('incidents.fields.occurredAt')}</dt>
        <dd>{formatDateTime(incident.occurredAt, i18n.language)}</dd>
        <dt>{t('incidents.fields.location')}</dt>
        <dd>{t(`incidents.locations.${incident.location}`)}</dd>
        <dt>{t('incidents.fields.behaviors')}</dt>
        <dd>{incident.behaviors.map((b) => t(`incidents.behaviors.${b}`)).join(', ') || '—'}</dd>
        <dt>{t('incidents.fields.weapon')}</dt>
        <dd>{t(`incidents.weapons.${incident.weapon}`)}</dd>
        <dt>{t('incidents.fields.offenseAlleged')}</dt>
        <dd>{incident.offenseAlleged ? t('common.yes') : t('common.no')}</dd>
        {incident.offenseAlleged && (
          <>
            <dt>{t('incidents.fields.nibrsCodes')}</dt>
            <dd>{incident.nibrsCodes.join(', ') || '—'}</dd>
          </>
        )}
        <dt>{t('incidents.fields.description')}</dt>
        <dd className="site-pre-wrap">{incident.description || '—'}</dd>
        <dt>{t('incidents.detail.createdBy')}</dt>
        <dd>{incident.createdByName}</dd>
        <dt>{t('incidents.detail.updatedAt')}</dt>
        <dd>{formatDateTime(incident.updatedAt, i18n.language)}</dd>
      </dl>
      <IncidentStudents incident={incident} />
      <IncidentContacts incident={incident} />
      <IncidentOutsideReferrals incident={incident} />
      <IncidentReviews incident={incident} />
      {can('incident.review') && incident.state !== 'closed' && <ReviewForm incident={incident} />}
      <IncidentHistory incident={incident} />
      {can('incident.reclassify') && <ReclassifyForm incident={incident} />}
    </>
  );
}

/** The next states this person may move the incident to; the server checks the same. */
function Transitions({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const transition = useTransition(incident);
  const next: IncidentState[] = [];
  if (incident.state === 'draft' && can('incident.update')) next.push('submitted');
  if (incident.state === 'submitted' && can('incident.review')) next.push('reviewed');
  if (incident.state === 'reviewed' && can('incident.review')) next.push('closed');
  if (next.length === 0) return null;
  return (
    <div className="site-no-print">
      <ApiErrorAlert error={transition.error} heading={t('incidents.detail.transitionFailed')} />
      {next.map((to) => (
        <Button key={to} type="button" disabled={transition.isPending} onClick={() => transition.mutate(to)}>
          {t(`incidents.detail.moveTo.${to}`)}
        </Button>
      ))}
    </div>
  );
}
