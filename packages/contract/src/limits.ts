/**
 * Numbers with a legal or security reason behind them, in one place so server, web and tests
 * agree. Each carries its source.
 */

/** NIST SP 800-63B-4 section 3.1.1.2: 15 characters when the password is the only factor. */
export const PASSWORD_MIN_LENGTH_SINGLE_FACTOR = 15;
/** NIST SP 800-63B: 8 characters when the password is used with a second factor. */
export const PASSWORD_MIN_LENGTH_WITH_MFA = 8;
/** NIST asks verifiers to allow at least 64 characters; we allow more but cap hashing cost. */
export const PASSWORD_MAX_LENGTH = 256;

/** Lock an account after this many consecutive failed sign-ins ... */
export const SIGN_IN_MAX_FAILURES = 5;
/** ... for this long (the issue asks for at least 10 minutes). */
export const SIGN_IN_LOCK_MINUTES = 15;

/** Server-side session limits (OWASP session management; NIST AAL2 reauthentication). */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;

/** How long an invitation link stays valid. */
export const INVITATION_TTL_HOURS = 72;

/** Recovery codes issued at MFA enrolment. */
export const RECOVERY_CODE_COUNT = 10;

/** Default page size for lists; the maximum a client may ask for. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
