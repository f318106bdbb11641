import { z } from 'zod';
import { type ClauseKey, type Handler, HANDLERS, type Permission, RULE_CLAUSE, type RoleRules } from './mou-rules.js';
import {
  type Behavior,
  type ContactPurpose,
  type Involvement,
  type OutsideLeKind,
  REVIEWABLE_ACTIONS,
  type SroAction,
} from './taxonomy.js';

/**
 * The role-clarity engine: checks every SRO action on an incident against the role rules of the
 * signed MOU in force on the incident date. Pure, so the server (on every save and import), the
 * web (a preview while the officer types) and the tests all run the same code.
 */

export const FLAG_KINDS = [
  'no_mou_in_force',
  'led_school_staff_category',
  'led_assist_only_category',
  'enforcement_in_school_staff_category',
  'review_missing',
  'search_not_allowed',
  'questioning_without_parent_notice',
  'physical_restraint_not_allowed',
  'mechanical_restraint_not_allowed',
  'force_not_allowed',
  // Issue 12: closer to the MOU's words.
  'questioned_on_school_matter',
  'routine_discipline_contact',
  'staff_referral_for_school_discipline',
] as const;
export const FlagKindSchema = z.enum(FLAG_KINDS);
export type FlagKind = (typeof FLAG_KINDS)[number];
/**
 * Flags about a staff member's referral, not an officer's action: the dashboard about SROs keeps
 * them apart, and their `officerId` names the staff member who referred.
 */
export const STAFF_FLAG_KINDS: readonly FlagKind[] = ['staff_referral_for_school_discipline'];

export interface ReviewInput {
  /** The student the review was about; null reviews the incident as a whole. */
  studentId: string | null;
  decision: 'approved' | 'declined';
  reviewedAt: string;
}

export interface ActionInput {
  action: SroAction;
  studentId: string | null;
  /** When the action happened (ISO); reviews must come no later than this. */
  at: string;
  /** Imminent danger: the review could not wait, and force/restraint rules allow it in emergencies. */
  emergency: boolean;
  emergencyReason: string | null;
  parentNotified: boolean;
  /**
   * The incident behavior the action addresses; the action is judged against that behavior's
   * rule. Null (actions recorded before issue 12, or not said) is judged against the incident's
   * governing category as before.
   */
  behavior?: Behavior | null;
}

/** A referral to (or arrest by) law enforcement outside Forefront, as the engine sees it. */
export interface StaffReferralInput {
  kind: OutsideLeKind;
  /** The staff member (a Forefront user) who referred; null for an arrest nobody at school asked for. */
  referredBy: string | null;
  studentId: string;
  behavior: Behavior | null;
}

export interface ContactInput {
  officerId: string;
  purpose: ContactPurpose;
  involvement: Involvement;
  actions: ActionInput[];
}

export interface IncidentFacts {
  behaviors: Behavior[];
  contacts: ContactInput[];
  reviews: ReviewInput[];
  /** Referrals to and arrests by law enforcement outside Forefront (none when left out). */
  referrals?: readonly StaffReferralInput[];
}

export interface Flag {
  kind: FlagKind;
  /** The SRO whose action is flagged; for STAFF_FLAG_KINDS, the staff member who referred. */
  officerId: string;
  /** The clause the action falls outside of; null only when no MOU is in force at all. */
  clause: ClauseKey | null;
  behavior: Behavior | null;
  action: SroAction | null;
  studentId: string | null;
}

const HANDLER_RANK: Record<Handler, number> = Object.fromEntries(HANDLERS.map((h, i) => [h, i])) as Record<
  Handler,
  number
>;

/**
 * The most permissive handler among the incident's behaviors: an incident that includes a weapon
 * threat may be led by the SRO even if it started as a disruption. With no behaviors coded, the
 * incident is treated as school-staff only (nothing justifies police action yet).
 */
export function governingCategory(behaviors: readonly Behavior[], rules: RoleRules): Category {
  let best: Category = {
    behavior: null,
    handler: 'school_staff_only',
    review: true,
  };
  for (const b of behaviors) {
    const r = categoryOf(b, rules);
    if (best.behavior === null || HANDLER_RANK[r.handler] > HANDLER_RANK[best.handler]) best = r;
  }
  return best;
}

type Category = { behavior: Behavior | null; handler: Handler; review: boolean };

/** The rule for one behavior (a behavior the MOU does not list is school-staff only, as above). */
function categoryOf(b: Behavior, rules: RoleRules): Category {
  const r = rules.categories[b] ?? { handler: 'school_staff_only', reviewBeforeArrestOrReferral: true };
  return { behavior: b, handler: r.handler, review: r.reviewBeforeArrestOrReferral };
}

function permits(p: Permission, emergency: boolean) {
  return p === 'allowed' || (p === 'emergency_only' && emergency);
}

