import type { Action, PolicyActor, Scope } from '@forefront/contract';
import type { Db } from '../db/database.js';
import { findDistrict } from '../modules/districts/district.repository.js';
import { authorize, authorizeList } from './authorize.js';
import { NotFoundError } from './errors.js';

/**
 * The one way a service reaches a district-scoped resource by its district id: load the district,
 * answer 404 when it does not exist (exactly as when the actor may not see it), then authorize
 * against the policy table. Services call these first, before any other read.
 */
export type LoadedDistrict = NonNullable<Awaited<ReturnType<typeof findDistrict>>>;

/** The district, or 404. Only for callers with no actor to authorize (public pages, CLI, setup). */
export async function districtOrNotFound(db: Db, id: string): Promise<LoadedDistrict> {
  const district = await findDistrict(db, id);
  if (!district) throw new NotFoundError('District');
  return district;
}

/** The district, with `action` authorized on the district as a whole (404 unseen or missing, 403 out of scope). */
export async function loadDistrictFor(db: Db, actor: PolicyActor, action: Action, id: string): Promise<LoadedDistrict> {
  const district = await districtOrNotFound(db, id);
  authorize(actor, action, { districtId: district.id, state: district.state }, 'District');
  return district;
}

/**
 * The district, with a list `action` authorized on it; `scope` is `school` when the query must be
 * narrowed to the actor's schools (authorizeList).
 */
export async function loadDistrictForList(
  db: Db,
  actor: PolicyActor,
  action: Action,
  id: string,
): Promise<{ district: LoadedDistrict; scope: Exclude<Scope, 'none'> }> {
  const district = await districtOrNotFound(db, id);
  return { district, scope: authorizeList(actor, action, { districtId: district.id, state: district.state }) };
}
