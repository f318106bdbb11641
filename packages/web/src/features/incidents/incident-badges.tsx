import { useTranslation } from 'react-i18next';
import type { IncidentState, RecordClass } from '@forefront/contract';

const STATE_COLOURS: Record<IncidentState, string> = {
  draft: 'bg-base-dark',
  submitted: 'bg-primary',
  reviewed: 'bg-green',
  closed: 'bg-base-darkest',
};

export function StateTag({ state }: { state: IncidentState }) {
  const { t } = useTranslation();
  return <span className={`usa-tag ${STATE_COLOURS[state]}`}>{t(`incidents.states.${state}`)}</span>;
}

/** FERPA 99.8 in plain words: which kind of record this is, and what that means for who may see it. */
export function RecordClassBadge({ recordClass }: { recordClass: RecordClass }) {
  const { t } = useTranslation();
  return (
    <div className="usa-summary-box margin-y-2" role="region" aria-labelledby="record-class-heading">
      <div className="usa-summary-box__body">
        <h2 className="usa-summary-box__heading" id="record-class-heading">
          {t('incidents.recordClass.heading')}{' '}
          <span className={`usa-tag ${recordClass === 'education' ? 'bg-primary-dark' : 'bg-secondary-dark'}`}>
            {t(`incidents.recordClasses.${recordClass}`)}
          </span>
        </h2>
        <div className="usa-summary-box__text">
          <p className="margin-top-1">{t(`incidents.recordClass.explain_${recordClass}`)}</p>
          <p className="margin-bottom-0 text-base-dark">{t('incidents.recordClass.derived')}</p>
        </div>
      </div>
    </div>
  );
}
