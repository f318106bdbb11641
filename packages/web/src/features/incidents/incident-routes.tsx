import { Route } from 'react-router';
import { IncidentColumnsPage } from '../incident-import/incident-columns-page';
import { IncidentImportPage } from '../incident-import/incident-import-page';
import { RoleDriftPage } from '../role-drift/role-drift-page';
import { RequireAction } from '../staff/require-action';
import { IncidentDetailPage } from './incident-detail-page';
import { EditIncidentPage, NewIncidentPage } from './incident-form-page';
import { IncidentsPage } from './incidents-page';

/** The incident log's and the role-drift dashboard's pages, registered in the staff app's routes. */
export function incidentRoutes() {
  return (
    <>
      <Route
        path="incidents"
        element={
          <RequireAction action="incident.list" needsDistrict>
            <IncidentsPage />
          </RequireAction>
        }
      />
      <Route
        path="incidents/new"
        element={
          <RequireAction action="incident.create" needsDistrict>
            <NewIncidentPage />
          </RequireAction>
        }
      />
      <Route
        path="incidents/import"
        element={
          <RequireAction action="incident.import" needsDistrict>
            <IncidentImportPage />
          </RequireAction>
        }
      />
      <Route path="incidents/import/columns" element={<IncidentColumnsPage />} />
      <Route
        path="incidents/:id"
        element={
          <RequireAction action="incident.read" needsDistrict>
            <IncidentDetailPage />
          </RequireAction>
        }
      />
      <Route
        path="incidents/:id/edit"
        element={
          <RequireAction action="incident.update" needsDistrict>
            <EditIncidentPage />
          </RequireAction>
        }
      />
      <Route
        path="role-drift"
        element={
          <RequireAction action="drift.read" needsDistrict>
            <RoleDriftPage />
          </RequireAction>
        }
      />
    </>
  );
}
