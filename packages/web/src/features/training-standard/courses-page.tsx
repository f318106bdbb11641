import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { type CredentialTypeView, TOPIC_LABELS, TRAINING_TOPICS, type TrainingTopic } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-fields';
import { formatNumber } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { Checkbox, RadioGroup } from '../incidents/choice-fields';
import { useCan, useOwnDistrict } from '../staff/me-context';
import { CredentialTypesSection } from './credential-types';
import { useCourses, useCreateCourse, useCredentialTypes, useUpdateCourse } from './training-standard.api';

const PAGE = 25;

/** /app/training/courses: the course catalog (paginated), a form to add a course, and the credential types. */
export function TrainingCoursesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const districtId = useOwnDistrict()!.id;
  const canEdit = useCan()('training.standard');
  const [search, setSearch] = useSearchParams();
  const show = search.get('show') === 'all' ? 'all' : 'active';
  const page = pageFromSearch(search, PAGE);
  const courses = useCourses(districtId, { ...page, ...(show === 'active' && { active: 'true' as const }) });
  const types = useCredentialTypes(districtId);
  const update = useUpdateCourse(districtId);
  const typeName = (key: string | null) => {
    const c = types.data?.items.find((x) => x.key === key);
    return key === null ? t('trainingStandard.none') : c ? (lang === 'es' ? c.nameEs : c.nameEn) : key;
  };
  return (
    <section className="usa-section">
      <PageTitle>{t('trainingStandard.coursesTitle')}</PageTitle>
      <p className="usa-intro">{t('trainingStandard.coursesIntro')}</p>
      <RadioGroup<'active' | 'all'>
        id="show"
        legend={t('trainingStandard.showLegend')}
        value={show}
        onChange={(v) => setSearch(v === 'all' ? { show: 'all' } : {})}
        options={[
          { value: 'active', label: t('trainingStandard.showActive') },
          { value: 'all', label: t('trainingStandard.showAll') },
        ]}
      />
      {update.isError && <ApiErrorAlert error={update.error} heading={t('trainingStandard.courseError')} />}
      <QueryView query={courses} isEmpty={(p) => p.total === 0} empty={<p>{t('trainingStandard.noCourses')}</p>}>
        {(p) => (
          <>
            <DataTable caption={t('trainingStandard.coursesCaption')} captionId="courses-caption">
              <thead>
                <tr>
                  <th scope="col">{t('trainingStandard.colTitle')}</th>
                  <th scope="col">{t('trainingStandard.colProvider')}</th>
                  <th scope="col">{t('trainingStandard.colHours')}</th>
                  <th scope="col">{t('trainingStandard.colTopics')}</th>
                  <th scope="col">{t('trainingStandard.colCredential')}</th>
                  <th scope="col">{t('trainingStandard.colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    <td>{c.provider}</td>
                    <td>{formatNumber(c.hours, i18n.language)}</td>
                    <td>{c.topics.map((x) => TOPIC_LABELS[x][lang]).join('; ')}</td>
                    <td>{typeName(c.credentialKey)}</td>
                    <td>
                      {c.active ? t('trainingStandard.active') : t('trainingStandard.inactive')}
                      {canEdit && (
                        <Button
                          type="button"
                          unstyled
                          className="display-block margin-top-05"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ id: c.id, active: !c.active })}
                        >
                          {c.active
                            ? t('trainingStandard.deactivate', { title: c.title })
                            : t('trainingStandard.reactivate', { title: c.title })}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            <Pager total={p.total} limit={p.limit} offset={p.offset} />
          </>
        )}
      </QueryView>
      {canEdit && types.data && <AddCourseForm districtId={districtId} types={types.data.items} />}
      <QueryView query={types}>
        {(list) => <CredentialTypesSection districtId={districtId} types={list.items} canEdit={canEdit} />}
      </QueryView>
    </section>
  );
}

function AddCourseForm({ districtId, types }: { districtId: string; types: readonly CredentialTypeView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const create = useCreateCourse(districtId);
  const [title, setTitle] = useState('');
  const [provider, setProvider] = useState('');
  const [hours, setHours] = useState('');
  const [topics, setTopics] = useState<TrainingTopic[]>([]);
  const [credential, setCredential] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title,
        provider,
        hours: hours.trim() === '' ? Number.NaN : Number(hours),
        topics,
        credentialKey: credential || null,
      },
      {
        onSuccess: () => {
          setTitle('');
          setProvider('');
          setHours('');
          setTopics([]);
          setCredential('');
        },
      },
    );
  };
  return (
    <>
      <h2>{t('trainingStandard.addCourseHeading')}</h2>
      <Form onSubmit={submit} large noValidate aria-label={t('trainingStandard.addCourseHeading')}>
        <TextField
          id="course-title"
          label={t('trainingStandard.courseTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField
          id="course-provider"
          label={t('trainingStandard.provider')}
          value={provider}
          onChange={(e) => setProvider(e.target.value)}
        />
        <TextField
          id="course-hours"
          label={t('trainingStandard.colHours')}
          hint={t('trainingStandard.courseHoursHint')}
          inputMode="decimal"
          className="maxw-card"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t('trainingStandard.topicsLegend')}</legend>
          {TRAINING_TOPICS.map((topic) => (
            <Checkbox
              key={topic}
              id={`course-topic-${topic}`}
              label={TOPIC_LABELS[topic][lang]}
              checked={topics.includes(topic)}
              onChange={(on) =>
                setTopics((ts) =>
                  on ? TRAINING_TOPICS.filter((x) => x === topic || ts.includes(x)) : ts.filter((x) => x !== topic),
                )
              }
            />
          ))}
        </fieldset>
        <SelectField
          id="course-credential"
          label={t('trainingStandard.courseCredential')}
          isOptional
          value={credential}
          onChange={setCredential}
          placeholder={t('trainingStandard.noCredential')}
          options={types.map((c) => ({ value: c.key, label: lang === 'es' ? c.nameEs : c.nameEn }))}
        />
        {create.isError && <ApiErrorAlert error={create.error} heading={t('trainingStandard.courseError')} />}
        {create.isSuccess && (
          <Alert type="success" slim live>
            {t('trainingStandard.courseAdded', { title: create.data.title })}
          </Alert>
        )}
        <Button type="submit" disabled={create.isPending}>
          {t('trainingStandard.addCourse')}
        </Button>
      </Form>
    </>
  );
}
