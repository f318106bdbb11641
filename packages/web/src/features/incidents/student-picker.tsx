import { useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { STUDENT_ROLES, type StudentRole } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useDebounced } from '../../components/use-debounced';
import { SelectField, TextField } from '../../components/form-fields';
import type { StudentDraft } from './incident-draft';
import { useStudentSearch } from './incidents.api';

interface StudentPickerProps {
  districtId: string;
  schoolId: string;
  value: StudentDraft[];
  onChange: (value: StudentDraft[]) => void;
}

export function StudentPicker({ districtId, schoolId, value, onChange }: StudentPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const search = useStudentSearch(districtId, schoolId, query, query.length >= 2);
  const chosen = new Set(value.map((s) => s.studentId));
  const results = (search.data?.items ?? []).filter((s) => !chosen.has(s.id));
  const setRole = (id: string, role: StudentRole) =>
    onChange(value.map((s) => (s.studentId === id ? { ...s, role } : s)));

  return (
    <section aria-labelledby="students-heading">
      <h3 id="students-heading">{t('incidents.form.students')}</h3>
      {value.length > 0 && (
        <ul className="usa-list usa-list--unstyled">
          {value.map((s) => (
            <li key={s.studentId} className="border-1px border-base-lighter padding-1 margin-bottom-1 radius-md">
              <p className="margin-0 text-bold">
                {s.name} <span className="text-normal text-base-dark">({s.localId})</span>
              </p>
              <div className="grid-row grid-gap flex-align-end">
                <div className="grid-col-fill">
                  <SelectField
                    id={`student-role-${s.studentId}`}
                    label={t('incidents.form.studentRole', { name: s.name })}
                    value={s.role}
                    onChange={(v) => setRole(s.studentId, v as StudentRole)}
                    options={STUDENT_ROLES.map((r) => ({ value: r, label: t(`incidents.studentRoles.${r}`) }))}
                  />
                </div>
                <div className="grid-col-auto">
                  <Button
                    type="button"
                    unstyled
                    className="margin-bottom-1"
                    onClick={() => onChange(value.filter((x) => x.studentId !== s.studentId))}
                  >
                    {t('incidents.form.removeStudent', { name: s.name })}
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <TextField
        id="student-search"
        type="search"
        label={t('incidents.form.findStudent')}
        hint={t('incidents.form.findStudentHint')}
        isOptional
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {search.isError && <ApiErrorAlert error={search.error} heading={t('incidents.form.studentSearchFailed')} />}
      <div aria-live="polite">
        {query.length >= 2 && search.isSuccess && results.length === 0 && (
          <p className="text-base-dark">{t('incidents.form.noStudents')}</p>
        )}
        {query.length >= 2 && results.length > 0 && (
          <ul className="usa-list usa-list--unstyled" aria-label={t('incidents.form.searchResults')}>
            {results.map((s) => (
              <li key={s.id} className="margin-bottom-1">
                <Button
                  type="button"
                  outline
                  className="width-full text-left"
                  onClick={() => {
                    onChange([
                      ...value,
                      { studentId: s.id, name: `${s.givenName} ${s.familyName}`, localId: s.localId, role: 'offender' },
                    ]);
                    setQ('');
                  }}
                >
                  {t('incidents.form.addStudent', { name: `${s.givenName} ${s.familyName}`, localId: s.localId })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
