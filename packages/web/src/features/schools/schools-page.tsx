import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { CreateSchoolInputSchema, PAGE_SIZE_DEFAULT, type CreateSchoolInput, type School } from '@forefront/contract';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatNumber, gradeRange } from '../../components/format';
import { useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { SchoolFields, emptySchoolDraft, enrollmentOf, type Grade } from './school-fields';
import { useCreateSchool, useSchools } from './schools.api';

export function SchoolsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search] = useSearchParams();
  const page = pageFromSearch(search, PAGE_SIZE_DEFAULT);
  const schools = useSchools(district.id, page);

  return (
    <section className="usa-section">
      <PageTitle>{t('schools.title')}</PageTitle>
      <p className="usa-intro">{t('schools.intro', { district: district.name })}</p>
      <QueryView
        query={schools}
        loadingLabel={t('schools.loading')}
        errorHeading={t('schools.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          schools.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('schools.emptyHeading')}>
              {can('school.create') ? t('schools.emptyCanAdd') : t('schools.empty')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <SchoolsTable
              schools={p.items}
              caption={t('schools.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('schools.pagerLabel')} />
          </>
        )}
      </QueryView>
      {can('school.create') && <AddSchool districtId={district.id} />}
    </section>
  );
}

function SchoolsTable({ schools, caption }: { schools: School[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId="schools-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('schools.name')}</th>
          <th scope="col">{t('schools.ncesSchoolId')}</th>
          <th scope="col">{t('schools.grades')}</th>
          <th scope="col" className="text-right">
            {t('schools.enrollment')}
          </th>
        </tr>
      </thead>
      <tbody>
        {schools.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <Link to={`/app/schools/${encodeURIComponent(s.id)}`}>{s.name}</Link>
            </th>
            <td className="font-mono-xs">{s.ncesSchoolId}</td>
            <td>{gradeRange(s.gradeLow, s.gradeHigh, t)}</td>
            <td className="text-right">{formatNumber(s.enrollment, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function AddSchool({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const create = useCreateSchool(districtId);
  const [draft, setDraft] = useState(emptySchoolDraft);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? create.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: CreateSchoolInput = {
      ncesSchoolId: draft.ncesSchoolId,
      name: draft.name,
      gradeLow: draft.gradeLow as Grade,
      gradeHigh: draft.gradeHigh as Grade,
      enrollment: enrollmentOf(draft),
    };
    if (check(CreateSchoolInputSchema, input)) create.mutate(input, { onSuccess: () => setDraft(emptySchoolDraft) });
  };

  return (
    <section aria-labelledby="add-school-heading" className="margin-top-6">
      <h2 id="add-school-heading">{t('schools.addHeading')}</h2>
      {create.isSuccess && !invalid && (
        <Alert type="success" heading={t('schools.added', { name: create.data.name })} live slim />
      )}
      <ApiErrorAlert
        error={error}
        heading={t('schools.addFailed')}
        shownFields={['ncesSchoolId', 'name', 'gradeLow', 'gradeHigh', 'enrollment']}
      />
      <Form ref={form} onSubmit={submit} noValidate large>
        <SchoolFields idPrefix="new-school" draft={draft} onChange={setDraft} error={error} withNcesId />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('schools.add')}
        </Button>
      </Form>
    </section>
  );
}
