import { z } from 'zod';
import { type ClauseKey, type Handler, HANDLERS, type Permission, RULE_CLAUSE, type RoleRules } from './mou-rules.js';
import {
  type Behavior,
  type ContactPurpose,
  type Involvement,
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
] as const;
export const FlagKindSchema = z.enum(FLAG_KINDS);
export type FlagKind = (typeof FLAG_KINDS)[number];

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
}

export interface Flag {
  kind: FlagKind;
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
export function governingCategory(
  behaviors: readonly Behavior[],
  rules: RoleRules,
): { behavior: Behavior | null; handler: Handler; review: boolean } {
  let best: { behavior: Behavior | null; handler: Handler; review: boolean } = {
    behavior: null,
    handler: 'school_staff_only',
    review: true,
  };
  for (const b of behaviors) {
    const r = rules.categories[b] ?? { handler: 'school_staff_only', reviewBeforeArrestOrReferral: true };
    if (best.behavior === null || HANDLER_RANK[r.handler] > HANDLER_RANK[best.handler])
      best = { behavior: b, handler: r.handler, review: r.reviewBeforeArrestOrReferral };
  }
  return best;
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
    for (const a of c.actions) {
      const at = { ...base, action: a.action, studentId: a.studentId };
      if (REVIEWABLE_ACTIONS.includes(a.action)) {
        if (gov.handler === 'school_staff_only')
          flags.push({ ...at, kind: 'enforcement_in_school_staff_category', clause: RULE_CLAUSE.category });
        if (gov.review && !a.emergency && !hasApprovedReview(incident.reviews, a))
          flags.push({ ...at, kind: 'review_missing', clause: RULE_CLAUSE.review });
      }
      const check = PERMISSION_CHECKS[a.action];
      if (check && !permits(check.rule(rules), a.emergency))
        flags.push({ ...at, kind: check.kind, clause: check.clause });
      if (a.action === 'questioned' && rules.questioningRequiresParentNotice && !a.parentNotified && !a.emergency)
        flags.push({ ...at, kind: 'questioning_without_parent_notice', clause: RULE_CLAUSE.questioning });
    }
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
