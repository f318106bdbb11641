import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '@forefront/contract';
import { formatDateTime } from '../../components/format';
import { QueryView } from '../../components/query-view';
import { useIncidentVersions } from './incidents.api';

/** Fields whose change the history names; anything else changed is listed by its own name. */
const FIELD_KEYS: Record<string, string> = {
  schoolId: 'incidents.fields.school',
  occurredAt: 'incidents.fields.occurredAt',
  location: 'incidents.fields.location',
  behaviors: 'incidents.fields.behaviors',
  description: 'incidents.fields.description',
  weapon: 'incidents.fields.weapon',
  offenseAlleged: 'incidents.fields.offenseAlleged',
  nibrsCodes: 'incidents.fields.nibrsCodes',
  students: 'incidents.fields.students',
  contacts: 'incidents.fields.contacts',
  state: 'incidents.fields.state',
  recordClass: 'incidents.fields.recordClass',
};

/** The current incident in the snapshot's shape, for the fields both carry. */
export function currentSnapshot(incident: IncidentDetail): Record<string, unknown> {
  return {
    schoolId: incident.schoolId,
    occurredAt: incident.occurredAt,
    location: incident.location,
    behaviors: incident.behaviors,
    description: incident.description,
    weapon: incident.weapon,
    offenseAlleged: incident.offenseAlleged,
    nibrsCodes: incident.nibrsCodes,
    students: incident.students.map((s) => ({ studentId: s.studentId, role: s.role })),
    recordClass: incident.recordClass,
  };
}

/** Fields whose saved value differs between two snapshots (only fields present in both are compared). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = Object.keys(after).filter((k) => k in before);
  const same = (a: unknown, b: unknown) => {
    if (typeof a === 'string' && typeof b === 'string' && !Number.isNaN(Date.parse(a)) && /^\d{4}-/.test(a))
      return Date.parse(a) === Date.parse(b);
    return JSON.stringify(a) === JSON.stringify(b);
  };
  return keys.filter((k) => !same(before[k], after[k])).sort();
}

/**
 * The current version and every prior one, newest first: who saved each, when, and what the next
 * save changed. Prior versions are kept whole once an incident is submitted.
 */
export function IncidentHistory({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const history = useIncidentVersions(incident.id);
  const label = (k: string) => (FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('incidents.history.heading')}</h2>
      <QueryView query={history} loadingLabel={t('incidents.history.loading')}>
        {(h) => {
          const prior = [...h.versions].sort((a, b) => b.version - a.version);
          return (
            <ol className="usa-process-list">
              <li className="usa-process-list__item">
                <h3 className="usa-process-list__heading font-sans-sm">
                  {t('incidents.history.current', {
                    version: h.version,
                    state: t(`incidents.states.${incident.state}`),
                  })}
                </h3>
                <p className="margin-top-05">
                  {t('incidents.history.updatedAt', { when: formatDateTime(incident.updatedAt, i18n.language) })}
                </p>
              </li>
              {prior.map((v, i) => {
                const next = i === 0 ? currentSnapshot(incident) : prior[i - 1]!.snapshot;
                const changed = changedFields(v.snapshot, next);
                return (
                  <li key={v.version} className="usa-process-list__item">
                    <h3 className="usa-process-list__heading font-sans-sm">
                      {t('incidents.history.version', { version: v.version, state: t(`incidents.states.${v.state}`) })}
                    </h3>
                    <p className="margin-top-05">
                      {t('incidents.history.changedBy', {
                        name: v.changedByName,
                        when: formatDateTime(v.changedAt, i18n.language),
                      })}
                    </p>
                    <p className="margin-top-05 text-base-dark">
                      {changed.length
                        ? t('incidents.history.changed', { fields: changed.map(label).join(', ') })
                        : t('incidents.history.unchanged')}
                    </p>
                    {v.changeNote && (
                      <p className="margin-top-05">{t('incidents.history.note', { note: v.changeNote })}</p>
                    )}
                  </li>
                );
              })}
              {prior.length === 0 && <li className="usa-process-list__item">{t('incidents.history.empty')}</li>}
            </ol>
          );
        }}
      </QueryView>
    </section>
  );
}
