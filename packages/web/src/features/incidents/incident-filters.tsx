import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { BEHAVIOR_KEYS, INCIDENT_STATES } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { DateField, SelectField } from '../../components/form-fields';
import { Checkbox } from './choice-fields';
import type { IncidentFilters } from './incidents.api';

interface Props {
  value: IncidentFilters;
  schools: { id: string; name: string }[];
  onApply: (filters: IncidentFilters) => void;
  error: unknown;
}

export function IncidentFiltersForm({ value, schools, onApply, error }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    schoolId: value.schoolId ?? '',
    state: value.state ?? '',
    from: value.from ?? '',
    to: value.to ?? '',
    behavior: value.behavior ?? '',
    flagged: value.flagged === 'true',
  });
  const set = (key: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { flagged, ...rest } = draft;
    onApply({
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')),
      ...(flagged ? { flagged: 'true' as const } : {}),
    });
  };
  const clear = () => {
    setDraft({ schoolId: '', state: '', from: '', to: '', behavior: '', flagged: false });
    onApply({});
  };
  return (
    <Form
      onSubmit={submit}
      noValidate
      className="maxw-full site-filters site-no-print"
      aria-label={t('incidents.list.filtersLabel')}
    >
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <SelectField
            id="filter-school"
            label={t('incidents.fields.school')}
            isOptional
            placeholder={t('incidents.list.allSchools')}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
            value={draft.schoolId}
            onChange={set('schoolId')}
            error={issueOf(error, 'querystring.schoolId')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <SelectField
            id="filter-state"
            label={t('incidents.fields.state')}
            isOptional
            placeholder={t('incidents.list.allStates')}
            options={INCIDENT_STATES.map((s) => ({ value: s, label: t(`incidents.states.${s}`) }))}
            value={draft.state}
            onChange={set('state')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <SelectField
            id="filter-behavior"
            label={t('incidents.list.behavior')}
            isOptional
            placeholder={t('incidents.list.allBehaviors')}
            options={BEHAVIOR_KEYS.map((b) => ({ value: b, label: t(`incidents.behaviors.${b}`) }))}
            value={draft.behavior}
            onChange={set('behavior')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <DateField
            id="filter-from"
            label={t('incidents.list.from')}
            isOptional
            value={draft.from}
            onChange={set('from')}
            error={issueOf(error, 'querystring.from')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-4">
          <DateField
            id="filter-to"
            label={t('incidents.list.to')}
            isOptional
            value={draft.to}
            onChange={set('to')}
            error={issueOf(error, 'querystring.to')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-4 padding-top-4">
          <Checkbox
            id="filter-flagged"
            label={t('incidents.list.flaggedOnly')}
            checked={draft.flagged}
            onChange={(on) => setDraft((d) => ({ ...d, flagged: on }))}
          />
        </div>
      </div>
      <div className="margin-top-2">
        <Button type="submit">{t('incidents.list.apply')}</Button>
        <Button type="button" outline onClick={clear}>
          {t('incidents.list.clear')}
        </Button>
      </div>
    </Form>
  );
}
