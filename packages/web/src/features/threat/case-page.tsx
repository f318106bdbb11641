import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, StepIndicator, StepIndicatorStep } from '@trussworks/react-uswds';
import type { CaseDetail } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDate, formatDateTime } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { ClassificationSection, IepCheckSection, InterviewsSection } from './case-assess';
import { SafetyEvaluationSection } from './case-evaluation';
import { CheckinsSection, SafetyPlanSection } from './case-plan';
import { ClosureSection, ReferralsSection } from './case-close';
import { CaseExportSection } from './case-export';
import { NotesSection, ParentContactsSection, ThemesSection } from './case-records';
import { stepperSteps } from './steps';
import { useCase } from './threat.api';
import './threat.css';

/**
 * A case's workspace: the protocol as a USWDS step indicator, then one section per step. For
 * anyone off the team the server answers 404, exactly as for a case that does not exist, and the
 * page says so in those words.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useCase(id);
  if (detail.isPending) return <Loading label={t('threat.case.loading')} />;
  if (detail.isError)
    return (
      <section className="usa-section">
        {isApiError(detail.error, 404) ? (
          <>
            <PageTitle>{t('threat.case.notFoundTitle')}</PageTitle>
            <p className="usa-intro">{t('threat.case.notFound')}</p>
          </>
        ) : (
          <>
            <PageTitle>{t('threat.case.errorTitle')}</PageTitle>
            <ApiErrorAlert error={detail.error} />
          </>
        )}
        <Link to="/app/threat/cases">{t('threat.case.backToList')}</Link>
      </section>
    );
  return <CaseWorkspace c={detail.data} />;
}

function CaseWorkspace({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const title = t('threat.case.title', { number: c.number });
  const steps = stepperSteps(c);
  const writable = c.canWrite && c.status === 'open';
  return (
    <section className="usa-section threat-case">
      <p className="site-no-print margin-top-0">
        <Link to="/app/threat/cases">{t('threat.case.backToList')}</Link>
      </p>
      <PageTitle documentTitle={title}>
        {title}{' '}
        <span className={`usa-tag ${c.status === 'open' ? 'bg-primary' : 'bg-base-dark'}`}>
          {t(`threat.cases.statuses.${c.status}`)}
        </span>
      </PageTitle>
      <p className="threat-case__record-class">{t('threat.case.recordClass')}</p>
      <StepIndicator
        headingLevel="h2"
        counters="small"
        className="site-no-print"
        stepText={t('threat.case.stepText')}
        ofText={t('threat.case.ofText')}
        statusText={{ complete: t('threat.case.stepComplete'), incomplete: t('threat.case.stepIncomplete') }}
      >
        {steps.map((s) => (
          <StepIndicatorStep key={s.step} label={t(`threat.steps.${s.step}`)} status={s.status} />
        ))}
      </StepIndicator>
      {!c.canWrite && (
        <Alert type="info" slim>
          {t('threat.case.readOnly')}
        </Alert>
      )}
      <div className="site-no-print margin-y-2">
        <Button type="button" outline onClick={() => window.print()}>
          {t('threat.case.print')}
        </Button>
      </div>

      <h2 id="step-intake">{t('threat.steps.intake')}</h2>
      <dl className="threat-facts">
        <dt>{t('threat.case.student')}</dt>
        <dd>
          {c.studentName}
          {(c.student.idea || c.student.section504) && (
            <span className="usa-tag margin-left-1">
              {c.student.idea ? t('threat.case.idea') : t('threat.case.section504')}
            </span>
          )}
        </dd>
        <dt>{t('threat.case.school')}</dt>
        <dd>{c.schoolName}</dd>
        <dt>{t('threat.case.team')}</dt>
        <dd>
          {c.teamName} (
          {c.team.members.map((m) => `${m.displayName}, ${t(`threat.teamRoles.${m.teamRole}`)}`).join('; ')})
        </dd>
        <dt>{t('threat.case.protocol')}</dt>
        <dd>{t(`threat.protocols.${c.protocol}`)}</dd>
        <dt>{t('threat.case.source')}</dt>
        <dd>
          {t(`threat.sources.${c.source}`)}
          {c.incidentId && c.incidentNumber && (
            <>
              {' '}
              (<Link to={`/app/incidents/${encodeURIComponent(c.incidentId)}`}>{c.incidentNumber}</Link>)
            </>
          )}
        </dd>
        <dt>{t('threat.case.opened')}</dt>
        <dd>
          {formatDateTime(c.openedAt, i18n.language)}
          {c.reportedBy.displayName && ` · ${t('threat.case.reportedBy', { name: c.reportedBy.displayName })}`}
        </dd>
        {c.closedAt && (
          <>
            <dt>{t('threat.case.closed')}</dt>
            <dd>{formatDate(c.closedAt, i18n.language)}</dd>
          </>
        )}
      </dl>
      <h3>{t('threat.case.concern')}</h3>
      <p className="threat-text">{c.concern}</p>

      <InterviewsSection c={c} writable={writable} />
      {(c.student.idea || c.student.section504) && <IepCheckSection c={c} writable={writable} />}
      {c.protocol === 'ntac' && <ThemesSection c={c} writable={writable} />}
      <ClassificationSection c={c} writable={writable} />
      {(c.severity === 'very_serious' || c.safetyEvaluation) && <SafetyEvaluationSection c={c} writable={writable} />}
      <SafetyPlanSection c={c} writable={writable} />
      <CheckinsSection c={c} writable={writable} />
      <ParentContactsSection c={c} writable={writable} />
      <ReferralsSection c={c} />
      <NotesSection c={c} writable={writable} />
      <ClosureSection c={c} writable={writable} />
      <CaseExportSection c={c} />
    </section>
  );
}