const PERMISSION_CHECKS: Partial<
  Record<SroAction, { rule: (r: RoleRules) => Permission; kind: FlagKind; clause: ClauseKey }>
> = {
  searched: { rule: (r) => r.searches, kind: 'search_not_allowed', clause: RULE_CLAUSE.searches },
  restrained_physical: {
    rule: (r) => r.physicalRestraint,
    kind: 'physical_restraint_not_allowed',
    clause: RULE_CLAUSE.restraint,
  },
  restrained_mechanical: {
    rule: (r) => r.mechanicalRestraint,
    kind: 'mechanical_restraint_not_allowed',
    clause: RULE_CLAUSE.restraint,
  },
  used_force: { rule: (r) => r.useOfForce, kind: 'force_not_allowed', clause: RULE_CLAUSE.force },
};

/** The SRO action an outside referral amounts to, for the flag's `action`. */
const OUTSIDE_ACTION: Record<OutsideLeKind, SroAction> = {
  referral: 'referred_to_law_enforcement',
  arrest: 'arrested',
};

export function evaluateIncident(incident: IncidentFacts, rules: RoleRules | null): Flag[] {
  const flags: Flag[] = [];
  if (!rules) {
    for (const officerId of new Set(incident.contacts.map((c) => c.officerId)))
      flags.push({ kind: 'no_mou_in_force', officerId, clause: null, behavior: null, action: null, studentId: null });
    return flags;
  }
  const gov = governingCategory(incident.behaviors, rules);
  for (const c of incident.contacts) {
    const base = { officerId: c.officerId, behavior: gov.behavior };
    if (c.involvement === 'led' && gov.handler === 'school_staff_only')
      flags.push({
        ...base,
        kind: 'led_school_staff_category',
        clause: RULE_CLAUSE.category,
        action: null,
        studentId: null,
      });
    if (c.involvement === 'led' && gov.handler === 'sro_assists_on_request')
      flags.push({
        ...base,
        kind: 'led_assist_only_category',
        clause: RULE_CLAUSE.category,
        action: null,
        studentId: null,
      });
    // SECURe: officers do not administer school discipline, so a contact for it is drift itself.
    if (c.purpose === 'routine_discipline' && rules.routineDisciplineExcluded)
      flags.push({
        ...base,
        kind: 'routine_discipline_contact',
        clause: RULE_CLAUSE.category,
        action: null,
        studentId: null,
      });
    for (const a of c.actions) {
      // Judged against the behavior the action addresses: a drug behavior added to the incident
      // no longer clears what the officer did about the dress code.
      const cat = a.behavior ? categoryOf(a.behavior, rules) : gov;
      const at = { officerId: c.officerId, behavior: cat.behavior, action: a.action, studentId: a.studentId };
      if (REVIEWABLE_ACTIONS.includes(a.action)) {
        if (cat.handler === 'school_staff_only')
          flags.push({ ...at, kind: 'enforcement_in_school_staff_category', clause: RULE_CLAUSE.category });
        if (cat.review && !a.emergency && !hasApprovedReview(incident.reviews, a))
          flags.push({ ...at, kind: 'review_missing', clause: RULE_CLAUSE.review });
      }
      const check = PERMISSION_CHECKS[a.action];
      if (check && !permits(check.rule(rules), a.emergency))
        flags.push({ ...at, kind: check.kind, clause: check.clause });
      // The clause says officers do not question students about school-rule matters, whoever led.
      if (a.action === 'questioned' && cat.handler === 'school_staff_only')
        flags.push({ ...at, kind: 'questioned_on_school_matter', clause: RULE_CLAUSE.questioning });
      if (a.action === 'questioned' && rules.questioningRequiresParentNotice && !a.parentNotified && !a.emergency)
        flags.push({ ...at, kind: 'questioning_without_parent_notice', clause: RULE_CLAUSE.questioning });
    }
  }
  if (rules.flagStaffReferrals)
    for (const r of incident.referrals ?? []) {
      if (r.referredBy === null) continue;
      const cat = r.behavior ? categoryOf(r.behavior, rules) : gov;
      if (cat.handler === 'school_staff_only')
        flags.push({
          kind: 'staff_referral_for_school_discipline',
          officerId: r.referredBy,
          clause: RULE_CLAUSE.category,
          behavior: cat.behavior,
          action: OUTSIDE_ACTION[r.kind],
          studentId: r.studentId,
        });
    }
  return flags;
}

/** An approved review of this student (or of the whole incident) recorded no later than the action. */
function hasApprovedReview(reviews: readonly ReviewInput[], a: ActionInput) {
  const actionTime = Date.parse(a.at);
  return reviews.some(
    (r) =>
      r.decision === 'approved' &&
      (r.studentId === null || r.studentId === a.studentId) &&
      Date.parse(r.reviewedAt) <= actionTime,
  );
}
