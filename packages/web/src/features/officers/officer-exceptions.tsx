import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Textarea } from '@trussworks/react-uswds';
import { ExceptionCreateInputSchema, type AssignmentException, type OfficerDetail } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { DateField, FieldError, SelectField, useFocusFirstError } from '../../components/form-fields';
import { formatDate } from '../../components/format';
import { useApproveException, useRevokeException } from './officers.api';

/** Current, revoked or expired: what a reader needs to know about an exception. */
export function exceptionState(e: AssignmentException): 'current' | 'revoked' | 'expired' {
  return e.current ? 'current' : e.revokedAt ? 'revoked' : 'expired';
}

export function ExceptionsTable({
  items,
  caption,
  withOfficer,
  onRevoke,
}: {
  items: AssignmentException[];
  caption: string;
  withOfficer?: boolean;
  onRevoke?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable captionId={`exceptions-caption${withOfficer ? '-all' : ''}`} caption={caption}>
      <thead>
        <tr>
          {withOfficer && <th scope="col">{t('officers.name')}</th>}
          <th scope="col">{t('officers.school')}</th>
          <th scope="col">{t('officers.reason')}</th>
          <th scope="col">{t('officers.approver')}</th>
          <th scope="col">{t('officers.expiresOn')}</th>
          <th scope="col">{t('officers.exceptionState')}</th>
          {onRevoke && (
            <th scope="col">
              <span className="usa-sr-only">{t('officers.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            {withOfficer && <th scope="row">{e.officerName}</th>}
            <td>{e.schoolName ?? t('officers.anySchool')}</td>
            <td>{e.reason}</td>
            <td>{e.approverName}</td>
            <td>{formatDate(e.expiresOn, i18n.language)}</td>
            <td>
              {t(`officers.exceptionStates.${exceptionState(e)}`)}
              {e.revokedByName ? ` (${e.revokedByName})` : ''}
            </td>
            {onRevoke && (
              <td>
                {e.current && (
                  <Button type="button" unstyled onClick={() => onRevoke(e.id)}>
                    {t('officers.revoke')}
                  </Button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The officer's exceptions and, for a district administrator, revoking one and approving a new one. */
export function OfficerExceptions({
  officer,
  schools,
  canApprove,
}: {
  officer: OfficerDetail;
  schools: { id: string; name: string }[];
  canApprove: boolean;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeException();
  return (
    <section aria-labelledby="exceptions-heading" className="margin-top-4">
      <h2 id="exceptions-heading">{t('officers.exceptionsHeading')}</h2>
      <ApiErrorAlert error={revoke.error} />
      {officer.exceptions.length === 0 ? (
        <p>{t('officers.noExceptions')}</p>
      ) : (
        <ExceptionsTable
          items={officer.exceptions}
          caption={t('officers.exceptionsCaption', { name: officer.name })}
          onRevoke={canApprove ? (id) => revoke.mutate(id) : undefined}
        />
      )}
      {canApprove && <ApproveForm officer={officer} schools={schools} />}
    </section>
  );
}

function ApproveForm({ officer, schools }: { officer: OfficerDetail; schools: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const approve = useApproveException(officer.id);
  const [draft, setDraft] = useState({ schoolId: '', reason: '', expiresOn: '' });
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? approve.error;
  useFocusFirstError(form, error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = { schoolId: draft.schoolId || null, reason: draft.reason, expiresOn: draft.expiresOn };
    if (check(ExceptionCreateInputSchema, input))
      approve.mutate(input, { onSuccess: () => setDraft({ schoolId: '', reason: '', expiresOn: '' }) });
  };
  const reasonError = issueOf(error, 'reason');
  return (
    <>
      <h3 id="approve-heading">{t('officers.approveHeading')}</h3>
      {approve.isSuccess && <Alert type="success" heading={t('officers.approved')} live slim />}
      <ApiErrorAlert error={error} shownFields={['schoolId', 'reason', 'expiresOn']} />
      <Form ref={form} onSubmit={submit} noValidate large aria-labelledby="approve-heading">
        <SelectField
          id="exception-school"
          label={t('officers.school')}
          value={draft.schoolId}
          onChange={(v) => setDraft({ ...draft, schoolId: v })}
          placeholder={t('officers.anySchool')}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          isOptional
          error={issueOf(error, 'schoolId')}
        />
        <div className={`usa-form-group${reasonError ? ' usa-form-group--error' : ''}`}>
          <label className="usa-label" htmlFor="exception-reason">
            {t('officers.reason')}
          </label>
          <span className="usa-hint" id="exception-reason-hint">
            {t('officers.reasonHint')}
          </span>
          {reasonError && <FieldError id="exception-reason-error">{reasonError}</FieldError>}
          <Textarea
            id="exception-reason"
            name="exception-reason"
            value={draft.reason}
            maxLength={2000}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`exception-reason-hint${reasonError ? ' exception-reason-error' : ''}`}
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
          />
        </div>
        <DateField
          id="exception-expires"
          label={t('officers.expiresOn')}
          hint={t('officers.expiresHint')}
          value={draft.expiresOn}
          onChange={(v) => setDraft({ ...draft, expiresOn: v })}
          error={issueOf(error, 'expiresOn')}
        />
        <Button type="submit" disabled={approve.isPending}>
          {t('officers.approveButton')}
        </Button>
      </Form>
    </>
  );
}
