import { THREAT_ACTIONS, THREAT_POLICY } from './policy.threat.js';
import type { Role } from './roles.js';

/**
 * The single source of truth for who may do what (ARCHITECTURE-GUIDE example 5). Every API route
 * names one action from this table, or one of the non-resource policies below; the server refuses
 * to start with a route that names neither, and a generated test walks every route x role x scope
 * against this table.
 *
 * A scope says how far an allowed action reaches:
 * - `district`: anything in the actor's own district;
 * - `school`:   only resources tied to one of the actor's assigned schools (FERPA need-to-know);
 * - `state`:    any district in the actor's state (a state deployment's viewer);
 * - `team`:     only resources of a threat assessment team the actor is a member of (issue 15: a
 *               case's need-to-know is its team, not its school);
 * - `none`:     denied (deny by default: a role missing from an action is denied).
 */
export type Scope = 'none' | 'school' | 'district' | 'state' | 'team';

export const ACTIONS = [
  'district.read',
  'district.update',
  'school.list',
  'school.read',
  'school.create',
  'school.update',
  'user.list',
  'user.read',
  'user.invite',
  'user.update',
  'invitation.list',
  'invitation.revoke',
  'audit.list',
  'audit.verify',
  'state.district.list',
  // Issue 3: MOUs, the student roster, incidents and the role-clarity dashboard.
  'mou.list',
  'mou.read',
  'mou.write',
  'mou.sign',
  'student.list',
  'student.read',
  'student.import',
  'incident.list',
  'incident.read',
  'incident.create',
  'incident.update',
  'incident.review',
  'incident.reclassify',
  'incident.import',
  'incident.export',
  'crdc.export',
  'drift.read',
  // Issue 4: publishing the public transparency report (reading it is public).
  'transparency.publish',
  'transparency.status',
  // Issue 12.6: long work runs as jobs. Seeing or cancelling one also needs the policy of its kind.
  'crdc.import',
  'job.start',
  'job.list',
  'job.cancel',
  // Issue 13: a state viewer loads the CRDC files of their state from the browser (a state's job).
  'crdc.import.state',
  // Issue 14: the SRO roster, training standards and records, compliance, officers' time.
  'officer.list',
  'officer.read',
  'officer.write',
  'officer.assign',
  'assignment.exception',
  'training.read',
  'training.standard',
  'training.record',
  'training.approve',
  'training.import',
  'compliance.read',
  'activity.list',
  'activity.write',
  // Issue 15 (policy.threat.ts).
  ...THREAT_ACTIONS,
] as const;
export type Action = (typeof ACTIONS)[number];

export type PolicyRow = Partial<Record<Role, Scope>>;

