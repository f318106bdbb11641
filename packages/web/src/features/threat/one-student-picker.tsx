import { useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { TextField } from '../../components/form-fields';
import { useDebounced } from '../../components/use-debounced';
import { useStudentSearch } from '../incidents/incidents.api';
import { useCan } from '../staff/me-context';
import { useReferralStudentSearch } from './threat.api';

export interface PickedStudent {
  id: string;
  name: string;
  localId: string;
}

interface Props {
  districtId: string;
  /** The search is scoped to this school's roster: a concern is reported at one school. */
  schoolId: string;
  value: PickedStudent | null;
  onChange: (value: PickedStudent | null) => void;
  /** Students to offer without searching (an incident's students). */
  suggestions?: PickedStudent[];
}

/** One student of a school: search by name or local id, or take one of the suggestions. */
export function OneStudentPicker({ districtId, schoolId, value, onChange, suggestions = [] }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  // The roster for those who may list it; support staff search through the referral module instead.
  const can = useCan();
  const lookup = can('student.list') ? 'roster' : can('referral.write') ? 'referral' : 'none';
  const active = query.length >= 2 && value === null;
  const roster = useStudentSearch(districtId, schoolId, query, active && lookup === 'roster');
  const referral = useReferralStudentSearch(districtId, schoolId, query, active && lookup === 'referral');
  const search = lookup === 'referral' ? referral : roster;
  const results: PickedStudent[] =
    lookup === 'referral'
      ? (referral.data?.items ?? [])
      : (roster.data?.items ?? []).map((s) => ({
          id: s.id,
          name: `${s.givenName} ${s.familyName}`,
          localId: s.localId,
        }));

  if (value)
    return (
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">{t('threat.report.student')}</legend>
        <p className="margin-y-1 text-bold">
          {value.name} <span className="text-normal text-base-dark">({value.localId})</span>
        </p>
        <Button type="button" unstyled onClick={() => onChange(null)}>
          {t('threat.report.changeStudent', { name: value.name })}
        </Button>
      </fieldset>
    );

  const choice = (s: PickedStudent) => (
    <li key={s.id} className="margin-bottom-1">
      <Button
        type="button"
        outline
        className="width-full text-left"
        onClick={() => {
          onChange(s);
          setQ('');
        }}
      >
        {t('threat.report.pickStudent', { name: s.name, localId: s.localId })}
      </Button>
    </li>
  );

  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend">{t('threat.report.student')}</legend>
      {!schoolId && <p className="usa-hint">{t('threat.report.schoolFirst')}</p>}
      {suggestions.length > 0 && (
        <>
          <p className="margin-bottom-1">{t('threat.report.incidentStudents')}</p>
          <ul className="usa-list usa-list--unstyled">{suggestions.map(choice)}</ul>
        </>
      )}
      {lookup === 'none' && suggestions.length === 0 && <p>{t('threat.report.noLookup')}</p>}
      {lookup !== 'none' && (
        <TextField
          id="threat-student-search"
          type="search"
          label={t('threat.report.findStudent')}
          hint={t('threat.report.findStudentHint')}
          autoComplete="off"
          disabled={!schoolId}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      )}
      {search.isError && <ApiErrorAlert error={search.error} heading={t('threat.report.searchFailed')} />}
      <div aria-live="polite">
        {query.length >= 2 && search.isSuccess && results.length === 0 && (
          <p className="text-base-dark">{t('threat.report.noStudents')}</p>
        )}
        {query.length >= 2 && results.length > 0 && (
          <ul className="usa-list usa-list--unstyled" aria-label={t('threat.report.results')}>
            {results.map(choice)}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
