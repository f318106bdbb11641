import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTERVIEWEE_KINDS,
  PROTOCOL_DEFS,
  type CaseDetail,
  type Classification,
  type ClassificationInput,
  type InterviewInput,
} from '@forefront/contract';
import { Alert } from '../../components/alert';
import { SelectField, TextField } from '../../components/form-fields';
import { formatDateTime } from '../../components/format';
import { DateTimeField, StepForm, TextAreaField, issueOf } from './case-form';
import { RefusalDetails } from './refusal-details';
import { classifyBlockers, instantOrNow, nowLocalInput } from './steps';
import { useCaseStep } from './threat.api';

type Props = { c: CaseDetail; writable: boolean };

export function InterviewsSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<InterviewInput>(c.id, 'post', () => '/interviews');
  const [kind, setKind] = useState<InterviewInput['intervieweeKind']>('student');
  const [who, setWho] = useState('');
  const [initialWhen] = useState(nowLocalInput());
  const [when, setWhen] = useState(initialWhen);
  const [summary, setSummary] = useState('');
  return (
    <section aria-labelledby="step-interviews">
      <h2 id="step-interviews">{t('threat.steps.interviews')}</h2>
      {c.interviews.length === 0 ? (
        <p>{t('threat.interviews.none')}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {c.interviews.map((iv) => (
            <li key={iv.id} className="threat-entry">
              <p className="text-bold margin-y-0">
                {iv.interviewee} ({t(`threat.intervieweeKinds.${iv.intervieweeKind}`)}) ·{' '}
                {formatDateTime(iv.interviewedAt, i18n.language)}
              </p>
              <p className="text-base-dark margin-y-0">
                {t('threat.by', { name: iv.interviewer.displayName ?? t('threat.unknown') })}
              </p>
              <p className="threat-text">{iv.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {writable && (
        <StepForm
          label={t('threat.interviews.add')}
          mutation={step}
          submit={t('threat.interviews.add')}
          fields={['interviewee', 'interviewedAt', 'summary']}
          onSubmit={() =>
            step.mutate(
              { intervieweeKind: kind, interviewee: who, interviewedAt: instantOrNow(when, initialWhen), summary },
              {
                onSuccess: () => {
                  setWho('');
                  setSummary('');
                },
              },
            )
          }
        >
          <SelectField
            id="interview-kind"
            label={t('threat.interviews.kind')}
            value={kind}
            onChange={(v) => setKind(v as InterviewInput['intervieweeKind'])}
            options={INTERVIEWEE_KINDS.map((k) => ({ value: k, label: t(`threat.intervieweeKinds.${k}`) }))}
          />
          <TextField
            id="interview-who"
            label={t('threat.interviews.who')}
            maxLength={200}
            value={who}
            onChange={(e) => setWho(e.target.value)}
            error={issueOf(step.error, 'interviewee')}
          />
          <DateTimeField
            id="interview-when"
            label={t('threat.interviews.when')}
            value={when}
            onChange={setWhen}
            error={issueOf(step.error, 'interviewedAt')}
          />
          <TextAreaField
            id="interview-summary"
            label={t('threat.interviews.summary')}
            maxLength={10000}
            value={summary}
            onChange={setSummary}
            error={issueOf(step.error, 'summary')}
          />
        </StepForm>
      )}
    </section>
  );
}

export function IepCheckSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<{ note: string }>(c.id, 'post', () => '/iep-check');
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="step-iep">
      <h2 id="step-iep">{t('threat.steps.iep_check')}</h2>
      <p>{t('threat.iep.why')}</p>
      {c.iepCheck ? (
        <div className="threat-entry">
          <p className="text-base-dark margin-y-0">
            {t('threat.recordedBy', {
              name: c.iepCheck.by.displayName ?? t('threat.unknown'),
              when: formatDateTime(c.iepCheck.at, i18n.language),
            })}
          </p>
          <p className="threat-text">{c.iepCheck.note}</p>
        </div>
      ) : (
        writable && (
          <StepForm
            label={t('threat.iep.record')}
            mutation={step}
            submit={t('threat.iep.record')}
            fields={['note']}
            onSubmit={() => step.mutate({ note })}
          >
            <TextAreaField
              id="iep-note"
              label={t('threat.iep.note')}
              hint={t('threat.iep.noteHint')}
              maxLength={2000}
              value={note}
              onChange={setNote}
              error={issueOf(step.error, 'note')}
            />
          </StepForm>
        )
      )}
    </section>
  );
}

export function ClassificationSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<ClassificationInput>(c.id, 'post', () => '/classification');
  const options = PROTOCOL_DEFS[c.protocol].classifications;
  const [choice, setChoice] = useState<Classification | ''>('');
  const [rationale, setRationale] = useState('');
  const blockers = classifyBlockers(c);
  const missingRoles = blockers.find((b) => b.reason === 'missingRoles');
  return (
    <section aria-labelledby="step-classification">
      <h2 id="step-classification">{t('threat.steps.classification')}</h2>
      {c.classification ? (
        <div className="threat-entry">
          <p className="text-bold margin-y-0">{t(`threat.classifications.${c.classification}`)}</p>
          {c.classifiedAt && (
            <p className="text-base-dark margin-y-0">
              {t('threat.recordedBy', {
                name: c.classifiedBy?.displayName ?? t('threat.unknown'),
                when: formatDateTime(c.classifiedAt, i18n.language),
              })}
            </p>
          )}
          {c.rationale && <p className="threat-text">{c.rationale}</p>}
        </div>
      ) : (
        writable && (
          <>
            <Alert type="info" slim>
              <strong>{t('threat.classify.reminder')}</strong>
            </Alert>
            {blockers.length > 0 && (
              <Alert type="warning" heading={t('threat.classify.blockedHeading')}>
                <ul className="margin-y-0">
                  {blockers.map((b) => (
                    <li key={b.reason}>
                      {b.reason === 'missingRoles'
                        ? t('threat.classify.missingRoles', {
                            count: b.roles.length,
                            roles: b.roles.map((r) => t(`threat.teamRoles.${r}`)).join(', '),
                          })
                        : b.reason === 'themes'
                          ? t('threat.classify.themes', { count: b.missing })
                          : t(`threat.classify.${b.reason}`)}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            <StepForm
              label={t('threat.classify.submit')}
              mutation={step}
              submit={t('threat.classify.submit')}
              fields={['classification', 'rationale']}
              disabled={missingRoles !== undefined}
              details={<RefusalDetails error={step.error} c={c} />}
              onSubmit={() => choice && step.mutate({ classification: choice, rationale })}
            >
              <fieldset className="usa-fieldset">
                <legend className="usa-legend">{t('threat.classify.choose')}</legend>
                {options.map((o) => (
                  <div key={o.key} className="usa-radio">
                    <input
                      className="usa-radio__input usa-radio__input--tile"
                      id={`class-${o.key}`}
                      type="radio"
                      name="classification"
                      value={o.key}
                      required
                      checked={choice === o.key}
                      onChange={() => setChoice(o.key as Classification)}
                    />
                    <label className="usa-radio__label" htmlFor={`class-${o.key}`}>
                      {t(`threat.classifications.${o.key}`)}
                      <span className="usa-checkbox__label-description">
                        {t(`threat.classificationHints.${o.key}`)}
                      </span>
                    </label>
                  </div>
                ))}
              </fieldset>
              <TextAreaField
                id="class-rationale"
                label={t('threat.classify.rationale')}
                hint={t('threat.classify.rationaleHint')}
                maxLength={5000}
                value={rationale}
                onChange={setRationale}
                error={issueOf(step.error, 'rationale')}
              />
            </StepForm>
          </>
        )
      )}
    </section>
  );
}
