import { Route } from 'react-router';
import { RequireAction } from '../staff/require-action';
import { ExceptionsPage } from './exceptions-page';
import { MyOfficerPage } from './my-officer-page';
import { OfficerPage } from './officer-page';
import { OfficersPage } from './officers-page';

/** The roster pages (issue 14), registered in the staff app's routes. */
export function officerRoutes() {
  return (
    <>
      <Route
        path="officers"
        element={
          <RequireAction action="officer.list" needsDistrict>
            <OfficersPage />
          </RequireAction>
        }
      />
      <Route
        path="officers/:id"
        element={
          <RequireAction action="officer.read">
            <OfficerPage />
          </RequireAction>
        }
      />
      <Route
        path="training/exceptions"
        element={
          <RequireAction action="officer.list" needsDistrict>
            <ExceptionsPage />
          </RequireAction>
        }
      />
      <Route path="my-officer" element={<MyOfficerPage />} />
    </>
  );
}
