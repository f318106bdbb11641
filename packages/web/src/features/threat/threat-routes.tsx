import { Route } from 'react-router';
import { useCan } from '../staff/me-context';
import { RequireAction } from '../staff/require-action';
import { CasePage } from './case-page';
import { CasesPage } from './cases-page';
import { ReportConcernPage } from './report-page';
import { ThreatSettingsPage } from './settings-page';
import { TeamsPage } from './teams-page';

/**
 * The threat assessment pages (issue 15), registered in the staff app's routes. The case list
 * opens to anyone who may list cases or see counts; a case's own page asks the server, which
 * answers 404 to anyone off the team.
 */
export function threatRoutes() {
  return (
    <>
      <Route path="threat/cases" element={<CasesRoute />} />
      <Route
        path="threat/cases/:id"
        element={
          <RequireAction action="case.read" needsDistrict>
            <CasePage />
          </RequireAction>
        }
      />
      <Route
        path="threat/report"
        element={
          <RequireAction action="case.report" needsDistrict>
            <ReportConcernPage />
          </RequireAction>
        }
      />
      <Route
        path="threat/teams"
        element={
          <RequireAction action="team.list" needsDistrict>
            <TeamsPage />
          </RequireAction>
        }
      />
      <Route
        path="threat/settings"
        element={
          <RequireAction action="threat.settings" needsDistrict>
            <ThreatSettingsPage />
          </RequireAction>
        }
      />
    </>
  );
}

/** Cases, or only their counts: either action opens the page; neither shows the plain refusal. */
function CasesRoute() {
  const can = useCan();
  return (
    <RequireAction action={can('case.list') ? 'case.list' : 'case.counts'} needsDistrict>
      <CasesPage />
    </RequireAction>
  );
}
