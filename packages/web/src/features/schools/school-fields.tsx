import { GRADES, type School } from '@forefront/contract';
import { useTranslation } from 'react-i18next';
import { issueOf } from '../../api/client';
import { gradeLabel } from '../../components/format';
import { SelectField, TextField } from '../../components/form-fields';

export type Grade = (typeof GRADES)[number];
export interface SchoolDraft {
  ncesSchoolId: string;
  name: string;
  gradeLow: Grade | '';
  gradeHigh: Grade | '';
  enrollment: string;
}

export const emptySchoolDraft: SchoolDraft = {
  ncesSchoolId: '',
  name: '',
  gradeLow: '',
  gradeHigh: '',
  enrollment: '',
};

export function draftOf(school: School): SchoolDraft {
  return {
    ncesSchoolId: school.ncesSchoolId,
    name: school.name,
    gradeLow: school.gradeLow,
    gradeHigh: school.gradeHigh,
    enrollment: String(school.enrollment),
  };
}

/** Empty text is sent as-is so the server's message ("expected a number") names the field. */
export function enrollmentOf(draft: SchoolDraft): number {
  return draft.enrollment.trim() === '' ? Number.NaN : Number(draft.enrollment);
}

interface SchoolFieldsProps {
  idPrefix: string;
  draft: SchoolDraft;
  onChange: (draft: SchoolDraft) => void;
  error: unknown;
  /** The NCES id names the school in federal data; it is fixed once created. */
  withNcesId: boolean;
}

export function SchoolFields({ idPrefix, draft, onChange, error, withNcesId }: SchoolFieldsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof SchoolDraft>(key: K, value: SchoolDraft[K]) => onChange({ ...draft, [key]: value });
  const gradeOptions = GRADES.map((g) => ({ value: g, label: gradeLabel(g, t) }));
  return (
    <>
      {withNcesId && (
        <TextField
          id={`${idPrefix}-ncesSchoolId`}
          label={t('fields.ncesSchoolId')}
          hint={t('hints.ncesSchoolId')}
          inputMode="numeric"
          maxLength={12}
          value={draft.ncesSchoolId}
          onChange={(e) => set('ncesSchoolId', e.target.value.trim())}
          error={issueOf(error, 'ncesSchoolId')}
        />
      )}
      <TextField
        id={`${idPrefix}-name`}
        label={t('fields.schoolName')}
        value={draft.name}
        onChange={(e) => set('name', e.target.value)}
        error={issueOf(error, 'name')}
      />
      <div className="grid-row grid-gap">
        <div className="mobile-lg:grid-col-6">
          <SelectField
            id={`${idPrefix}-gradeLow`}
            label={t('fields.gradeLow')}
            placeholder={t('common.choose')}
            options={gradeOptions}
            value={draft.gradeLow}
            onChange={(v) => set('gradeLow', v as Grade)}
            error={issueOf(error, 'gradeLow')}
          />
        </div>
        <div className="mobile-lg:grid-col-6">
          <SelectField
            id={`${idPrefix}-gradeHigh`}
            label={t('fields.gradeHigh')}
            placeholder={t('common.choose')}
            options={gradeOptions}
            value={draft.gradeHigh}
            onChange={(v) => set('gradeHigh', v as Grade)}
            error={issueOf(error, 'gradeHigh')}
          />
        </div>
      </div>
      <TextField
        id={`${idPrefix}-enrollment`}
        type="number"
        inputSize="small"
        min={0}
        label={t('fields.enrollment')}
        hint={t('hints.enrollment')}
        value={draft.enrollment}
        onChange={(e) => set('enrollment', e.target.value)}
        error={issueOf(error, 'enrollment')}
      />
    </>
  );
}
