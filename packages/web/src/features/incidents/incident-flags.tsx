import { useTranslation } from 'react-i18next';
import { type IncidentDetail, clauseTitleFor, pickLang } from '@forefront/contract';
import { Alert } from '../../components/alert';

type Flag = IncidentDetail['flags'][number];

/**
 * Each role-clarity flag in plain words: what the officer did, which MOU clause it falls outside
 * of (in the reader's language: the library's title for it, or the district's own title as signed),
 * and what would have been in line.
 */
export function FlagList({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = pickLang(i18n.language);
  const studentName = (id: string | null) =>
    incident.students.find((s) => s.studentId === id)?.name ?? t('incidents.flags.noStudent');
  if (incident.flags.length === 0)
    return (
      <Alert type="success" heading={t('incidents.flags.noneHeading')} slim>
        {incident.mouVersionId ? t('incidents.flags.none') : t('incidents.flags.noneNoMou')}
      </Alert>
    );
  return (
    <div className="usa-alert usa-alert--warning margin-y-3">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading" id="flags-heading">
          {t('incidents.flags.heading', { count: incident.flags.length })}
        </h2>
        <ul className="usa-alert__text" aria-labelledby="flags-heading">
          {incident.flags.map((f, i) => (
            <li
              key={`${f.kind}-${f.officerId}-${f.studentId ?? ''}-${f.action ?? ''}-${i}`}
              className="margin-bottom-2"
              data-flag-kind={f.kind}
            >
              <strong>{t(`incidents.flagKinds.${f.kind}`)}</strong>
              <br />
              {f.clause && (
                <span>{t('incidents.flags.clause', { title: clauseTitleFor(f.clause, f.clauseTitle, lang) })}</span>
              )}
              <br />
              <span>{explain(f, t, studentName)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function explain(
  f: Flag,
  t: (key: string, options?: Record<string, unknown>) => string,
  studentName: (id: string | null) => string,
) {
  return t(`incidents.flagExplain.${f.kind}`, {
    officer: f.officerName,
    behavior: f.behavior ? t(`incidents.behaviors.${f.behavior}`) : t('incidents.flags.noBehavior'),
    action: f.action ? t(`incidents.actions.${f.action}`) : '',
    student: studentName(f.studentId),
  });
}
