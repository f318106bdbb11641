import { type FormEvent, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError, SelectField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { issueOf } from '../../api/client';
import { useIncident } from '../incidents/incidents.api';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { OneStudentPicker, type PickedStudent } from './one-student-picker';
import { useReportConcern } from './threat.api';

/**
 * The short form any staff member uses to report a concern (issue 15 item 2). The reporter learns
 * the case's number and which team has it, never the case itself unless they sit on that team.
 * From an incident (?incident=<id>) the school and the incident's students are offered.
 */
export function ReportConcernPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const incidentId = search.get('incident') ?? '';
  const can = useCan();
  const fromIncident = incidentId !== '' && can('incident.read');
  return (
    <section className="usa-section">
      <PageTitle>{t('threat.report.title')}</PageTitle>
      <p className="usa-intro">{t('threat.report.intro')}</p>
      {fromIncident ? <FromIncident incidentId={incidentId} /> : <ReportForm />}
    </section>
  );
}

function FromIncident({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const incident = useIncident(incidentId);
  if (incident.isPending) return null;
  if (incident.isError) return <ApiErrorAlert error={incident.error} heading={t('threat.report.incidentError')} />;
  const i = incident.data;
  return (
    <ReportForm
      incident={{
        id: i.id,
        number: i.number,
        schoolId: i.schoolId,
        students: i.students.map((s) => ({ id: s.studentId, name: s.name, localId: s.localId })),
      }}
    />
  );
}

interface IncidentLink {
  id: string;
  number: string;
  schoolId: string;
  students: PickedStudent[];
}

function ReportForm({ incident }: { incident?: IncidentLink }) {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const schools = useSchools(district.id, { limit: 200, offset: 0 });
  const [schoolId, setSchoolId] = useState(incident?.schoolId ?? '');
  const [student, setStudent] = useState<PickedStudent | null>(null);
  const [concern, setConcern] = useState('');
  const report = useReportConcern(district.id);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, report.error);

  if (report.isSuccess)
    return (
      <Alert type="success" heading={t('threat.report.receivedHeading', { number: report.data.number })} live>
        <p>{t('threat.report.receivedBody', { number: report.data.number, team: report.data.teamName })}</p>
        <p>{t('threat.report.notOnTeam')}</p>
        <p className="margin-bottom-0">
          <Link to="/app">{t('staff.backToDashboard')}</Link>
        </p>
      </Alert>
    );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!student) return;
    report.mutate({
      schoolId,
      studentId: student.id,
      concern,
      ...(incident && { incidentId: incident.id }),
    });
  };
  const concernError = issueOf(report.error, 'concern');
  return (
    <form ref={form} className="usa-form usa-form--large" onSubmit={onSubmit} noValidate={false}>
      {incident && (
        <Alert type="info" slim>
          {t('threat.report.fromIncident', { number: incident.number })}
        </Alert>
      )}
      {report.isError && <ApiErrorAlert error={report.error} shownFields={['concern']} />}
      <SelectField
        id="threat-school"
        label={t('threat.report.school')}
        value={schoolId}
        onChange={(v) => {
          setSchoolId(v);
          setStudent(null);
        }}
        placeholder={t('threat.report.chooseSchool')}
        options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        error={issueOf(report.error, 'schoolId')}
      />
      <OneStudentPicker
        districtId={district.id}
        schoolId={schoolId}
        value={student}
        onChange={setStudent}
        suggestions={incident && incident.schoolId === schoolId ? incident.students : []}
      />
      <FormGroup error={!!concernError}>
        <Label htmlFor="threat-concern" error={!!concernError}>
          {t('threat.report.concern')}
        </Label>
        <div className="usa-hint" id="threat-concern-hint">
          {t('threat.report.concernHint')}
        </div>
        {concernError && <FieldError id="threat-concern-error">{concernError}</FieldError>}
        <Textarea
          id="threat-concern"
          name="concern"
          required
          maxLength={5000}
          value={concern}
          onChange={(e) => setConcern(e.target.value)}
          aria-describedby={`threat-concern-hint${concernError ? ' threat-concern-error' : ''}`}
          aria-invalid={concernError ? true : undefined}
        />
      </FormGroup>
      <p className="usa-hint">{t('threat.report.privacy')}</p>
      <Button type="submit" disabled={report.isPending || !student}>
        {t('threat.report.submit')}
      </Button>
    </form>
  );
}