export const POLICY: Record<Action, PolicyRow> = {
  'district.read': {
    district_admin: 'district',
    school_admin: 'district',
    sro: 'district',
    support_staff: 'district',
    auditor: 'district',
    state_viewer: 'state',
    training_coordinator: 'district',
    threat_coordinator: 'district',
  },
  'district.update': { district_admin: 'district' },
  'school.list': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    support_staff: 'school',
    auditor: 'district',
    state_viewer: 'state',
    training_coordinator: 'district',
    threat_coordinator: 'district',
  },
  'school.read': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    support_staff: 'school',
    auditor: 'district',
    state_viewer: 'state',
    training_coordinator: 'district',
    threat_coordinator: 'district',
  },
  'school.create': { district_admin: 'district' },
  'school.update': { district_admin: 'district', school_admin: 'school' },
  // People and roles: a principal sees the staff of their own schools; only the district
  // administrator grants or changes roles, so nobody can raise their own access.
  'user.list': { district_admin: 'district', school_admin: 'school', auditor: 'district' },
  'user.read': { district_admin: 'district', school_admin: 'school', auditor: 'district' },
  'user.invite': { district_admin: 'district' },
  'user.update': { district_admin: 'district' },
  'invitation.list': { district_admin: 'district', auditor: 'district' },
  'invitation.revoke': { district_admin: 'district' },
  // The audit trail names who looked at which student: only the district administrator and
  // the independent auditor read it.
  'audit.list': { district_admin: 'district', auditor: 'district' },
  'audit.verify': { district_admin: 'district', auditor: 'district' },
  'state.district.list': { state_viewer: 'state' },
  // The MOU is a public document once signed; drafts are visible to the district's staff.
  'mou.list': {
    district_admin: 'district',
    school_admin: 'district',
    sro: 'district',
    support_staff: 'district',
    auditor: 'district',
    state_viewer: 'state',
    threat_coordinator: 'district',
  },
  'mou.read': {
    district_admin: 'district',
    school_admin: 'district',
    sro: 'district',
    support_staff: 'district',
    auditor: 'district',
    state_viewer: 'state',
    threat_coordinator: 'district',
  },
  'mou.write': { district_admin: 'district' },
  'mou.sign': { district_admin: 'district' },
  // Student-level data: need-to-know (FERPA 99.31(a)(1)(ii)). Officers see their schools' roster
  // only to name students in their incidents; support staff get referrals in a later module.
  // Issue 15: the threat assessment coordinator names the student of a case and checks IEP/504.
  'student.list': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'student.read': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    auditor: 'district',
    threat_coordinator: 'district',
  },
  'student.import': { district_admin: 'district' },
  // An SRO's `school` scope is narrowed further by the MOU's information-sharing clause: the
  // incidents they took part in, plus their schools' incidents only as the clause allows.
  'incident.list': { district_admin: 'district', school_admin: 'school', sro: 'school', auditor: 'district' },
  'incident.read': { district_admin: 'district', school_admin: 'school', sro: 'school', auditor: 'district' },
  'incident.create': { district_admin: 'district', school_admin: 'school', sro: 'school' },
  'incident.update': { district_admin: 'district', school_admin: 'school', sro: 'school' },
  // The administrator's review before an arrest or referral: never the officer themself.
  'incident.review': { district_admin: 'district', school_admin: 'school' },
  'incident.reclassify': { district_admin: 'district' },
  'incident.import': { district_admin: 'district' },
  'incident.export': { district_admin: 'district', auditor: 'district' },
  'crdc.export': { district_admin: 'district', auditor: 'district' },
  'drift.read': { district_admin: 'district', school_admin: 'school', auditor: 'district' },
  // Publishing puts figures in front of the public: the district administrator's decision. The
  // independent auditor sees when each year was last published.
  'transparency.publish': { district_admin: 'district' },
  'transparency.status': { district_admin: 'district', auditor: 'district' },
  // OCR's public-use file of the district's own state (the benchmarks its public page compares with).
  'crdc.import': { district_admin: 'district' },
  // Issue 14: the training coordinator runs transcript imports (each kind's own action still decides).
  'job.start': { district_admin: 'district', auditor: 'district', training_coordinator: 'district' },
  'job.list': { district_admin: 'district', auditor: 'district', training_coordinator: 'district' },
  'job.cancel': { district_admin: 'district' },
  // Public federal data of the viewer's own state: the state-wide figures the district pages compare
  // with. Starting, following and running the load all check it (a state's job, POST /api/state/jobs).
  'crdc.import.state': { state_viewer: 'state' },
  // Issue 14. The roster names officers, not students: a principal sees the officers assigned to
  // their schools; the training coordinator keeps the roster and the training files; only the
  // district administrator assigns officers to schools past the gate's exceptions.
  'officer.list': {
    district_admin: 'district',
    school_admin: 'school',
    auditor: 'district',
    training_coordinator: 'district',
  },
  'officer.read': {
    district_admin: 'district',
    school_admin: 'school',
    auditor: 'district',
    training_coordinator: 'district',
  },
  'officer.write': { district_admin: 'district', training_coordinator: 'district' },
  'officer.assign': { district_admin: 'district', training_coordinator: 'district' },
  'assignment.exception': { district_admin: 'district' },
  // The standard itself is the district's published rule: every staff member may read it.
  'training.read': {
    district_admin: 'district',
    school_admin: 'district',
    sro: 'district',
    support_staff: 'district',
    auditor: 'district',
    training_coordinator: 'district',
    threat_coordinator: 'district',
  },
  'training.standard': { district_admin: 'district', training_coordinator: 'district' },
  'training.record': { district_admin: 'district', training_coordinator: 'district' },
  'training.approve': { district_admin: 'district', training_coordinator: 'district' },
  'training.import': { district_admin: 'district', training_coordinator: 'district' },
  'compliance.read': {
    district_admin: 'district',
    school_admin: 'school',
    auditor: 'district',
    training_coordinator: 'district',
  },
  // Officers log their own time at their schools; a principal sees their schools' log.
  'activity.list': {
    district_admin: 'district',
    school_admin: 'school',
    sro: 'school',
    auditor: 'district',
    training_coordinator: 'district',
  },
  'activity.write': { district_admin: 'district', sro: 'school' },
  ...THREAT_POLICY,
};

/**
 * Actions whose refusal answers 404 like a missing id, even inside the actor's own district: a
 * threat assessment case must not be confirmed to exist to anyone off its team (issue 15).
 */
export const NEED_TO_KNOW_ACTIONS: readonly Action[] = ['case.read', 'case.write', 'case.export'];

/**
 * Routes that act on no tenant resource. `public`: anyone, no session (health, public pages,
 * sign-in itself). `session`: any signed-in account, about itself (who am I, sign out, MFA
 * enrolment).
 */
export type RoutePolicy = Action | 'public' | 'session';

export function scopeOf(role: Role, action: Action): Scope {
  return POLICY[action][role] ?? 'none';
}

export interface PolicyActor {
  /** The account; needed by `team` scopes (a member is a person, not a school). */
  userId?: string;
  role: Role;
  districtId: string | null;
  state: string | null;
  schoolIds: readonly string[];
}

export interface PolicyResource {
  districtId: string;
  /** The district's state (two-letter postal code). */
  state: string;
  /** Schools the resource belongs to; absent for district-wide resources. */
  schoolIds?: readonly string[];
  /** Accounts of the threat assessment team the resource belongs to (a case): `team` scopes. */
  memberIds?: readonly string[];
}

/** Can the actor see that this district exists at all? If not, its ids answer as not found. */
export function canSeeDistrict(actor: PolicyActor, resource: Pick<PolicyResource, 'districtId' | 'state'>): boolean {
  if (actor.role === 'state_viewer') return actor.state !== null && actor.state === resource.state;
  return actor.districtId === resource.districtId;
}

export function can(actor: PolicyActor, action: Action, resource: PolicyResource): boolean {
  const scope = scopeOf(actor.role, action);
  switch (scope) {
    case 'none':
      return false;
    case 'state':
      return actor.state !== null && actor.state === resource.state;
    case 'district':
      return actor.districtId === resource.districtId;
    case 'school':
      return (
        actor.districtId === resource.districtId &&
        resource.schoolIds !== undefined &&
        resource.schoolIds.some((id) => actor.schoolIds.includes(id))
      );
    case 'team':
      return (
        actor.districtId === resource.districtId &&
        actor.userId !== undefined &&
        resource.memberIds !== undefined &&
        resource.memberIds.includes(actor.userId)
      );
  }
}
