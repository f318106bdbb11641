import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { CASE_OUTCOMES, type CaseDetail, type CaseOutcome, type CloseInput } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField } from '../../components/form-fields';
import { formatDate, formatDateTime } from '../../components/format';
import { useCurrentMe } from '../staff/me-context';
import { StepForm, TextAreaField, issueOf } from './case-form';
import { referralName } from './referral-name';
import { RefusalDetails } from './refusal-details';
import { signoffProgress, stepsStillNeeded } from './steps';
import { useCaseStep } from './threat.api';

/** The referrals the case made and its closure: sign-offs, then the outcome and summary. */
type Props = { c: CaseDetail; writable: boolean };

export function ReferralsSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  if (c.referrals.length === 0) return null;
  return (
    <section aria-labelledby="case-referrals">
      <h2 id="case-referrals">{t('threat.referrals.heading')}</h2>
      <ul className="usa-list">
        {c.referrals.map((r) => (
          <li key={r.id}>
            {t('threat.referrals.item', {
              who: referralName(t, r.kind, r.providerName),
              status: t(`threat.referralStatuses.${r.status}`, { defaultValue: r.status }),
              date: formatDate(r.followUpDueOn, i18n.language),
            })}
            {r.awaitsFollowUp && (
              <span className="usa-tag bg-secondary-dark margin-left-1">{t('threat.referrals.awaits')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ClosureSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const sign = useCaseStep<Record<string, never>>(
    c.id,
    'post',
    () => '/signoffs',
    () => ({}),
  );
  const close = useCaseStep<CloseInput>(c.id, 'post', () => '/close');
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [summary, setSummary] = useState('');
  const progress = signoffProgress(c.signoffs);
  const needed = stepsStillNeeded(c);
  const signed = c.signoffs.some((s) => s.userId === me.user.id);
  const onTeam = c.team.members.some((m) => m.userId === me.user.id);
  const waiting = c.referrals.filter((r) => r.awaitsFollowUp);
  return (
    <section aria-labelledby="step-closure">
      <h2 id="step-closure">{t('threat.steps.closure')}</h2>
      {c.status === 'closed' ? (
        <div className="threat-entry">
          {c.outcome && <p className="text-bold margin-y-0">{t(`threat.outcomes.${c.outcome}`)}</p>}
          {c.closure && <p className="threat-text">{c.closure}</p>}
        </div>
      ) : (
        <p>{t('threat.closure.rule')}</p>
      )}
      <h3>{t('threat.closure.signoffs', { count: progress.count })}</h3>
      {c.signoffs.length === 0 ? (
        <p>{t('threat.closure.noSignoffs')}</p>
      ) : (
        <ul className="usa-list">
          {c.signoffs.map((s) => (
            <li key={s.userId}>
              {t('threat.closure.signedBy', {
                name: s.displayName,
                role: t(`threat.teamRoles.${s.teamRole}`),
                when: formatDateTime(s.signedAt, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      {writable && onTeam && !signed && (
        <div className="site-no-print margin-bottom-2">
          {sign.isError && <ApiErrorAlert error={sign.error} />}
          <Button type="button" outline disabled={sign.isPending} onClick={() => sign.mutate({})}>
            {t('threat.closure.signOff')}
          </Button>
        </div>
      )}
      {writable && (
        <>
          {(needed.length > 0 || !progress.enough || waiting.length > 0) && (
            <Alert type="warning" heading={t('threat.closure.notYetHeading')}>
              <ul className="margin-y-0">
                {needed.length > 0 && (
                  <li>
                    {t('threat.closure.stepsNeeded', { steps: needed.map((s) => t(`threat.steps.${s}`)).join(', ') })}
                  </li>
                )}
                {!progress.enough && <li>{t('threat.closure.needSignoffs')}</li>}
                {waiting.map((r) => (
                  <li key={r.id}>
                    {t('threat.closure.referralWaiting', { who: referralName(t, r.kind, r.providerName) })}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <StepForm
            label={t('threat.closure.close')}
            mutation={close}
            submit={t('threat.closure.close')}
            fields={['outcome', 'summary']}
            details={<RefusalDetails error={close.error} c={c} />}
            onSubmit={() => outcome && close.mutate({ outcome, summary })}
          >
            <SelectField
              id="close-outcome"
              label={t('threat.closure.outcome')}
              value={outcome}
              onChange={(v) => setOutcome(v as CaseOutcome)}
              placeholder={t('threat.closure.chooseOutcome')}
              options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`threat.outcomes.${o}`) }))}
              error={issueOf(close.error, 'outcome')}
            />
            <TextAreaField
              id="close-summary"
              label={t('threat.closure.summary')}
              maxLength={5000}
              value={summary}
              onChange={setSummary}
              error={issueOf(close.error, 'summary')}
            />
          </StepForm>
        </>
      )}
    </section>
  );
}
