import { useRef, useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_KINDS,
  ACTIVITY_MAX_DAY_HOURS,
  type ActivityKind,
  type ActivityPage,
  ActivityInputSchema,
  localDate,
} from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { formatNumber } from '../../components/format';
import { useCurrentMe } from '../staff/me-context';
import { useActivities, useLogActivity } from './activities.api';

type Officer = ActivityPage['officers'][number];

/**
 * The quick form an officer logs time with: date (today on the district's clock), kind, school,
 * hours in quarters, an optional note. The day's total is shown so the 24-hour cap is never a surprise.
 */
export function ActivityForm({ officers, schools }: { officers: Officer[]; schools: { id: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const district = useCurrentMe().district!;
  const log = useLogActivity(district.id);
  const ownOfficer = officers.find((o) => o.own);
  const [officerId, setOfficerId] = useState(ownOfficer?.id ?? officers[0]?.id ?? '');
  const [activityOn, setActivityOn] = useState(() => localDate(new Date(), district.timeZone));
  const [kind, setKind] = useState<ActivityKind | ''>('');
  const officer = officers.find((o) => o.id === officerId);
  const schoolChoices = officer?.schoolIds.length ? schools.filter((s) => officer.schoolIds.includes(s.id)) : schools;
  const [schoolId, setSchoolId] = useState(schoolChoices.length === 1 ? schoolChoices[0]!.id : '');
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? log.error;
  useFocusFirstError(form, error);
  const day = useActivities(district.id, { officerId, from: activityOn, to: activityOn, limit: 100, offset: 0 });
  const dayHours = (day.data?.items ?? []).reduce((sum, a) => sum + a.hours, 0);
  const noSchool = kind === 'away_from_school';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      activityOn,
      kind,
      hours: hours === '' ? Number.NaN : Number(hours),
      schoolId: noSchool || !schoolId ? null : schoolId,
      ...(note.trim() && { note: note.trim() }),
    };
    if (!check(ActivityInputSchema, input)) return;
    log.mutate(
      { officerId, input: ActivityInputSchema.parse(input) },
      {
        onSuccess: () => {
          setHours('');
          setNote('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="activity-form-heading">
      <h2 id="activity-form-heading">{t('activities.form.heading')}</h2>
      {log.isSuccess && !invalid && (
        <Alert
          type="success"
          heading={t('activities.form.logged', { hours: formatNumber(log.data.hours, i18n.language) })}
          live
          slim
        />
      )}
      <ApiErrorAlert
        error={error}
        heading={t('activities.form.failed')}
        shownFields={['activityOn', 'kind', 'hours', 'schoolId', 'note']}
      />
      <Form ref={form} onSubmit={submit} noValidate className="maxw-none">
        {officers.length > 1 && (
          <SelectField
            id="activity-officer"
            label={t('activities.form.officer')}
            value={officerId}
            onChange={setOfficerId}
            options={officers.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <DateField
          id="activity-date"
          label={t('activities.form.date')}
          value={activityOn}
          onChange={setActivityOn}
          error={issueOf(error, 'activityOn')}
        />
        <p className="usa-hint" aria-live="polite" id="activity-day-total">
          {t('activities.form.dayTotal', {
            hours: formatNumber(dayHours, i18n.language),
            max: ACTIVITY_MAX_DAY_HOURS,
          })}
        </p>
        <SelectField
          id="activity-kind"
          label={t('activities.form.kind')}
          placeholder={t('activities.form.choose')}
          value={kind}
          onChange={(v) => setKind(v as ActivityKind | '')}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kinds.${k}`) }))}
          error={issueOf(error, 'kind')}
        />
        {!noSchool && (
          <SelectField
            id="activity-school"
            label={t('activities.form.school')}
            hint={kind === 'training' ? t('activities.form.schoolTrainingHint') : undefined}
            isOptional={kind === 'training'}
            placeholder={t('activities.form.choose')}
            value={schoolId}
            onChange={setSchoolId}
            options={schoolChoices.map((s) => ({ value: s.id, label: s.name }))}
            error={issueOf(error, 'schoolId')}
          />
        )}
        <TextField
          id="activity-hours"
          type="number"
          inputMode="decimal"
          step="0.25"
          min="0.25"
          max={String(ACTIVITY_MAX_DAY_HOURS)}
          label={t('activities.form.hours')}
          hint={t('activities.form.hoursHint')}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={issueOf(error, 'hours')}
        />
        <FormGroup error={!!issueOf(error, 'note')}>
          <Label htmlFor="activity-note">
            {t('activities.form.note')} <span className="text-base-dark">{t('common.optional')}</span>
          </Label>
          <div className="usa-hint" id="activity-note-hint">
            {t('activities.form.noteHint')}
          </div>
          <Textarea
            id="activity-note"
            name="activity-note"
            maxLength={1000}
            aria-describedby="activity-note-hint"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </FormGroup>
        <Button type="submit" disabled={log.isPending || !officerId}>
          {log.isPending ? t('activities.form.saving') : t('activities.form.submit')}
        </Button>
      </Form>
    </section>
  );
}
