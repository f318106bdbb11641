import { z } from 'zod';
import { BEHAVIOR_KEYS, BEHAVIORS, type Behavior, BehaviorSchema } from './taxonomy.js';

/**
 * MOU clauses (DOMAIN.md section 2). The keys are stable: role rules and violation flags cite
 * them. The clause library's model text lives with the MOU module; here are only the keys and
 * which template requires which.
 */
export const CLAUSE_KEYS = [
  // COPS Hiring Program minimum
  'purpose',
  'roles_and_responsibilities',
  'information_sharing',
  'supervision_and_chain_of_command',
  'signatures',
  // Common clauses
  'program_goals',
  'selection_criteria',
  'training_requirements',
  'discipline_separation',
  'searches_and_questioning',
  'use_of_force_and_restraint',
  'data_collection_and_reporting',
  'complaint_process',
  'crisis_planning',
  'annual_review',
  // SECURe action steps
  'secure_partnerships',
  'secure_civil_rights',
  'secure_hiring',
  'secure_training',
  'secure_evaluation',
] as const;
export const ClauseKeySchema = z.enum(CLAUSE_KEYS);
export type ClauseKey = (typeof CLAUSE_KEYS)[number];

export const MOU_TEMPLATES = {
  cops_minimum: [
    'purpose',
    'roles_and_responsibilities',
    'information_sharing',
    'supervision_and_chain_of_command',
    'signatures',
  ],
  secure: [
    'purpose',
    'roles_and_responsibilities',
    'information_sharing',
    'supervision_and_chain_of_command',
    'signatures',
    'secure_partnerships',
    'secure_civil_rights',
    'secure_hiring',
    'secure_training',
    'secure_evaluation',
  ],
  comprehensive: CLAUSE_KEYS.filter((k) => !k.startsWith('secure_')),
} as const satisfies Record<string, readonly ClauseKey[]>;
export type MouTemplate = keyof typeof MOU_TEMPLATES;
export const MouTemplateSchema = z.enum(Object.keys(MOU_TEMPLATES) as [MouTemplate, ...MouTemplate[]]);

/** Who handles a behavior category under the MOU. */
export const HANDLERS = ['school_staff_only', 'sro_assists_on_request', 'sro_leads'] as const;
export const HandlerSchema = z.enum(HANDLERS);
export type Handler = (typeof HANDLERS)[number];

/** Restraint, force and searches: never; only in an emergency (imminent danger); or allowed. */
export const PERMISSIONS = ['forbidden', 'emergency_only', 'allowed'] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = (typeof PERMISSIONS)[number];

/** What the SRO may see of their schools' incidents beyond the ones they took part in. */
export const INFORMATION_SHARING = ['own_incidents_only', 'serious_incidents', 'all_school_incidents'] as const;
export const InformationSharingSchema = z.enum(INFORMATION_SHARING);
export type InformationSharing = (typeof INFORMATION_SHARING)[number];

export const CategoryRuleSchema = z.object({
  handler: HandlerSchema,
  /** An administrator must review before a non-emergency arrest, citation or referral. */
  reviewBeforeArrestOrReferral: z.boolean(),
});
export type CategoryRule = z.infer<typeof CategoryRuleSchema>;

/** The MOU's role rules as data: the role-clarity engine checks every SRO action against them. */
export const RoleRulesSchema = z.object({
  categories: z.record(BehaviorSchema, CategoryRuleSchema),
  searches: PermissionSchema,
  /** Questioning a student requires a parent to be notified (or present) first. */
  questioningRequiresParentNotice: z.boolean(),
  physicalRestraint: PermissionSchema,
  mechanicalRestraint: PermissionSchema,
  useOfForce: PermissionSchema,
  informationSharing: InformationSharingSchema,
  /**
   * The MOU excludes officers from routine school discipline (SECURe): a contact the officer
   * marks as routine discipline is itself a flag. On unless the MOU says otherwise (MOUs signed
   * before this rule existed read as on, the clause they all carry).
   */
  routineDisciplineExcluded: z.boolean().default(true),
  /**
   * The district's choice: flag a staff member's referral to police (or a police arrest after it)
   * for a behavior this MOU leaves to school staff. On by default, since CRDC counts such referrals
   * the same as an officer's.
   */
  flagStaffReferrals: z.boolean().default(true),
});
export type RoleRules = z.infer<typeof RoleRulesSchema>;

/** Which clause each rule comes from, so a flag can cite it. */
export const RULE_CLAUSE = {
  category: 'discipline_separation',
  review: 'roles_and_responsibilities',
  searches: 'searches_and_questioning',
  questioning: 'searches_and_questioning',
  restraint: 'use_of_force_and_restraint',
  force: 'use_of_force_and_restraint',
  informationSharing: 'information_sharing',
} as const satisfies Record<string, ClauseKey>;

/**
 * Defaults that follow the evidence (SECURe: officers do not administer school discipline):
 * routine categories are school-staff only, serious ones SRO-led with review before arrest, force
 * and restraint only in emergencies.
 */
export function defaultRoleRules(): RoleRules {
  const categories = Object.fromEntries(
    BEHAVIOR_KEYS.map((b: Behavior) => [
      b,
      BEHAVIORS[b].seriousness === 'routine'
        ? { handler: 'school_staff_only', reviewBeforeArrestOrReferral: true }
        : {
            handler: 'sro_leads',
            reviewBeforeArrestOrReferral: BEHAVIORS[b].crdc === null || !BEHAVIORS[b].crdc.includes('firearm'),
          },
    ]),
  ) as RoleRules['categories'];
  return {
    categories,
    searches: 'emergency_only',
    questioningRequiresParentNotice: true,
    physicalRestraint: 'emergency_only',
    mechanicalRestraint: 'emergency_only',
    useOfForce: 'emergency_only',
    informationSharing: 'serious_incidents',
    routineDisciplineExcluded: true,
    flagStaffReferrals: true,
  };
}
