import { Route } from 'react-router';
import { RequireAction } from '../staff/require-action';
import { CaseloadPage } from './caseload-page';
import { ProvidersPage } from './providers-page';
import { ReferralDetailPage } from './referral-detail-page';
import { ReferralFormPage } from './referral-form-page';
import { ReferralsPage } from './referrals-page';

/** Referrals to support services and the provider directory (issue 15 item 3), in the staff app's routes. */
export function referralRoutes() {
  return (
    <>
      <Route
        path="referrals"
        element={
          <RequireAction action="referral.list" needsDistrict>
            <ReferralsPage />
          </RequireAction>
        }
      />
      <Route
        path="referrals/new"
        element={
          <RequireAction action="referral.write" needsDistrict>
            <ReferralFormPage />
          </RequireAction>
        }
      />
      <Route
        path="referrals/providers"
        element={
          <RequireAction action="provider.list" needsDistrict>
            <ProvidersPage />
          </RequireAction>
        }
      />
      <Route
        path="referrals/caseload"
        element={
          <RequireAction action="referral.list" needsDistrict>
            <CaseloadPage />
          </RequireAction>
        }
      />
      <Route
        path="referrals/:id"
        element={
          <RequireAction action="referral.read" needsDistrict>
            <ReferralDetailPage />
          </RequireAction>
        }
      />
    </>
  );
}
