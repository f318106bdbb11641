import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { PAGE_SIZE_DEFAULT, type Student } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { useStudents } from './students.api';

/**
 * The district roster. Search, school and page live in the address, so a filtered page can be
 * bookmarked and the back button works. Officers and principals see their own schools only.
 */
export function StudentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const schoolId = search.get('school') ?? '';
  const [draft, setDraft] = useState(q);
  const schools = useSchools(district.id, { limit: 200, offset: 0 });
  const schoolName = new Map((schools.data?.items ?? []).map((s) => [s.id, s.name]));
  const students = useStudents(district.id, {
    ...pageFromSearch(search, PAGE_SIZE_DEFAULT),
    ...(q && { q }),
    ...(schoolId && { schoolId }),
  });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    next.delete('page');
    setSearch(next);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() });
  };
  const filtered = Boolean(q || schoolId);

  return (
    <section className="usa-section">
      <PageTitle>{t('students.title')}</PageTitle>
      <p className="usa-intro">{t('students.intro', { district: district.name })}</p>
      {can('student.import') && (
        <p>
          <Link className="usa-button usa-button--outline" to="/app/students/import">
            {t('students.importLink')}
          </Link>
        </p>
      )}
      <form
        className="grid-row grid-gap-2 flex-align-end margin-bottom-2"
        role="search"
        aria-label={t('students.searchLabel')}
        onSubmit={onSearch}
      >
        <div className="grid-col-12 tablet:grid-col-5">
          <TextField
            id="student-q"
            enterKeyHint="search"
            label={t('students.search')}
            hint={t('students.searchHint')}
            isOptional
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={100}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-4">
          <SelectField
            id="student-school"
            label={t('students.school')}
            isOptional
            value={schoolId}
            onChange={(v) => update({ school: v })}
            placeholder={t('students.allSchools')}
            options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-3">
          <Button type="submit" className="margin-bottom-1">
            {t('students.searchButton')}
          </Button>
        </div>
      </form>
      <QueryView
        query={students}
        loadingLabel={t('students.loading')}
        errorHeading={t('students.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          students.data?.total ? (
            <PageOutOfRange />
          ) : filtered ? (
            <Alert type="info" heading={t('students.noMatchHeading')}>
              {t('students.noMatch')}
            </Alert>
          ) : (
            <EmptyRoster canImport={can('student.import')} districtId={district.id} />
          )
        }
      >
        {(p) => (
          <>
            <StudentsTable
              students={p.items}
              schoolName={schoolName}
              caption={t('students.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('students.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** How a roster gets here: the web import for administrators, and the command for operators. */
function EmptyRoster({ canImport, districtId }: { canImport: boolean; districtId: string }) {
  const { t } = useTranslation();
  return (
    <Alert type="info" heading={t('students.emptyHeading')}>
      <p>{t('students.emptyIntro')}</p>
      {canImport ? (
        <>
          <p>
            <Link to="/app/students/import">{t('students.emptyImportLink')}</Link>
          </p>
          <p>{t('students.emptyCli')}</p>
          <pre className="font-mono-2xs bg-base-lightest padding-1 overflow-x-auto">{`npx forefront students import --district ${districtId} \\\n  --users users.csv --demographics demographics.csv --flags flags.csv`}</pre>
        </>
      ) : (
        <p>{t('students.emptyAskAdmin')}</p>
      )}
    </Alert>
  );
}

function StudentsTable({
  students,
  schoolName,
  caption,
}: {
  students: Student[];
  schoolName: Map<string, string>;
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    <DataTable captionId="students-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('students.name')}</th>
          <th scope="col">{t('students.localId')}</th>
          <th scope="col">{t('students.school')}</th>
          <th scope="col">{t('students.grade')}</th>
          <th scope="col">{t('students.race')}</th>
          <th scope="col">{t('students.sex')}</th>
          <th scope="col">{t('students.services')}</th>
        </tr>
      </thead>
      <tbody>
        {students.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              {s.familyName}, {s.givenName}
              {!s.active && <span className="usa-tag margin-left-1">{t('students.inactive')}</span>}
            </th>
            <td>{s.localId}</td>
            <td>{schoolName.get(s.schoolId) ?? '—'}</td>
            <td>{t(`students.grades.${s.grade}`)}</td>
            <td>{t(`students.races.${s.race}`)}</td>
            <td>{t(`students.sexes.${s.sex}`)}</td>
            <td>{servicesOf(s, t) || '—'}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function servicesOf(s: Student, t: (key: string) => string): string {
  return [
    s.idea && t('students.idea'),
    s.section504 && t('students.section504'),
    s.englishLearner && t('students.englishLearner'),
  ]
    .filter(Boolean)
    .join(', ');
}
