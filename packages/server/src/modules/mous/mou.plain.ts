import {
  BEHAVIOR_KEYS,
  type Behavior,
  type Handler,
  type InformationSharing,
  type Permission,
  type RoleRules,
} from '@forefront/contract';

/**
 * The role rules in plain English, for the printed MOU and the public API. (The web app says the
 * same in the reader's language through i18next.)
 */
export const HANDLER_TEXT: Record<Handler, string> = {
  school_staff_only: 'School staff only',
  sro_assists_on_request: 'SRO may assist when asked',
  sro_leads: 'SRO leads',
};

export const PERMISSION_TEXT: Record<Permission, string> = {
  forbidden: 'Never',
  emergency_only: 'Only in an emergency (imminent danger of serious harm)',
  allowed: 'Allowed',
};

export const SHARING_TEXT: Record<InformationSharing, string> = {
  own_incidents_only: 'Only the incidents the SRO took part in',
  serious_incidents: "Serious incidents at the SRO's schools, and the ones the SRO took part in",
  all_school_incidents: "All incidents at the SRO's schools",
};

export const behaviorText = (b: Behavior) => {
  const s = b.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export interface PlainRow {
  label: string;
  value: string;
}

/** One row per behavior category, then the general rules. */
export function plainRoleRules(rules: RoleRules): {
  categories: (PlainRow & { review: string })[];
  general: PlainRow[];
} {
  return {
    categories: BEHAVIOR_KEYS.map((b) => ({
      label: behaviorText(b),
      value: HANDLER_TEXT[rules.categories[b].handler],
      review: rules.categories[b].reviewBeforeArrestOrReferral
        ? 'Administrator review required before a non-emergency arrest, citation or referral'
        : 'No administrator review required',
    })),
    general: [
      { label: 'Searches of students by the SRO', value: PERMISSION_TEXT[rules.searches] },
      {
        label: 'Questioning a student',
        value: rules.questioningRequiresParentNotice
          ? 'Parent or guardian notified first'
          : 'No parent notice required',
      },
      { label: 'Physical restraint', value: PERMISSION_TEXT[rules.physicalRestraint] },
      { label: 'Mechanical restraint (handcuffs)', value: PERMISSION_TEXT[rules.mechanicalRestraint] },
      { label: 'Use of force', value: PERMISSION_TEXT[rules.useOfForce] },
      { label: 'What the SRO may see of school incidents', value: SHARING_TEXT[rules.informationSharing] },
      {
        label: 'Routine school discipline',
        value: rules.routineDisciplineExcluded
          ? 'Officers do not take part; a contact for routine discipline is flagged'
          : 'Officers may help with routine discipline',
      },
      {
        label: 'Staff referrals to police',
        value: rules.flagStaffReferrals ? 'A referral for a matter left to school staff is flagged' : 'Not flagged',
      },
    ],
  };
}
