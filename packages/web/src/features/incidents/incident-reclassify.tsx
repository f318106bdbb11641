import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ReclassifyInputSchema, type IncidentDetail, type RecordClass } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError } from '../../components/form-fields';
import { useReclassify } from './incidents.api';

/** A district administrator changes the record class, with a reason that goes into the audit log. */
export function ReclassifyForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const reclassify = useReclassify(incident);
  const [reason, setReason] = useState('');
  const { invalid, check } = useClientValidation();
  const error = invalid ?? reclassify.error;
  const target: RecordClass = incident.recordClass === 'education' ? 'law_enforcement_unit' : 'education';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { recordClass: target, reason };
    if (!check(ReclassifyInputSchema, input)) return;
    reclassify.mutate(input, { onSuccess: () => setReason('') });
  };
  const reasonError = issueOf(error, 'reason');
  return (
    <section aria-labelledby="reclassify-heading" className="site-no-print">
      <h3 id="reclassify-heading">{t('incidents.reclassify.heading')}</h3>
      <p>{t('incidents.reclassify.intro', { to: t(`incidents.recordClasses.${target}`) })}</p>
      {reclassify.isSuccess && !invalid && <Alert type="success" heading={t('incidents.reclassify.done')} live slim />}
      <ApiErrorAlert error={error} heading={t('incidents.reclassify.failed')} shownFields={['reason']} />
      <Form onSubmit={submit} noValidate>
        <FormGroup error={!!reasonError}>
          <Label htmlFor="reclassify-reason" error={!!reasonError}>
            {t('incidents.reclassify.reason')}
          </Label>
          <div className="usa-hint" id="reclassify-reason-hint">
            {t('incidents.reclassify.reasonHint')}
          </div>
          {reasonError && <FieldError id="reclassify-reason-error">{reasonError}</FieldError>}
          <Textarea
            id="reclassify-reason"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`reclassify-reason-hint${reasonError ? ' reclassify-reason-error' : ''}`}
            aria-invalid={reasonError ? true : undefined}
            required
          />
        </FormGroup>
        <Button type="submit" secondary disabled={reclassify.isPending}>
          {t('incidents.reclassify.submit', { to: t(`incidents.recordClasses.${target}`) })}
        </Button>
      </Form>
    </section>
  );
}
