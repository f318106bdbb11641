import { z } from 'zod';

/**
 * The people who sign in to Forefront (DOMAIN.md section 1). Parents and the public never sign in:
 * they use the public pages.
 */
export const ROLES = [
  'district_admin',
  'school_admin',
  'sro',
  'support_staff',
  'auditor',
  'state_viewer',
  'training_coordinator',
  // Issue 15: the district's threat assessment coordinator opens every case of the district.
  'threat_coordinator',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Support staff are one role with a profession, because their access is the same. */
export const SUPPORT_PROFESSIONS = ['counselor', 'psychologist', 'social_worker'] as const;
export const SupportProfessionSchema = z.enum(SUPPORT_PROFESSIONS);
export type SupportProfession = z.infer<typeof SupportProfessionSchema>;

/**
 * Roles whose scope is a set of schools rather than the whole district. An account in one of
 * these roles must be assigned to at least one school.
 */
export const SCHOOL_SCOPED_ROLES: readonly Role[] = ['school_admin', 'sro', 'support_staff'];

/**
 * Roles that can reach student-level data now or in later modules (incidents, referrals, threat
 * cases, the audit log that names students). FERPA need-to-know plus the PowerSchool breach
 * (a support login without MFA exported whole tables) is why every one of them must use TOTP.
 * A state viewer sees suppressed aggregates only.
 */
export const MFA_REQUIRED_ROLES: readonly Role[] = [
  'district_admin',
  'school_admin',
  'sro',
  'support_staff',
  'auditor',
  // Issue 14: officers' training files are personnel records, and certificates carry their details.
  'training_coordinator',
  // Issue 15: threat assessment cases are the most sensitive records in the product.
  'threat_coordinator',
];

export function isMfaRequired(role: Role): boolean {
  return MFA_REQUIRED_ROLES.includes(role);
}

export function isSchoolScoped(role: Role): boolean {
  return SCHOOL_SCOPED_ROLES.includes(role);
}
