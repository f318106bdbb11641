import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from '@trussworks/react-uswds';
import { AssignmentCreateInputSchema, type ComplianceReasonWire, type OfficerDetail } from '@forefront/contract';
import { ApiError, issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, SelectField, useFocusFirstError } from '../../components/form-fields';
import { complianceWords } from './compliance-words';
import { useAssign } from './officers.api';

/** The gate's refusal or warning, if that is what the error is: its reasons as the evaluator gave them. */
function gateAnswer(
  error: unknown,
): { kind: 'block' | 'warn'; reasons: Pick<ComplianceReasonWire, 'code' | 'params'>[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const reason = error.params.reason;
  if (reason !== 'training_gate' && reason !== 'training_warning') return null;
  return {
    kind: reason === 'training_gate' ? 'block' : 'warn',
    reasons: error.issues.map((i) => ({
      code: i.code as ComplianceReasonWire['code'],
      params: i.params ?? {},
    })),
  };
}

/**
 * "Assign to a school": the server's gate answers. Blocked: the reasons in plain words and what to
 * do (an exception); warned: the reasons and "Assign anyway".
 */
export function AssignForm({ officer, schools }: { officer: OfficerDetail; schools: { id: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const assign = useAssign(officer.id);
  const [schoolId, setSchoolId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const gate = invalid ? null : gateAnswer(assign.error);
  const error = invalid ?? (gate ? null : assign.error);
  useFocusFirstError(form, error);

  const send = (confirmWarning: boolean) => {
    const input = { schoolId, startsOn, ...(confirmWarning && { confirmWarning }) };
    if (check(AssignmentCreateInputSchema, input))
      assign.mutate(input, {
        onSuccess: () => {
          setSchoolId('');
          setStartsOn('');
        },
      });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(false);
  };
  const reasonList = gate && (
    <ul>
      {gate.reasons.map((r, i) => (
        <li key={i}>{complianceWords(r, t, i18n.language, officer.credentialTypes)}</li>
      ))}
    </ul>
  );

  return (
    <section aria-labelledby="assign-heading" className="margin-top-4">
      <h2 id="assign-heading">{t('officers.assignHeading')}</h2>
      <p>{t(`officers.gateModes.${officer.gateMode}`)}</p>
      {assign.isSuccess && <Alert type="success" heading={t('officers.assigned')} live slim />}
      {gate?.kind === 'block' && (
        <Alert type="error" heading={t('officers.blockedHeading')} live>
          <p className="margin-0">{t('officers.blockedBody')}</p>
          {reasonList}
        </Alert>
      )}
      {gate?.kind === 'warn' && (
        <Alert type="warning" heading={t('officers.warnHeading')} live>
          <p className="margin-0">{t('officers.warnBody')}</p>
          {reasonList}
          <Button type="button" onClick={() => send(true)} disabled={assign.isPending}>
            {t('officers.assignAnyway')}
          </Button>
        </Alert>
      )}
      <ApiErrorAlert error={error} shownFields={['schoolId', 'startsOn']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <SelectField
          id="assign-school"
          label={t('officers.school')}
          value={schoolId}
          onChange={setSchoolId}
          placeholder={t('officers.chooseSchool')}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          error={issueOf(error, 'schoolId')}
        />
        <DateField
          id="assign-start"
          label={t('officers.startsOn')}
          value={startsOn}
          onChange={setStartsOn}
          error={issueOf(error, 'startsOn')}
        />
        <Button type="submit" disabled={assign.isPending}>
          {t('officers.assignButton')}
        </Button>
      </Form>
    </section>
  );
}
