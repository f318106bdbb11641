import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Fieldset, FormGroup, Label } from '@trussworks/react-uswds';
import {
  type CreateTrainingRecordInput,
  type OfficerTrainingRecords,
  TOPIC_LABELS,
  TRAINING_TOPICS,
  type TrainingTopic,
} from '@forefront/contract';
import { issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, FieldError, SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { type RecordOwner, useAddTrainingRecord, useUploadCertificate } from './training-records.api';

const EMPTY = { title: '', provider: '', hours: '', completedOn: '', expiresOn: '', credentialKey: '' };

/**
 * A completion record with its certificate: the record is saved first, then the certificate is
 * uploaded to it. A refused certificate (wrong type, too large) leaves the saved record and lets
 * the reader choose another file for it.
 */
export function RecordForm({
  owner,
  submitLabel,
  choices,
}: {
  owner: RecordOwner;
  submitLabel: string;
  /** The district's catalog courses and credential types (from the records' answer). */
  choices: Pick<OfficerTrainingRecords, 'courses' | 'credentialTypes'>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const [v, setV] = useState(EMPTY);
  const [topics, setTopics] = useState<TrainingTopic[]>([]);
  const [courseId, setCourseId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const add = useAddTrainingRecord(owner);
  const upload = useUploadCertificate(owner);
  const form = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useFocusFirstError(form, missing.length > 0 ? missing : (add.error ?? upload.error));

  /** A catalog course fills the fields; the reader may still change any of them. */
  const pickCourse = (id: string) => {
    setCourseId(id);
    const c = choices.courses.find((x) => x.id === id);
    if (!c) return;
    setV((old) => ({
      ...old,
      title: c.title,
      provider: c.provider,
      hours: String(c.hours),
      credentialKey: c.credentialKey ?? '',
    }));
    setTopics(c.topics);
  };
  const set = (k: keyof typeof EMPTY) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const err = (field: keyof typeof EMPTY) =>
    missing.includes(field) ? t('validation.required') : issueOf(add.error, field);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    let recordId = savedId;
    if (recordId === null) {
      const need = (['title', 'provider', 'hours', 'completedOn'] as const).filter((k) => v[k].trim() === '');
      setMissing(need);
      if (need.length > 0) return;
      const input: CreateTrainingRecordInput = {
        title: v.title.trim(),
        provider: v.provider.trim(),
        hours: Number(v.hours),
        topics,
        completedOn: v.completedOn,
        ...(v.expiresOn && { expiresOn: v.expiresOn }),
        ...(v.credentialKey && { credentialKey: v.credentialKey }),
        ...(courseId && { courseId }),
      };
      const saved = await add.mutateAsync(input).catch(() => null);
      if (!saved) return;
      recordId = saved.id;
    }
    if (file) {
      setSavedId(recordId);
      const ok = await upload.mutateAsync({ recordId, file }).catch(() => null);
      if (!ok) return;
    }
    setSavedId(null);
    setV(EMPTY);
    setTopics([]);
    setCourseId('');
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    setDone(true);
  };

  return (
    <form ref={form} className="usa-form usa-form--large" onSubmit={(e) => void onSubmit(e)} noValidate>
      {done && (
        <Alert type="success" heading={t('trainingRecords.form.saved')} live slim>
          {null}
        </Alert>
      )}
      {add.isError && (
        <ApiErrorAlert error={add.error} heading={t('trainingRecords.form.failed')} shownFields={Object.keys(EMPTY)} />
      )}
      {upload.isError && <ApiErrorAlert error={upload.error} heading={t('trainingRecords.form.certificateFailed')} />}
      <fieldset className="usa-fieldset" disabled={savedId !== null}>
        {choices.courses.length > 0 && (
          <SelectField
            id="courseId"
            isOptional
            label={t('trainingRecords.form.course')}
            hint={t('trainingRecords.form.courseHint')}
            value={courseId}
            onChange={pickCourse}
            error={issueOf(add.error, 'courseId')}
            placeholder={t('trainingRecords.form.typeCourse')}
            options={choices.courses.map((c) => ({ value: c.id, label: `${c.title} (${c.provider})` }))}
          />
        )}
        <TextField
          id="title"
          label={t('trainingRecords.form.title')}
          value={v.title}
          onChange={(e) => set('title')(e.target.value)}
          error={err('title')}
          maxLength={200}
        />
        <TextField
          id="provider"
          label={t('trainingRecords.form.provider')}
          hint={t('trainingRecords.form.providerHint')}
          value={v.provider}
          onChange={(e) => set('provider')(e.target.value)}
          error={err('provider')}
          maxLength={200}
        />
        <TextField
          id="hours"
          type="number"
          inputMode="decimal"
          step="0.25"
          min="0.25"
          max="400"
          label={t('trainingRecords.form.hours')}
          hint={t('trainingRecords.form.hoursHint')}
          value={v.hours}
          onChange={(e) => set('hours')(e.target.value)}
          error={err('hours')}
        />
        <DateField
          id="completedOn"
          label={t('trainingRecords.form.completedOn')}
          value={v.completedOn}
          onChange={set('completedOn')}
          error={err('completedOn')}
        />
        <DateField
          id="expiresOn"
          isOptional
          label={t('trainingRecords.form.expiresOn')}
          hint={t('trainingRecords.form.expiresOnHint')}
          value={v.expiresOn}
          onChange={set('expiresOn')}
          error={err('expiresOn')}
        />
        <SelectField
          id="credentialKey"
          isOptional
          label={t('trainingRecords.form.credential')}
          value={v.credentialKey}
          onChange={set('credentialKey')}
          error={err('credentialKey')}
          placeholder={t('trainingRecords.form.noCredential')}
          options={choices.credentialTypes.map((c) => ({ value: c.key, label: lang === 'es' ? c.nameEs : c.nameEn }))}
        />
        <Fieldset legend={t('trainingRecords.form.topics')} className="margin-top-3">
          {TRAINING_TOPICS.map((topic) => (
            <Checkbox
              key={topic}
              id={`topic-${topic}`}
              name="topics"
              label={TOPIC_LABELS[topic][lang]}
              checked={topics.includes(topic)}
              onChange={(e) =>
                setTopics((old) => (e.target.checked ? [...old, topic] : old.filter((x) => x !== topic)))
              }
            />
          ))}
        </Fieldset>
      </fieldset>
      <FormGroup error={upload.isError}>
        <Label htmlFor="certificate" error={upload.isError}>
          {t('trainingRecords.form.certificate')} <span className="text-base-dark">{t('common.optional')}</span>
        </Label>
        <div className="usa-hint" id="certificate-hint">
          {t('trainingRecords.form.certificateHint')}
        </div>
        {upload.isError && (
          <FieldError id="certificate-error">{t('trainingRecords.form.certificateChooseAnother')}</FieldError>
        )}
        <input
          ref={fileInput}
          id="certificate"
          name="certificate"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          className="usa-file-input"
          aria-describedby={`certificate-hint${upload.isError ? ' certificate-error' : ''}`}
          aria-invalid={upload.isError ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </FormGroup>
      <Button type="submit" disabled={add.isPending || upload.isPending}>
        {savedId !== null ? t('trainingRecords.form.uploadAgain') : submitLabel}
      </Button>
    </form>
  );
}
