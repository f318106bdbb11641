import type { PolicyRow } from './policy.js';

/**
 * Issue 15's rows of THE policy table (policy.ts spreads them in): threat assessment teams and
 * cases, referrals to support services, the equity audit. Kept apart only so that each file reads
 * in one sitting; `POLICY` and `ACTIONS` in policy.ts remain the one table every check reads.
 */
export const THREAT_ACTIONS = [
  'threat.settings',
  'team.list',
  'team.write',
  'case.report',
  'case.counts',
  'case.list',
  'case.read',
  'case.write',
  'case.export',
  'provider.list',
  'provider.write',
  'referral.list',
  'referral.read',
  'referral.write',
  'equity.read',
] as const;

export const THREAT_POLICY: Record<(typeof THREAT_ACTIONS)[number], PolicyRow> = {
  // Issue 15. The district's protocol, its law-enforcement threshold and the equity alert threshold.
  'threat.settings': { district_admin: 'district', threat_coordinator: 'district' },
  // Who sits on which team is not student data: the staff of a school see their school's team.
  'team.list': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    support_staff: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'team.write': { district_admin: 'district', threat_coordinator: 'district' },
  // Any staff member reports a concern; the report goes to the school's team and the reporter
  // does not thereby see the case.
  'case.report': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    support_staff: 'school',
    threat_coordinator: 'district',
    training_coordinator: 'district',
  },
  // Counts without a single case: what a district administrator or principal off the team sees.
  'case.counts': {
    district_admin: 'district',
    school_admin: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  // A case opens to its team's members, the district's threat assessment coordinator and (read
  // only, until the account expires) the auditor. Nobody else, a district administrator included:
  // for them a case answers exactly as one that does not exist (NEED_TO_KNOW_ACTIONS).
  'case.list': {
    district_admin: 'team',
    school_admin: 'team',
    sro: 'team',
    support_staff: 'team',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'case.read': {
    district_admin: 'team',
    school_admin: 'team',
    sro: 'team',
    support_staff: 'team',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'case.write': {
    district_admin: 'team',
    school_admin: 'team',
    sro: 'team',
    support_staff: 'team',
    threat_coordinator: 'district',
  },
  // A case's record leaving the team (a PDF for a records request): recorded as a disclosure.
  'case.export': {
    district_admin: 'team',
    school_admin: 'team',
    sro: 'team',
    support_staff: 'team',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  // The directory of counselors, social workers, psychologists and community providers.
  'provider.list': {
    district_admin: 'district',
    school_admin: 'district',
    sro: 'district',
    support_staff: 'district',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'provider.write': { district_admin: 'district', threat_coordinator: 'district' },
  // Referrals name a student and a need for help: the school's administrators and support staff,
  // not its officer (an officer's referral is made through the incident it came from).
  'referral.list': {
    district_admin: 'district',
    school_admin: 'school',
    support_staff: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'referral.read': {
    district_admin: 'district',
    school_admin: 'school',
    support_staff: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'referral.write': {
    district_admin: 'district',
    school_admin: 'school',
    support_staff: 'school',
    threat_coordinator: 'district',
  },
  // Aggregates by group: no case is named, but small groups can be, so not every role.
  'equity.read': { district_admin: 'district', auditor: 'district', threat_coordinator: 'district' },
};
