// The account chunk: pages that lead someone into the staff app. They share react-uswds's
// form components with the staff chunk, not with the small public pages.
export { SignInPage } from './sign-in-page';
export { MfaEnrolPage } from './mfa-enrol-page';
export { SetupPage } from './setup-page';
export { InvitationPage } from './invitation-page';
