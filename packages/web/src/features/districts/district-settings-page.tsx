import { useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { UpdateDistrictInputSchema, type District, type UpdateDistrictInput } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDateTime } from '../../components/format';
import { TextField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { SchoolYearStartField, TimeZoneField } from './clock-fields';
import { useDistrict, useUpdateDistrict } from './districts.api';

const formatMonthDay = (mmdd: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(2001, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3, 5))),
  );

export function DistrictSettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const district = useDistrict(me.district!.id);
  return (
    <section className="usa-section">
      <PageTitle>{t('districtSettings.title')}</PageTitle>
      <QueryView query={district}>{(d) => <DistrictSettings district={d} />}</QueryView>
    </section>
  );
}

function DistrictSettings({ district }: { district: District }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const update = useUpdateDistrict(district.id);
  const [name, setName] = useState(district.name);
  const [minN, setMinN] = useState(String(district.suppressionMinN));
  const [timeZone, setTimeZone] = useState(district.timeZone);
  const [yearStart, setYearStart] = useState(district.schoolYearStart);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? update.error;
  useFocusFirstError(form, error);

  const facts = (
    <dl className="site-facts">
      <dt>{t('fields.ncesLeaId')}</dt>
      <dd>{district.ncesLeaId}</dd>
      <dt>{t('fields.state')}</dt>
      <dd>{district.state}</dd>
      <dt>{t('districtSettings.createdAt')}</dt>
      <dd>{formatDateTime(district.createdAt, i18n.language)}</dd>
    </dl>
  );

  if (!can('district.update'))
    return (
      <>
        {facts}
        <dl className="site-facts">
          <dt>{t('fields.districtName')}</dt>
          <dd>{district.name}</dd>
          <dt>{t('fields.suppressionMinN')}</dt>
          <dd>{district.suppressionMinN}</dd>
          <dt>{t('clock.timeZone')}</dt>
          <dd>{district.timeZone}</dd>
          <dt>{t('clock.schoolYearStart')}</dt>
          <dd>{formatMonthDay(district.schoolYearStart, i18n.language)}</dd>
        </dl>
      </>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Send only what changed, so the audit event names exactly the fields that moved.
    const input: UpdateDistrictInput = {};
    if (name !== district.name) input.name = name;
    const n = Number(minN);
    if (minN.trim() !== '' && n !== district.suppressionMinN)
      input.suppressionMinN = Number.isInteger(n) ? n : Number.NaN;
    if (timeZone !== district.timeZone) input.timeZone = timeZone;
    if (yearStart !== district.schoolYearStart) input.schoolYearStart = yearStart;
    if (Object.keys(input).length === 0) return;
    if (check(UpdateDistrictInputSchema, input)) update.mutate(input);
  };

  return (
    <>
      {facts}
      {update.isSuccess && <Alert type="success" heading={t('districtSettings.saved')} live slim />}
      <ApiErrorAlert error={error} shownFields={['name', 'suppressionMinN', 'timeZone', 'schoolYearStart']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="name"
          label={t('fields.districtName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={issueOf(error, 'name')}
        />
        <TextField
          id="suppressionMinN"
          type="number"
          inputSize="small"
          min={5}
          max={30}
          label={t('fields.suppressionMinN')}
          hint={t('hints.suppressionMinN')}
          value={minN}
          onChange={(e) => setMinN(e.target.value)}
          error={issueOf(error, 'suppressionMinN')}
        />
        <TimeZoneField
          id="timeZone"
          value={timeZone}
          onChange={setTimeZone}
          error={issueOf(error, 'timeZone') && t('clock.invalidTimeZone')}
        />
        <SchoolYearStartField
          id="schoolYearStart"
          value={yearStart}
          onChange={setYearStart}
          error={issueOf(error, 'schoolYearStart') && t('clock.invalidSchoolYearStart')}
        />
        <p className="usa-hint">{t('clock.recomputeNote')}</p>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </Button>
      </Form>
    </>
  );
}
