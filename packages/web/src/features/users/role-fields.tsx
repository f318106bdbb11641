import { Checkbox, Fieldset, FormGroup } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import {
  PAGE_SIZE_MAX,
  ROLES,
  SUPPORT_PROFESSIONS,
  isSchoolScoped,
  type Role,
  type SupportProfession,
} from '@forefront/contract';
import { issueOf } from '../../api/client';
import { DateField, FieldError, SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useSchools } from '../schools/schools.api';

export interface RoleDraft {
  role: Role | '';
  profession: SupportProfession | '';
  schoolIds: string[];
  accessExpiresAt: string;
}

/** State viewers are created from the command line (the contract refuses them here). */
export const INVITABLE_ROLES = ROLES.filter((r) => r !== 'state_viewer');

interface RoleFieldsProps {
  idPrefix: string;
  districtId: string;
  draft: RoleDraft;
  onChange: (draft: RoleDraft) => void;
  error: unknown;
}

/**
 * Role and what the role needs: support staff a profession, school-scoped roles their schools
 * (FERPA need-to-know), auditors an end date. Fields appear only for the role that needs them.
 */
export function RoleFields({ idPrefix, districtId, draft, onChange, error }: RoleFieldsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof RoleDraft>(key: K, value: RoleDraft[K]) => onChange({ ...draft, [key]: value });
  const role = draft.role || null;
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label={t('fields.role')}
        hint={t('hints.role')}
        placeholder={t('common.choose')}
        options={INVITABLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={draft.role}
        onChange={(v) => set('role', v as Role | '')}
        error={issueOf(error, 'role')}
      />
      {role === 'support_staff' && (
        <SelectField
          id={`${idPrefix}-profession`}
          label={t('fields.profession')}
          placeholder={t('common.choose')}
          options={SUPPORT_PROFESSIONS.map((p) => ({ value: p, label: t(`professions.${p}`) }))}
          value={draft.profession}
          onChange={(v) => set('profession', v as SupportProfession | '')}
          error={issueOf(error, 'profession')}
        />
      )}
      {role && isSchoolScoped(role) && (
        <SchoolChoice
          idPrefix={idPrefix}
          districtId={districtId}
          value={draft.schoolIds}
          onChange={(ids) => set('schoolIds', ids)}
          error={issueOf(error, 'schoolIds')}
        />
      )}
      {role === 'auditor' && (
        <DateField
          id={`${idPrefix}-accessExpiresAt`}
          label={t('fields.accessExpiresAt')}
          hint={t('hints.accessExpiresAt')}
          value={draft.accessExpiresAt}
          onChange={(v) => set('accessExpiresAt', v)}
          error={issueOf(error, 'accessExpiresAt')}
        />
      )}
    </>
  );
}

function SchoolChoice({
  idPrefix,
  districtId,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  districtId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const schools = useSchools(districtId, { limit: PAGE_SIZE_MAX, offset: 0 });
  const errorId = `${idPrefix}-schools-error`;
  const toggle = (id: string, checked: boolean) => onChange(checked ? [...value, id] : value.filter((v) => v !== id));
  return (
    <FormGroup error={!!error}>
      <Fieldset
        legend={t('fields.schools')}
        aria-describedby={error ? errorId : undefined}
        data-invalid-group={error ? '' : undefined}
      >
        {error && <FieldError id={errorId}>{error}</FieldError>}
        {schools.isPending && <Loading label={t('schools.loading')} />}
        {schools.isError && <ApiErrorAlert error={schools.error} heading={t('schools.loadError')} />}
        {schools.data?.items.length === 0 && <p>{t('people.noSchools')}</p>}
        {schools.data?.items.map((s) => (
          <Checkbox
            key={s.id}
            id={`${idPrefix}-school-${s.id}`}
            name={`${idPrefix}-schools`}
            value={s.id}
            label={s.name}
            checked={value.includes(s.id)}
            onChange={(e) => toggle(s.id, e.target.checked)}
          />
        ))}
      </Fieldset>
    </FormGroup>
  );
}

export function roleAssignmentOf(draft: RoleDraft) {
  const role = draft.role as Role;
  return {
    role,
    profession: role === 'support_staff' && draft.profession ? draft.profession : null,
    schoolIds: role && isSchoolScoped(role) ? draft.schoolIds : [],
    accessExpiresAt: role === 'auditor' && draft.accessExpiresAt ? draft.accessExpiresAt : null,
  };
}
