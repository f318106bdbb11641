import { Route } from 'react-router';
import { RequireAction } from '../staff/require-action';
import { MouDiffPage } from './mou-diff-page';
import { MouEditorPage } from './mou-editor-page';
import { MouPage } from './mou-page';
import { MousPage } from './mous-page';

/** The MOU pages, registered in the staff app's routes. */
export function mouRoutes() {
  return (
    <>
      <Route
        path="mous"
        element={
          <RequireAction action="mou.list" needsDistrict>
            <MousPage />
          </RequireAction>
        }
      />
      <Route
        path="mous/:id"
        element={
          <RequireAction action="mou.read">
            <MouPage />
          </RequireAction>
        }
      />
      <Route
        path="mous/:id/edit"
        element={
          <RequireAction action="mou.write">
            <MouEditorPage />
          </RequireAction>
        }
      />
      <Route
        path="mous/:id/diff"
        element={
          <RequireAction action="mou.read">
            <MouDiffPage />
          </RequireAction>
        }
      />
    </>
  );
}
