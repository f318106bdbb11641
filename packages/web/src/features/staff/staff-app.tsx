import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { AuditPage } from '../audit/audit-page';
import { CompliancePage } from '../compliance/compliance-page';
import { CrdcFilesRoute } from '../crdc/crdc-files-page';
import { useMe } from '../auth/auth.api';
import { DisclosureLogPage } from '../disclosures/disclosure-log-page';
import { DistrictSettingsPage } from '../districts/district-settings-page';
import { ExportsPage } from '../exports/exports-page';
import { incidentRoutes } from '../incidents/incident-routes';
import { JobsPage } from '../jobs/jobs-page';
import { mouRoutes } from '../mous/mou-routes';
import { officerRoutes } from '../officers/officer-routes';
import { referralRoutes } from '../referrals/referral-routes';
import { threatRoutes } from '../threat/threat-routes';
import { NotFoundPage } from '../public/not-found-page';
import { SchoolEditPage } from '../schools/school-edit-page';
import { SchoolsPage } from '../schools/schools-page';
import { StateDistrictsPage } from '../state/state-districts-page';
import { StudentImportPage } from '../students/student-import-page';
import { StudentsPage } from '../students/students-page';
import { PublishPage } from '../publish/publish-page';
import { TrainingCoursesPage } from '../training-standard/courses-page';
import { TrainingStandardPage } from '../training-standard/standard-page';
import { PeoplePage } from '../users/people-page';
import { ApprovalQueuePage } from '../training-records/approval-queue-page';
import { MyTrainingPage } from '../training-records/my-training-page';
import { OfficerTrainingPage } from '../training-records/officer-training-page';
import { TrainingImportPage } from '../training-records/training-import-page';
import { PersonPage } from '../users/person-page';
import { DashboardPage } from './dashboard-page';
import { ActivitiesPage } from '../activities/activities-page';
import { EquityPage } from '../equity/equity-page';
import { MeContext } from './me-context';
import { RequireAction } from './require-action';
import { StaffLayout } from './staff-layout';

/** The staff chunk's root: nothing below renders until /api/me says who is signed in. */
export default function StaffApp() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;

  if (me.isPending)
    return (
      <main id="main-content" className="grid-container usa-section">
        <Loading />
      </main>
    );
  if (isApiError(me.error, 401)) return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
  if (me.isError)
    return (
      <main id="main-content" className="grid-container usa-section">
        <PageTitle>{t('staff.errorTitle')}</PageTitle>
        <ApiErrorAlert error={me.error} />
      </main>
    );
  if (me.data.mfaPending) {
    const to = me.data.user.mfaEnabled ? `/sign-in?step=mfa&next=${encodeURIComponent(here)}` : '/mfa/enrol';
    return <Navigate to={to} replace />;
  }

  return (
    <MeContext.Provider value={me.data}>
      <StaffLayout>
        <Routes>
          <Route index element={<DashboardPage />} />
          <Route
            path="equity"
            element={
              <RequireAction action="equity.read" needsDistrict>
                <EquityPage />
              </RequireAction>
            }
          />
          <Route
            path="activities"
            element={
              <RequireAction action="activity.list" needsDistrict>
                <ActivitiesPage />
              </RequireAction>
            }
          />
          <Route
            path="settings/district"
            element={
              <RequireAction action="district.read" needsDistrict>
                <DistrictSettingsPage />
              </RequireAction>
            }
          />
          <Route
            path="training/compliance"
            element={
              <RequireAction action="compliance.read" needsDistrict>
                <CompliancePage />
              </RequireAction>
            }
          />
          <Route
            path="schools"
            element={
              <RequireAction action="school.list" needsDistrict>
                <SchoolsPage />
              </RequireAction>
            }
          />
          <Route
            path="schools/:id"
            element={
              <RequireAction action="school.read">
                <SchoolEditPage />
              </RequireAction>
            }
          />
          <Route
            path="students"
            element={
              <RequireAction action="student.list" needsDistrict>
                <StudentsPage />
              </RequireAction>
            }
          />
          <Route
            path="students/import"
            element={
              <RequireAction action="student.import" needsDistrict>
                <StudentImportPage />
              </RequireAction>
            }
          />
          <Route
            path="people"
            element={
              <RequireAction action="user.list" needsDistrict>
                <PeoplePage />
              </RequireAction>
            }
          />
          <Route
            path="people/:id"
            element={
              <RequireAction action="user.read">
                <PersonPage />
              </RequireAction>
            }
          />
          <Route
            path="training/standard"
            element={
              <RequireAction action="training.read" needsDistrict>
                <TrainingStandardPage />
              </RequireAction>
            }
          />
          <Route
            path="training/courses"
            element={
              <RequireAction action="training.read" needsDistrict>
                <TrainingCoursesPage />
              </RequireAction>
            }
          />
          <Route
            path="officers/:id/training"
            element={
              <RequireAction action="officer.read">
                <OfficerTrainingPage />
              </RequireAction>
            }
          />
          <Route
            path="training/records"
            element={
              <RequireAction action="training.approve" needsDistrict>
                <ApprovalQueuePage />
              </RequireAction>
            }
          />
          <Route
            path="training/import"
            element={
              <RequireAction action="training.import" needsDistrict>
                <TrainingImportPage />
              </RequireAction>
            }
          />
          <Route
            path="my-training"
            element={
              <RequireAction action="training.read" needsDistrict>
                <MyTrainingPage />
              </RequireAction>
            }
          />
          <Route
            path="audit"
            element={
              <RequireAction action="audit.list" needsDistrict>
                <AuditPage />
              </RequireAction>
            }
          />
          <Route
            path="publish"
            element={
              <RequireAction action="transparency.publish" needsDistrict>
                <PublishPage />
              </RequireAction>
            }
          />
          <Route
            path="disclosures"
            element={
              <RequireAction action="audit.list" needsDistrict>
                <DisclosureLogPage />
              </RequireAction>
            }
          />
          <Route
            path="exports"
            element={
              <RequireAction action="incident.export" needsDistrict>
                <ExportsPage />
              </RequireAction>
            }
          />
          <Route
            path="state"
            element={
              <RequireAction action="state.district.list">
                <StateDistrictsPage />
              </RequireAction>
            }
          />
          <Route
            path="jobs"
            element={
              <RequireAction action="job.list" needsDistrict>
                <JobsPage />
              </RequireAction>
            }
          />
          <Route path="crdc" element={<CrdcFilesRoute />} />
          {incidentRoutes()}
          {mouRoutes()}
          {officerRoutes()}
          {referralRoutes()}
          {threatRoutes()}
          <Route path="*" element={<NotFoundPage homeTo="/app" />} />
        </Routes>
      </StaffLayout>
    </MeContext.Provider>
  );
}
