import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '@trussworks/react-uswds';
import type { CaseDetail, SafetyEvaluationInput } from '@forefront/contract';
import { formatDateTime } from '../../components/format';
import { StepForm, TextAreaField, issueOf } from './case-form';
import { useCaseStep } from './threat.api';

type Props = { c: CaseDetail; writable: boolean };

/**
 * A very serious case's safety evaluation: the mental-health screening, and law enforcement only
 * when the district's threshold (shown here, written in advance in the settings) is met.
 */
export function SafetyEvaluationSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<SafetyEvaluationInput>(c.id, 'post', () => '/safety-evaluation');
  const [screening, setScreening] = useState('');
  const [le, setLe] = useState(false);
  const [reason, setReason] = useState('');
  const ev = c.safetyEvaluation;
  return (
    <section aria-labelledby="step-safety-evaluation">
      <h2 id="step-safety-evaluation">{t('threat.steps.safety_evaluation')}</h2>
      <p>{t('threat.evaluation.why')}</p>
      <div className="threat-threshold">
        <h3 className="margin-top-0">{t('threat.evaluation.threshold')}</h3>
        <p className="threat-text">{c.leThreshold || t('threat.evaluation.noThreshold')}</p>
      </div>
      {ev ? (
        <div className="threat-entry">
          <p className="text-base-dark margin-y-0">
            {t('threat.recordedBy', {
              name: ev.by.displayName ?? t('threat.unknown'),
              when: formatDateTime(ev.at, i18n.language),
            })}
          </p>
          <h3>{t('threat.evaluation.screening')}</h3>
          <p className="threat-text">{ev.screening}</p>
          <p className="text-bold">{ev.lawEnforcement ? t('threat.evaluation.leYes') : t('threat.evaluation.leNo')}</p>
          {ev.lawEnforcementReason && <p className="threat-text">{ev.lawEnforcementReason}</p>}
        </div>
      ) : (
        writable && (
          <StepForm
            label={t('threat.evaluation.submit')}
            mutation={step}
            submit={t('threat.evaluation.submit')}
            fields={['screening', 'lawEnforcementReason']}
            onSubmit={() => step.mutate({ screening, lawEnforcement: le, ...(le && { lawEnforcementReason: reason }) })}
          >
            <TextAreaField
              id="eval-screening"
              label={t('threat.evaluation.screening')}
              hint={t('threat.evaluation.screeningHint')}
              maxLength={10000}
              value={screening}
              onChange={setScreening}
              error={issueOf(step.error, 'screening')}
            />
            <Checkbox
              id="eval-le"
              name="lawEnforcement"
              className="margin-top-2"
              checked={le}
              onChange={(e) => setLe(e.target.checked)}
              label={t('threat.evaluation.le')}
              labelDescription={t('threat.evaluation.leHint')}
            />
            {le && (
              <TextAreaField
                id="eval-le-reason"
                label={t('threat.evaluation.leReason')}
                maxLength={2000}
                value={reason}
                onChange={setReason}
                error={issueOf(step.error, 'lawEnforcementReason')}
              />
            )}
          </StepForm>
        )
      )}
    </section>
  );
}
