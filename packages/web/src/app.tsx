import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './api/query-client';
import { Loading } from './components/loading';
import { PublicLayout } from './features/public/public-layout';
import { NotFoundPage } from './features/public/not-found-page';

/*
 * Three chunks loaded on demand: the public pages (what parents and the community read, kept
 * small), the account pages (sign-in, setup, invitations, MFA: forms built with react-uswds),
 * and the staff app. A visitor to a district's public page never downloads staff code.
 */
const LandingPage = lazy(() => import('./features/public/public-pages').then((m) => ({ default: m.LandingPage })));
const DistrictPage = lazy(() => import('./features/public/public-pages').then((m) => ({ default: m.DistrictPage })));
const SchoolPage = lazy(() => import('./features/public/public-pages').then((m) => ({ default: m.SchoolPage })));
const SignInPage = lazy(() => import('./features/auth/account-pages').then((m) => ({ default: m.SignInPage })));
const MfaEnrolPage = lazy(() => import('./features/auth/account-pages').then((m) => ({ default: m.MfaEnrolPage })));
const SetupPage = lazy(() => import('./features/auth/account-pages').then((m) => ({ default: m.SetupPage })));
const InvitationPage = lazy(() => import('./features/auth/account-pages').then((m) => ({ default: m.InvitationPage })));
// An outside signatory's signing page (issue 12 item 5): its own chunk, for people who never sign in.
const SigningLinkPage = lazy(() =>
  import('./features/mous/signing-link-page').then((m) => ({ default: m.SigningLinkPage })),
);
const StaffApp = lazy(() => import('./features/staff/staff-app'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route
            path="/app/*"
            element={
              <Suspense
                fallback={
                  <main id="main-content" className="grid-container usa-section">
                    <Loading />
                  </main>
                }
              >
                <StaffApp />
              </Suspense>
            }
          />
          <Route element={<PublicLayout />}>
            <Route index element={<LandingPage />} />
            <Route path="districts/:id" element={<DistrictPage />} />
            <Route path="districts/:id/schools/:schoolId" element={<SchoolPage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="mfa/enrol" element={<MfaEnrolPage />} />
            <Route path="setup" element={<SetupPage />} />
            <Route path="invitations/:token" element={<InvitationPage />} />
            <Route path="mou-signing/:token" element={<SigningLinkPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
