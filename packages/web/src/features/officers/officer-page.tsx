import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Form } from '@trussworks/react-uswds';
import { OfficerPatchInputSchema, type OfficerDetail, type OfficerPatchInput } from '@forefront/contract';
import { isApiError, issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { DateField, SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { formatDate } from '../../components/format';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { NotFoundPage } from '../public/not-found-page';
import { useSchools } from '../schools/schools.api';
import { useCan } from '../staff/me-context';
import { ComplianceBadge } from './compliance-badge';
import { AssignForm } from './officer-assign';
import { OfficerExceptions } from './officer-exceptions';
import { useEndAssignment, useLinkableAccounts, useOfficer, useUpdateOfficer } from './officers.api';

export function OfficerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const officer = useOfficer(id);
  if (officer.isPending) return <Loading />;
  if (isApiError(officer.error, 404)) return <NotFoundPage homeTo="/app" />;
  if (officer.isError)
    return (
      <section className="usa-section">
        <PageTitle>{t('officers.title')}</PageTitle>
        <ApiErrorAlert error={officer.error} />
      </section>
    );
  return <OfficerView officer={officer.data} />;
}

/** One officer: details, training status with its reasons, assignments per school, the gate, exceptions. */
function OfficerView({ officer }: { officer: OfficerDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const schools = (useSchools(officer.districtId, { limit: 200, offset: 0 }).data?.items ?? []).map((s) => ({
    id: s.id,
    name: s.name,
  }));
  return (
    <section className="usa-section">
      <p>
        <Link to="/app/officers">{t('officers.back')}</Link>
      </p>
      <PageTitle>{officer.name}</PageTitle>
      <dl className="site-facts">
        <dt>{t('officers.agency')}</dt>
        <dd>{officer.agency}</dd>
        <dt>{t('officers.badge')}</dt>
        <dd>{officer.badgeNumber}</dd>
        <dt>{t('officers.status')}</dt>
        <dd>{t(`officers.statuses.${officer.status}`)}</dd>
        <dt>{t('officers.email')}</dt>
        <dd>{officer.email ?? '—'}</dd>
        <dt>{t('officers.account')}</dt>
        <dd>
          {officer.linkedAccount
            ? `${officer.linkedAccount.displayName} (${officer.linkedAccount.email})`
            : t('officers.noAccount')}
        </dd>
        <dt>{t('officers.schools')}</dt>
        <dd>{officer.schools.map((s) => s.name).join(', ') || t('officers.notAssigned')}</dd>
      </dl>
      <section aria-labelledby="training-heading">
        <h2 id="training-heading">{t('officers.trainingHeading')}</h2>
        <ComplianceBadge compliance={officer.compliance} credentials={officer.credentialTypes} allReasons />
        <p>
          <Link to={`/app/officers/${officer.id}/training`}>{t('officers.trainingLink')}</Link>
        </p>
      </section>
      <History officer={officer} canEnd={can('officer.assign')} />
      {can('officer.assign') && officer.status === 'active' && <AssignForm officer={officer} schools={schools} />}
      <OfficerExceptions officer={officer} schools={schools} canApprove={can('assignment.exception')} />
      {can('officer.write') && <EditForm key={officer.updatedAt} officer={officer} />}
    </section>
  );
}

function History({ officer, canEnd }: { officer: OfficerDetail; canEnd: boolean }) {
  const { t, i18n } = useTranslation();
  const end = useEndAssignment();
  const [ending, setEnding] = useState({ assignmentId: '', endsOn: '' });
  const open = officer.assignments.filter((a) => a.endsOn === null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.mutate(ending, { onSuccess: () => setEnding({ assignmentId: '', endsOn: '' }) });
  };
  return (
    <section aria-labelledby="history-heading" className="margin-top-4">
      <h2 id="history-heading">{t('officers.historyHeading')}</h2>
      {officer.assignments.length === 0 ? (
        <p>{t('officers.noAssignments')}</p>
      ) : (
        <DataTable captionId="history-caption" caption={t('officers.historyCaption', { name: officer.name })}>
          <thead>
            <tr>
              <th scope="col">{t('officers.school')}</th>
              <th scope="col">{t('officers.startsOn')}</th>
              <th scope="col">{t('officers.endsOn')}</th>
              <th scope="col">{t('officers.gate')}</th>
            </tr>
          </thead>
          <tbody>
            {officer.assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.schoolName}</th>
                <td>{formatDate(a.startsOn, i18n.language)}</td>
                <td>{a.endsOn ? formatDate(a.endsOn, i18n.language) : t('officers.ongoing')}</td>
                <td>{t(`officers.gates.${a.gate}`)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {canEnd && open.length > 0 && (
        <Form onSubmit={submit} noValidate large>
          <h3>{t('officers.endHeading')}</h3>
          <ApiErrorAlert error={end.error} shownFields={['endsOn']} />
          <SelectField
            id="end-assignment"
            label={t('officers.school')}
            value={ending.assignmentId}
            onChange={(v) => setEnding({ ...ending, assignmentId: v })}
            placeholder={t('officers.chooseSchool')}
            options={open.map((a) => ({ value: a.id, label: a.schoolName }))}
          />
          <DateField
            id="end-date"
            label={t('officers.endsOn')}
            value={ending.endsOn}
            onChange={(v) => setEnding({ ...ending, endsOn: v })}
            error={issueOf(end.error, 'endsOn')}
          />
          <Button type="submit" disabled={end.isPending || !ending.assignmentId}>
            {t('officers.endButton')}
          </Button>
        </Form>
      )}
    </section>
  );
}

function EditForm({ officer }: { officer: OfficerDetail }) {
  const { t } = useTranslation();
  const update = useUpdateOfficer(officer.id);
  const [draft, setDraft] = useState({
    name: officer.name,
    agency: officer.agency,
    badgeNumber: officer.badgeNumber,
    email: officer.email ?? '',
    status: officer.status,
    userId: '',
  });
  // An officer without an account may be linked to one of the district's SRO accounts.
  const linkable = useLinkableAccounts(officer.districtId, officer.linkedAccount === null);
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? update.error;
  useFocusFirstError(form, error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: OfficerPatchInput = {};
    if (draft.name !== officer.name) input.name = draft.name;
    if (draft.agency !== officer.agency) input.agency = draft.agency;
    if (draft.badgeNumber !== officer.badgeNumber) input.badgeNumber = draft.badgeNumber;
    if (draft.email !== (officer.email ?? '')) input.email = draft.email.trim() ? draft.email : null;
    if (draft.status !== officer.status) input.status = draft.status;
    if (draft.userId) input.userId = draft.userId;
    if (check(OfficerPatchInputSchema, input)) update.mutate(input);
  };
  const set = (k: 'name' | 'agency' | 'badgeNumber' | 'email') => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <section aria-labelledby="edit-officer-heading" className="margin-top-4">
      <h2 id="edit-officer-heading">{t('officers.editHeading')}</h2>
      {update.isSuccess && !invalid && <Alert type="success" heading={t('common.saved')} live slim />}
      <ApiErrorAlert error={error} shownFields={['name', 'agency', 'badgeNumber', 'email', 'status', 'userId']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <TextField
          id="edit-name"
          label={t('officers.name')}
          value={draft.name}
          onChange={set('name')}
          maxLength={200}
          error={issueOf(error, 'name')}
        />
        <TextField
          id="edit-agency"
          label={t('officers.agency')}
          value={draft.agency}
          onChange={set('agency')}
          maxLength={200}
          error={issueOf(error, 'agency')}
        />
        <TextField
          id="edit-badge"
          label={t('officers.badge')}
          value={draft.badgeNumber}
          onChange={set('badgeNumber')}
          maxLength={40}
          error={issueOf(error, 'badgeNumber')}
        />
        <TextField
          id="edit-email"
          type="email"
          label={t('officers.email')}
          isOptional
          value={draft.email}
          onChange={set('email')}
          maxLength={254}
          error={issueOf(error, 'email')}
        />
        <SelectField
          id="edit-status"
          label={t('officers.status')}
          value={draft.status}
          onChange={(v) => setDraft({ ...draft, status: v as OfficerDetail['status'] })}
          options={(['active', 'inactive'] as const).map((s) => ({ value: s, label: t(`officers.statuses.${s}`) }))}
        />
        {officer.linkedAccount === null && (
          <SelectField
            id="edit-account"
            label={t('officers.linkAccount')}
            hint={t('officers.linkAccountHint')}
            value={draft.userId}
            onChange={(v) => setDraft({ ...draft, userId: v })}
            options={[
              { value: '', label: t('officers.noAccountOption') },
              ...(linkable.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName} (${a.email})` })),
            ]}
            error={issueOf(error, 'userId')}
          />
        )}
        {officer.linkedAccount && (
          <p>
            <Button type="button" unstyled onClick={() => update.mutate({ userId: null })}>
              {t('officers.unlink')}
            </Button>
          </p>
        )}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </Button>
      </Form>
    </section>
  );
}
