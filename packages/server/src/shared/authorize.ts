import {
  type Action,
  type PolicyActor,
  type PolicyResource,
  NEED_TO_KNOW_ACTIONS,
  type Scope,
  can,
  canSeeDistrict,
  scopeOf,
} from '@forefront/contract';
import { ForbiddenError, NotFoundError } from './errors.js';

/**
 * The first line of every service function that touches a tenant resource. A resource in a
 * district the actor cannot see answers 404, exactly like an id that does not exist, so ids never
 * confirm that another district's records exist. A need-to-know action (a threat assessment
 * case) answers 404 to anyone it refuses, inside the district too.
 */
export function authorize(actor: PolicyActor, action: Action, resource: PolicyResource, what = 'Resource'): void {
  if (!canSeeDistrict(actor, resource)) throw new NotFoundError(what);
  if (can(actor, action, resource)) return;
  if (NEED_TO_KNOW_ACTIONS.includes(action)) throw new NotFoundError(what);
  throw new ForbiddenError(undefined, resource.districtId);
}

/**
 * For list actions over a district: returns the scope so the query can narrow to the actor's
 * schools when the scope is `school`, or to the teams the actor is a member of when it is `team`.
 */
export function authorizeList(
  actor: PolicyActor,
  action: Action,
  district: Pick<PolicyResource, 'districtId' | 'state'>,
  what = 'District',
): Exclude<Scope, 'none'> {
  if (!canSeeDistrict(actor, district)) throw new NotFoundError(what);
  const scope = scopeOf(actor.role, action);
  if (scope === 'none') throw new ForbiddenError(undefined, district.districtId);
  // A school or team scope is narrowed by the query; any wider scope must hold for the district itself.
  if (scope !== 'school' && scope !== 'team' && !can(actor, action, district))
    throw new ForbiddenError(undefined, district.districtId);
  return scope;
}
