import { useRef, useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { ReviewInputSchema, type IncidentDetail } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField, useFocusFirstError } from '../../components/form-fields';
import { NativeField, RadioGroup } from './choice-fields';
import { toIso, toLocalInput } from './incident-draft';
import { useRecordReview } from './incidents.api';

/**
 * The administrator's review before an arrest or referral. The review is recorded with the time
 * it actually happened (often earlier, by phone), which is what the MOU's review rule checks.
 */
export function ReviewForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const review = useRecordReview(incident);
  const [studentId, setStudentId] = useState('');
  const [reviewedAt, setReviewedAt] = useState(() => toLocalInput(new Date()));
  const [decision, setDecision] = useState<'approved' | 'declined' | ''>('');
  const [note, setNote] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? review.error;
  useFocusFirstError(form, error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { studentId: studentId || null, reviewedAt: toIso(reviewedAt), decision, note };
    if (!check(ReviewInputSchema, input)) return;
    review.mutate(ReviewInputSchema.parse(input), { onSuccess: () => setNote('') });
  };

  return (
    <section aria-labelledby="review-form-heading" className="site-no-print">
      <h3 id="review-form-heading">{t('incidents.review.formHeading')}</h3>
      <p>{t('incidents.review.formIntro')}</p>
      {review.isSuccess && !invalid && <Alert type="success" heading={t('incidents.review.recorded')} live slim />}
      <ApiErrorAlert
        error={error}
        heading={t('incidents.review.failed')}
        shownFields={['reviewedAt', 'decision', 'studentId']}
      />
      <Form ref={form} onSubmit={submit} noValidate>
        <SelectField
          id="review-student"
          label={t('incidents.review.student')}
          isOptional
          placeholder={t('incidents.review.wholeIncident')}
          value={studentId}
          onChange={setStudentId}
          options={incident.students.map((s) => ({ value: s.studentId, label: s.name }))}
          error={issueOf(error, 'studentId')}
        />
        <NativeField
          id="review-reviewedAt"
          type="datetime-local"
          label={t('incidents.review.reviewedAt')}
          hint={t('incidents.review.reviewedAtHint')}
          value={reviewedAt}
          onChange={(v) => setReviewedAt(v)}
          error={issueOf(error, 'reviewedAt')}
        />
        <RadioGroup
          id="review-decision"
          legend={t('incidents.review.decision')}
          value={decision}
          onChange={setDecision}
          options={(['approved', 'declined'] as const).map((d) => ({
            value: d,
            label: t(`incidents.review.decisions.${d}`),
          }))}
          error={issueOf(error, 'decision')}
        />
        <FormGroup>
          <Label htmlFor="review-note">
            {t('incidents.review.note')} <span className="text-base-dark">{t('common.optional')}</span>
          </Label>
          <Textarea id="review-note" name="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </FormGroup>
        <Button type="submit" disabled={review.isPending}>
          {t('incidents.review.record')}
        </Button>
      </Form>
    </section>
  );
}
