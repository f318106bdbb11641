import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { UpdateSchoolInputSchema, type School, type UpdateSchoolInput } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatNumber, gradeRange } from '../../components/format';
import { useFocusFirstError } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { NotFoundPage } from '../public/not-found-page';
import { useCan } from '../staff/me-context';
import { SchoolFields, draftOf, enrollmentOf } from './school-fields';
import { useSchool, useUpdateSchool } from './schools.api';

export function SchoolEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const school = useSchool(id);
  if (school.isPending) return <Loading />;
  if (isApiError(school.error, 404)) return <NotFoundPage homeTo="/app" />;
  if (school.isError)
    return (
      <section className="usa-section">
        <PageTitle>{t('schools.editTitle')}</PageTitle>
        <ApiErrorAlert error={school.error} />
      </section>
    );
  return <SchoolEditor key={school.data.id} school={school.data} />;
}

function SchoolEditor({ school }: { school: School }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const update = useUpdateSchool(school.id);
  const [draft, setDraft] = useState(() => draftOf(school));
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? update.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = draftOf(school);
    const input: UpdateSchoolInput = {};
    if (draft.name !== before.name) input.name = draft.name;
    if (draft.gradeLow !== before.gradeLow) input.gradeLow = draft.gradeLow || undefined;
    if (draft.gradeHigh !== before.gradeHigh) input.gradeHigh = draft.gradeHigh || undefined;
    if (draft.enrollment !== before.enrollment) input.enrollment = enrollmentOf(draft);
    if (Object.keys(input).length > 0 && check(UpdateSchoolInputSchema, input)) update.mutate(input);
  };

  return (
    <section className="usa-section">
      <p>
        <Link to="/app/schools">{t('schools.back')}</Link>
      </p>
      <PageTitle>{school.name}</PageTitle>
      <dl className="site-facts">
        <dt>{t('fields.ncesSchoolId')}</dt>
        <dd className="font-mono-xs">{school.ncesSchoolId}</dd>
        <dt>{t('schools.grades')}</dt>
        <dd>{gradeRange(school.gradeLow, school.gradeHigh, t)}</dd>
        <dt>{t('schools.enrollment')}</dt>
        <dd>{formatNumber(school.enrollment, i18n.language)}</dd>
      </dl>
      {can('school.update') && (
        <section aria-labelledby="edit-school-heading">
          <h2 id="edit-school-heading">{t('schools.editHeading')}</h2>
          {update.isSuccess && !invalid && <Alert type="success" heading={t('common.saved')} live slim />}
          <ApiErrorAlert error={error} shownFields={['name', 'gradeLow', 'gradeHigh', 'enrollment']} />
          <Form ref={form} onSubmit={submit} noValidate large>
            <SchoolFields idPrefix="school" draft={draft} onChange={setDraft} error={error} withNcesId={false} />
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </Button>
          </Form>
        </section>
      )}
    </section>
  );
}
