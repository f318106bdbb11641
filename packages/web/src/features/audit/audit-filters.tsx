import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENT_KINDS, type AuditPerson } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { DateField, SelectField } from '../../components/form-fields';
import type { AuditFilters } from './audit.api';

interface AuditFiltersFormProps {
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  error: unknown;
  /** The district's people; a person chosen in the address but not listed is kept as an option. */
  people: AuditPerson[];
}

export function AuditFiltersForm({ value, onApply, error, people }: AuditFiltersFormProps) {
  const { t } = useTranslation();
  const personOptions = people.map((p) => {
    const role = t(`roles.${p.role}`);
    return {
      value: p.id,
      label: p.disabled
        ? t('auditLog.disabled', { name: p.name, role })
        : t('auditLog.personOption', { name: p.name, role }),
    };
  });
  if (value.actorId && !people.some((p) => p.id === value.actorId))
    personOptions.push({ value: value.actorId, label: value.actorId });
  const [draft, setDraft] = useState<Required<AuditFilters>>({
    kind: value.kind ?? '',
    actorId: value.actorId ?? '',
    from: value.from ?? '',
    to: value.to ?? '',
  });
  const set = (key: keyof AuditFilters) => (v: string) => setDraft((d) => ({ ...d, [key]: v }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    setDraft({ kind: '', actorId: '', from: '', to: '' });
    onApply({});
  };

  return (
    <Form onSubmit={submit} noValidate className="maxw-full site-filters" aria-label={t('audit.filtersLabel')}>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-6 desktop:grid-col-3">
          <SelectField
            id="audit-kind"
            label={t('audit.kind')}
            isOptional
            placeholder={t('audit.allKinds')}
            options={AUDIT_EVENT_KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))}
            value={draft.kind}
            onChange={set('kind')}
            error={issueOf(error, 'querystring.kind')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-3">
          <SelectField
            id="audit-actorId"
            label={t('auditLog.person')}
            isOptional
            placeholder={t('auditLog.allPeople')}
            options={personOptions}
            value={draft.actorId}
            onChange={set('actorId')}
            error={issueOf(error, 'querystring.actorId')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-3">
          <DateField
            id="audit-from"
            label={t('audit.from')}
            isOptional
            value={draft.from}
            onChange={set('from')}
            error={issueOf(error, 'querystring.from')}
          />
        </div>
        <div className="tablet:grid-col-6 desktop:grid-col-3">
          <DateField
            id="audit-to"
            label={t('audit.to')}
            isOptional
            value={draft.to}
            onChange={set('to')}
            error={issueOf(error, 'querystring.to')}
          />
        </div>
      </div>
      <div className="margin-top-2">
        <Button type="submit">{t('audit.apply')}</Button>
        <Button type="button" outline onClick={clear}>
          {t('audit.clear')}
        </Button>
      </div>
    </Form>
  );
}
