import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LANGS, MOU_TEMPLATES, type MouLanguage, type MouTemplate, pickLang } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { DateField, SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan, useOwnDistrict } from '../staff/me-context';
import { CompletenessText, MouStatusTag, ReminderText } from './mou-badges';
import { useCreateMou, useMous } from './mous.api';

export function MousPage() {
  const { t, i18n } = useTranslation();
  const district = useOwnDistrict()!;
  const can = useCan();
  const mous = useMous(district.id);
  return (
    <section className="usa-section">
      <PageTitle>{t('mous.title')}</PageTitle>
      <p className="usa-intro">{t('mous.intro')}</p>
      <QueryView
        query={mous}
        loadingLabel={t('mous.loading')}
        isEmpty={(d) => d.items.length === 0}
        empty={<p>{t('mous.empty')}</p>}
      >
        {(data) => (
          <DataTable captionId="mous-caption" caption={t('mous.listCaption', { district: district.name })}>
            <thead>
              <tr>
                <th scope="col">{t('mous.fields.title')}</th>
                <th scope="col">{t('mous.fields.status')}</th>
                <th scope="col">{t('mous.fields.completeness')}</th>
                <th scope="col">{t('mous.fields.nextReview')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/app/mous/${m.id}`}>{m.title}</Link>
                    <div className="font-body-3xs text-base-dark">{m.agencyName}</div>
                  </th>
                  <td>
                    <MouStatusTag status={m.status} />
                    {m.latestStatus !== m.status && (
                      <div className="font-body-3xs margin-top-05">
                        {t('mous.latestIs', { version: m.latestVersion, status: t(`mous.status.${m.latestStatus}`) })}
                      </div>
                    )}
                  </td>
                  <td>
                    <CompletenessText completeness={m.completeness} />
                  </td>
                  <td>
                    {formatDate(m.nextReviewDate, i18n.language)}
                    {m.reminder && (
                      <div className="text-secondary-dark text-bold font-body-3xs">
                        <ReminderText reminder={m.reminder} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryView>
      {can('mou.write') && <CreateMouForm districtId={district.id} />}
    </section>
  );
}

function CreateMouForm({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateMou(districtId);
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const [template, setTemplate] = useState<MouTemplate>('comprehensive');
  // The agreement starts in the language the person reads the app in; they may choose the other.
  const [language, setLanguage] = useState<MouLanguage>(pickLang(i18n.language));
  const [effectiveDate, setEffectiveDate] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  useFocusFirstError(form, create.error);
  const err = (path: string) => issueOf(create.error, path);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, agencyName, template, effectiveDate, language, ...(reviewDate && { reviewDate }) },
      { onSuccess: (mou) => void navigate(`/app/mous/${mou.id}`) },
    );
  };
  return (
    <form ref={form} className="usa-form usa-form--large margin-top-5" onSubmit={submit} noValidate>
      <h2>{t('mous.create.heading')}</h2>
      <p>{t('mous.create.intro')}</p>
      {create.isError && <ApiErrorAlert error={create.error} />}
      <TextField
        id="mou-title"
        label={t('mous.fields.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={err('title')}
      />
      <TextField
        id="mou-agency"
        label={t('mous.fields.agencyName')}
        hint={t('mous.create.agencyHint')}
        value={agencyName}
        onChange={(e) => setAgencyName(e.target.value)}
        error={err('agencyName')}
      />
      <SelectField
        id="mou-template"
        label={t('mous.fields.template')}
        hint={t('mous.create.templateHint')}
        value={template}
        onChange={(v) => setTemplate(v as MouTemplate)}
        options={(Object.keys(MOU_TEMPLATES) as MouTemplate[]).map((k) => ({
          value: k,
          label: t(`mous.templates.${k}`, { count: MOU_TEMPLATES[k].length }),
        }))}
        error={err('template')}
      />
      <SelectField
        id="mou-language"
        label={t('mouLanguage.fieldLabel')}
        hint={t('mouLanguage.fieldHint')}
        value={language}
        onChange={(v) => setLanguage(pickLang(v))}
        options={LANGS.map((l) => ({ value: l, label: t(`mouLanguage.options.${l}`) }))}
        error={err('language')}
      />
      <DateField
        id="mou-effective"
        label={t('mous.fields.effectiveDate')}
        value={effectiveDate}
        onChange={setEffectiveDate}
        error={err('effectiveDate')}
      />
      <DateField
        id="mou-review"
        label={t('mous.fields.reviewDate')}
        hint={t('mous.create.reviewHint')}
        isOptional
        value={reviewDate}
        onChange={setReviewDate}
        error={err('reviewDate')}
      />
      <button type="submit" className="usa-button" disabled={create.isPending}>
        {t('mous.create.submit')}
      </button>
    </form>
  );
}
